/**
 * # Test harness: run our nodes inside n8n-core's real workflow engine
 *
 * Every node test goes through n8n-core 2.40's `WorkflowExecute`, not a hand-made fake of
 * IExecuteFunctions. What is real: parameter defaults and expressions, `getNodeParameter`,
 * `getCredentials` (data stored encrypted with n8n-core's `Credentials`, type defaults applied,
 * undisplayed fields dropped, like n8n), `httpRequestWithAuthentication` (calls the credential
 * type's `authenticate`), binary data (BinaryDataService in filesystem mode in a temp folder:
 * `prepareBinaryData`, `getBinaryStream`, `getBinaryDataBuffer`, `assertBinaryData`,
 * `binaryToBuffer`), `continueOnFail()` / `onError`, pairedItem checks, static data.
 *
 * ## One node
 * ```ts
 * import { runNode } from '../helpers/runNode';
 *
 * const result = await runNode({
 *   node: ClaudeAws,                                   // class or instance
 *   parameters: { resource: 'message', operation: 'send', prompt: '={{ $json.q }}' },
 *   credentials: { claudePlatformAwsApi: { region: 'us-east-1', ... } },
 *   credentialTypes: [ClaudePlatformAwsApi],           // needed for authenticate/defaults
 *   input: [{ q: 'hi' }, { q: 'there' }],              // json shorthand or full INodeExecutionData
 *   binary: [{ data: { data: Buffer.from('...'), fileName: 'a.pdf', mimeType: 'application/pdf' } }],
 *   continueOnFail: true,                              // sets onError: 'continueRegularOutput'
 * });
 * result.items[0]            // main output items (json, binary metadata, pairedItem)
 * result.json                // result.items[0].map(i => i.json)
 * result.error               // the error instance the node threw (NodeApiError...), if it failed
 * result.executionStatus     // 'success' | 'error' | ...
 * await result.binary(0, 'data')   // Buffer of output item 0's binary property 'data'
 * ```
 * The node under test is named after its `defaults.name`; its input comes from a "Test Input"
 * node that stores the given binary files through the real `prepareBinaryData`.
 *
 * ## Several nodes (e.g. Batches create ⇒ get results in one execution)
 * ```ts
 * const run = await runWorkflow(
 *   {
 *     nodes: [
 *       { name: 'Create', type: 'claudeAwsBatches', parameters: { operation: 'create', ... } },
 *       { name: 'Results', type: 'claudeAwsBatches', parameters: { operation: 'getResults', batchId: '={{ $json.id }}' } },
 *     ],
 *     connections: connect('Create', 'Results'),
 *   },
 *   { nodeTypes: [ClaudeAwsBatches], credentials, credentialTypes: [ClaudePlatformAwsApi] },
 * );
 * run.output('Results'); run.nodes['Create'][0].error; await run.binary('Results', 0, 'data');
 * ```
 *
 * ## Poll triggers, webhooks, credential tests (re-exported here)
 * - `runPoll`, `runWebhook`, `runWebhookMethod`: see triggers.ts.
 * - `testCredential({ credentialType, data })`: the credential dialog's Test button, see credentialTest.ts.
 * - `runSupplyData({ node: ChatModel, ... })` ⇒ { response } (the model an Agent would get), and
 *   `runNode({ ..., subNodes: [{ node, parameters }] })` for a root node with sub-nodes: subNodes.ts.
 *
 * ## Notes
 * - The temp folder (n8n user folder + binary storage) is removed in an afterAll registered on
 *   first use; `cleanupEngine()` does it by hand. First run in a test file ~1 s (n8n-core load),
 *   later runs a few ms.
 * - Pass a `mimeType` when a node calls `prepareBinaryData` on a Buffer with no file name: n8n
 *   then sniffs it with the ESM-only `file-type` package, which jest (CJS) cannot import.
 * - `binaryMode: 'default'` keeps binary data inline (base64), n8n's other storage mode; nodes
 *   should work in both. The mode is process-wide: don't mix modes in runs that overlap in time.
 * - Node output, errors (as thrown and as n8n records them), webhook responses, credential test
 *   messages and static data all go to the suite's secret-leak scan (test/setup/leakScan.ts).
 * - `result.workflow.credentialsHelper.authenticateCalls` lists requests the credential signed
 *   via n8n's request helpers (our own transport signs without them).
 * - n8n's logging is silenced (N8N_LOG_LEVEL=silent) unless N8N_LOG_LEVEL is set.
 */
import type { IConnections, IDataObject, INodeExecutionData, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';

import { createInputNode, type BinaryInputs, type ItemInput } from './binary';
import type { CredentialTypeInput, CredentialsInput } from './credentialsHelper';
import type { BinaryMode } from './engine';
import { descriptionOf, qualifiedName, toNodeType, type NodeTypeInput } from './nodeTypes';
import { runWorkflow, type NodeRun, type WorkflowRun } from './runWorkflow';
import { subNodeWiring, type SubNodeInput } from './subNodes';

export interface RunNodeOptions {
	node: NodeTypeInput;
	parameters?: INodeParameters;
	credentials?: CredentialsInput;
	credentialTypes?: CredentialTypeInput[];
	/** Items fed into the node: INodeExecutionData, or plain objects used as `json`. */
	input?: ItemInput[];
	/** Binary files per input item, keyed by binary property name. */
	binary?: Array<BinaryInputs | undefined>;
	/** Shorthand for onError: 'continueRegularOutput'. */
	continueOnFail?: boolean;
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	typeVersion?: number;
	/** Name of the node in the workflow; defaults to the type's `defaults.name`. */
	name?: string;
	mode?: WorkflowExecuteMode;
	binaryMode?: BinaryMode;
	/** Whole workflow static data, e.g. { 'node:Echo': {...}, global: {...} }. */
	staticData?: IDataObject;
	variables?: Record<string, string>;
	/** AI sub-nodes connected to the node under test (chat model, tools), see subNodes.ts. */
	subNodes?: SubNodeInput[];
}

export interface RunNodeResult {
	/** Items per output of the node under test. */
	items: INodeExecutionData[][];
	/** `json` of the main output's items. */
	json: IDataObject[];
	/** The error instance the node threw, when the node (not an item) failed. */
	error?: Error;
	/** n8n's recorded copy of that error (what the UI and the execution log show). */
	taskError?: NodeRun['taskError'];
	executionStatus: NodeRun['executionStatus'];
	/** Workflow status ('success', 'error', ...). */
	status: WorkflowRun['status'];
	nodeName: string;
	staticData: IDataObject;
	/** Bytes of a binary property of an output item. */
	binary(itemIndex: number, property?: string, outputIndex?: number): Promise<Buffer>;
	/** The whole workflow run, for anything not surfaced above. */
	workflow: WorkflowRun;
}

export const INPUT_NODE_NAME = 'Test Input';

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const type = toNodeType(options.node);
	const nodeName = options.name ?? defaultName(type);
	const inputNode = createInputNode(options.binary);
	const inputCount = Math.max(options.input?.length ?? 0, options.binary?.length ?? 0, 1);
	const input = options.input ?? Array.from({ length: inputCount }, () => ({ json: {} }));
	const subNodes = subNodeWiring(options.subNodes ?? [], nodeName);

	const workflow = await runWorkflow(
		{
			nodes: [
				{ name: INPUT_NODE_NAME, type: descriptionOf(inputNode).name },
				{
					name: nodeName,
					type: qualifiedName(type),
					parameters: options.parameters ?? {},
					typeVersion: options.typeVersion,
					onError: options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined),
				},
				...subNodes.nodes,
			],
			connections: { ...connect(INPUT_NODE_NAME, nodeName), ...subNodes.connections },
			staticData: options.staticData,
		},
		{
			nodeTypes: [inputNode, type, ...(options.subNodes ?? []).map((sub) => sub.node)],
			credentials: options.credentials,
			credentialTypes: options.credentialTypes,
			input,
			mode: options.mode,
			binaryMode: options.binaryMode,
			variables: options.variables,
		},
	);

	const inputRun = workflow.nodes[INPUT_NODE_NAME]?.[0];
	if (inputRun?.error) throw inputRun.error;
	const run = workflow.nodes[nodeName]?.[0];
	const items = run?.items ?? [];
	return {
		items,
		json: (items[0] ?? []).map((i) => i.json),
		error: run?.error,
		taskError: run?.taskError,
		executionStatus: run?.executionStatus,
		status: workflow.status,
		nodeName,
		staticData: workflow.staticData,
		binary: (itemIndex, property = 'data', outputIndex = 0) =>
			workflow.binary(nodeName, itemIndex, property, outputIndex),
		workflow,
	};
}

function defaultName(type: ReturnType<typeof toNodeType>): string {
	const description = descriptionOf(type);
	const defaults = 'defaults' in description ? description.defaults : undefined;
	return defaults?.name ?? description.displayName;
}

/** Main connections for a chain of nodes: connect('A', 'B', 'C') wires A ⇒ B ⇒ C. */
export function connect(...names: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

export { runWorkflow } from './runWorkflow';
export type { WorkflowRun, NodeRun, WorkflowInput, WorkflowNodeInput, RunWorkflowOptions } from './runWorkflow';
export { readBinary } from './binary';
export { testCredential } from './credentialTest';
export { runSupplyData } from './subNodes';
export type { RunSupplyDataOptions, SubNodeInput, SupplyDataResult } from './subNodes';
export type { CredentialTestOutcome, TestCredentialOptions } from './credentialTest';
export type { BinaryInput, BinaryInputs, ItemInput } from './binary';
export { cleanupEngine, getEngine } from './engine';
export { runPoll, runWebhook, runWebhookMethod } from './triggers';
export type { PollResult, RunPollOptions, RunWebhookOptions, WebhookResult, WebhookRequestInput, RecordedResponse } from './triggers';
