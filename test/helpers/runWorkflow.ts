/**
 * Runs a small workflow with n8n-core's WorkflowExecute, the engine n8n itself uses for manual
 * and production executions. See runNode.ts for the one-node shorthand and usage notes.
 */
import type {
	ExecutionStatus,
	IBinaryData,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	ITaskData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData, isNodeClassInstance } from 'n8n-workflow';
import { WorkflowExecute } from 'n8n-core';

import { createAdditionalData } from './additionalData';
import { readBinary, toExecutionItems, type ItemInput } from './binary';
import { HarnessCredentialsHelper, credentialIdFor, type CredentialTypeInput, type CredentialsInput } from './credentialsHelper';
import { getEngine, type BinaryMode } from './engine';
import { recordVisible } from './leakScan';
import { HarnessNodeTypes, latestVersion, type NodeTypeInput } from './nodeTypes';

/** A node as a test writes it: only name, type and parameters are needed. */
export interface WorkflowNodeInput {
	name: string;
	/** Node type name, qualified ("n8n-nodes-claude-aws.claudeAws") or bare ("claudeAws"). */
	type: string;
	parameters?: INodeParameters;
	typeVersion?: number;
	id?: string;
	/** Filled in automatically for every credential type the node declares and the run was given. */
	credentials?: INode['credentials'];
	onError?: INode['onError'];
	continueOnFail?: boolean;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	disabled?: boolean;
}

export interface WorkflowInput {
	nodes: WorkflowNodeInput[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
}

export interface RunWorkflowOptions {
	/** Every node type the workflow uses (classes or instances). */
	nodeTypes: NodeTypeInput[];
	credentials?: CredentialsInput;
	credentialTypes?: CredentialTypeInput[];
	/** Items handed to the start node; defaults to one empty item, like a Manual Trigger. */
	input?: ItemInput[];
	/** Name of the node to start at; defaults to the first node nothing connects into. */
	startNode?: string;
	mode?: WorkflowExecuteMode;
	binaryMode?: BinaryMode;
	/** $vars for expressions. */
	variables?: Record<string, string>;
}

export interface NodeRun {
	/** Items per output (index 0 is the main output; 1 the error output with continueErrorOutput). */
	items: INodeExecutionData[][];
	/** The error instance the node threw (NodeApiError, NodeOperationError...), if any. */
	error?: Error;
	/** The error as n8n records it in run data (a plain copy with message, description, node...). */
	taskError?: ITaskData['error'];
	executionStatus?: ExecutionStatus;
	task: ITaskData;
}

export interface WorkflowRun {
	run: IRun;
	status: ExecutionStatus;
	/** Workflow-level error (what stopped the execution), if any. */
	error?: IRun['data']['resultData']['error'];
	/** Runs per node name, in run-index order. */
	nodes: Record<string, NodeRun[]>;
	executionOrder: string[];
	/** Workflow static data after the run. */
	staticData: IDataObject;
	/** The credentials helper used (authenticateCalls lists every request a credential signed). */
	credentialsHelper: HarnessCredentialsHelper;
	/** Output items of a node. */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** Bytes of a binary property of an item a node output. */
	binary(nodeName: string, itemIndex: number, property?: string, outputIndex?: number): Promise<Buffer>;
}

export async function runWorkflow(workflowInput: WorkflowInput, options: RunWorkflowOptions): Promise<WorkflowRun> {
	const engine = await getEngine();
	engine.setBinaryMode(options.binaryMode ?? 'filesystem');

	const nodeTypes = new HarnessNodeTypes();
	const thrown = new Map<string, Error[]>();
	for (const type of options.nodeTypes) nodeTypes.register(type);
	nodeTypes.onExecuteError = (nodeName, error) => {
		thrown.set(nodeName, [...(thrown.get(nodeName) ?? []), error]);
	};

	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes);
	await credentialsHelper.setCredentials(options.credentials ?? {});

	const nodes = workflowInput.nodes.map((n, i) => completeNode(n, i, nodeTypes, options.credentials ?? {}));
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test workflow',
		nodes,
		connections: workflowInput.connections,
		active: false,
		nodeTypes,
		staticData: structuredClone(workflowInput.staticData ?? {}),
		settings: { executionOrder: 'v1', ...workflowInput.settings },
	});

	const mode = options.mode ?? 'manual';
	const additionalData = createAdditionalData({
		credentialsHelper,
		workflowId: workflow.id,
		mode,
		variables: options.variables,
	});
	const executionOrder: string[] = [];
	additionalData.hooks!.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});

	const start = pickStartNode(workflow, options.startNode);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: start,
					data: { main: [toExecutionItems(options.input ?? [{ json: {} }])] },
					source: null,
				},
			],
		},
	});
	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);

	const runs: Record<string, NodeRun[]> = {};
	for (const [nodeName, tasks] of Object.entries(run.data.resultData.runData)) {
		runs[nodeName] = tasks.map((task, runIndex) => ({
			items: (task.data?.main ?? []).map((output) => output ?? []),
			error: task.error ? originalError(thrown.get(nodeName), task.error) : undefined,
			taskError: task.error,
			executionStatus: task.executionStatus,
			task,
		}));
	}

	for (const [nodeName, nodeRuns] of Object.entries(runs)) {
		nodeRuns.forEach((r, i) => {
			recordVisible(`${nodeName}[${i}] output`, r.items);
			recordVisible(`${nodeName}[${i}] error (as recorded)`, r.taskError);
			recordVisible(`${nodeName}[${i}] error (as thrown)`, r.error);
			recordVisible(`${nodeName}[${i}] hints`, r.task.hints);
		});
	}
	recordVisible('workflow error', run.data.resultData.error);
	recordVisible('workflow static data', workflow.staticData);

	const output = (nodeName: string, outputIndex = 0, runIndex = 0) =>
		runs[nodeName]?.[runIndex]?.items[outputIndex] ?? [];
	return {
		run,
		status: run.status,
		error: run.data.resultData.error,
		nodes: runs,
		executionOrder,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		credentialsHelper,
		output,
		async binary(nodeName, itemIndex, property = 'data', outputIndex = 0) {
			const item = output(nodeName, outputIndex)[itemIndex];
			const data: IBinaryData | undefined = item?.binary?.[property];
			if (!data) {
				throw new Error(`Node "${nodeName}" output item ${itemIndex} has no binary property "${property}"`);
			}
			return await readBinary(data);
		},
	};
}

/** The thrown instance behind n8n's recorded copy (the last one with the same message, for retries). */
function originalError(candidates: Error[] | undefined, recorded: NonNullable<ITaskData['error']>): Error {
	const match = [...(candidates ?? [])].reverse().find((e) => e.message === recorded.message);
	return match ?? (recorded as unknown as Error);
}

function completeNode(
	input: WorkflowNodeInput,
	index: number,
	nodeTypes: HarnessNodeTypes,
	credentials: CredentialsInput,
): INode {
	const type = nodeTypes.getByName(input.type);
	const typeVersion = input.typeVersion ?? latestVersion(type);
	const declared = nodeTypes.getByNameAndVersion(input.type, typeVersion).description.credentials ?? [];
	const nodeCredentials: NonNullable<INode['credentials']> = { ...(input.credentials ?? {}) };
	for (const { name } of declared) {
		if (credentials[name] && !nodeCredentials[name]) {
			nodeCredentials[name] = { id: credentialIdFor(name), name: `${name} (test)` };
		}
	}
	const { parameters, ...rest } = input;
	return {
		...rest,
		id: input.id ?? `node-${index + 1}`,
		typeVersion,
		position: [index * 200, 0],
		parameters: parameters ?? {},
		...(Object.keys(nodeCredentials).length > 0 ? { credentials: nodeCredentials } : {}),
	};
}

function pickStartNode(workflow: Workflow, name?: string): INode {
	if (name) {
		const node = workflow.getNode(name);
		if (!node) throw new Error(`Start node "${name}" is not in the workflow`);
		return node;
	}
	const node = Object.values(workflow.nodes).find(
		(n) => !workflow.connectionsByDestinationNode[n.name]?.main?.some((c) => c && c.length > 0),
	);
	if (!node) throw new Error('Workflow has no node without incoming connections; pass startNode');
	return node;
}

export type { INodeType, IExecuteFunctions };
