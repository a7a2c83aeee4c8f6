/**
 * AI sub-nodes (chat models, tools) as n8n runs them: connected to a root node by an `ai_*`
 * connection, and called by the engine (SupplyDataContext) when the root node asks for its
 * input with getInputConnectionData.
 *
 * ```ts
 * const { response, error } = await runSupplyData({
 *   node: ClaudeAwsChatModel, parameters: { model: '...' }, credentials, credentialTypes,
 * });
 * const model = response as BaseChatModel;   // what an Agent would receive
 * ```
 * Or connect sub-nodes to the node under test with runNode({ ..., subNodes: [{ node, parameters }] }).
 */
import type {
	IConnections,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	NodeConnectionType,
} from 'n8n-workflow';

import type { ItemInput } from './binary';
import type { CredentialTypeInput, CredentialsInput } from './credentialsHelper';
import { descriptionOf, qualifiedName, toNodeType, type NodeTypeInput } from './nodeTypes';
import { runWorkflow, type WorkflowNodeInput, type WorkflowRun } from './runWorkflow';

export interface SubNodeInput {
	node: NodeTypeInput;
	parameters?: INodeParameters;
	name?: string;
	typeVersion?: number;
	/** Connection type; defaults to the sub-node's first declared output (e.g. 'ai_languageModel'). */
	connectionType?: NodeConnectionType;
}

/** Workflow nodes and connections that hang sub-nodes off `target`. */
export function subNodeWiring(subNodes: SubNodeInput[], target: string): { nodes: WorkflowNodeInput[]; connections: IConnections } {
	const nodes: WorkflowNodeInput[] = [];
	const connections: IConnections = {};
	subNodes.forEach((sub, index) => {
		const type = toNodeType(sub.node);
		const description = descriptionOf(type);
		const name = sub.name ?? `${'defaults' in description ? (description.defaults.name ?? description.displayName) : description.displayName}${index > 0 ? ` ${index + 1}` : ''}`;
		const connectionType = sub.connectionType ?? firstOutputType(type);
		nodes.push({ name, type: qualifiedName(type), parameters: sub.parameters ?? {}, typeVersion: sub.typeVersion });
		connections[name] = { [connectionType]: [[{ node: target, type: connectionType, index: 0 }]] };
	});
	return { nodes, connections };
}

function firstOutputType(type: ReturnType<typeof toNodeType>): NodeConnectionType {
	const description = 'nodeVersions' in type ? type.nodeVersions[type.currentVersion].description : type.description;
	const outputs = description.outputs;
	const first = Array.isArray(outputs) ? outputs[0] : undefined;
	if (first === undefined) {
		throw new Error(`Cannot tell the output type of "${description.name}" (expression outputs): pass connectionType`);
	}
	return typeof first === 'string' ? first : first.type;
}

export interface RunSupplyDataOptions extends SubNodeInput {
	credentials?: CredentialsInput;
	credentialTypes?: CredentialTypeInput[];
	/** Items the consuming root node runs with; sub-node expressions see them as $json. */
	input?: ItemInput[];
}

export interface SupplyDataResult {
	/** What the sub-node supplied (the `response` of its supplyData): a model, a tool... */
	response: unknown;
	/** The error the engine raised while getting it, if any. */
	error?: Error;
	workflow: WorkflowRun;
}

const CONSUMER_NAME = 'Test Consumer';

export async function runSupplyData(options: RunSupplyDataOptions): Promise<SupplyDataResult> {
	const type = toNodeType(options.node);
	const connectionType = options.connectionType ?? firstOutputType(type);
	const holder: { value?: unknown } = {};
	const consumer = createConsumer(connectionType, holder);
	const wiring = subNodeWiring([{ ...options, connectionType }], CONSUMER_NAME);
	const workflow = await runWorkflow(
		{ nodes: [{ name: CONSUMER_NAME, type: descriptionOf(consumer).name }, ...wiring.nodes], connections: wiring.connections },
		{
			nodeTypes: [consumer, type],
			credentials: options.credentials,
			credentialTypes: options.credentialTypes,
			input: options.input,
			startNode: CONSUMER_NAME,
		},
	);
	return { response: holder.value, error: workflow.nodes[CONSUMER_NAME]?.[0]?.error, workflow };
}

/** A root node with one input of the given type that hands whatever it receives to the test. */
function createConsumer(connectionType: NodeConnectionType, holder: { value?: unknown }): INodeType {
	return {
		description: {
			displayName: CONSUMER_NAME,
			name: 'n8n-nodes-claude-aws-test.consumer',
			group: ['transform'],
			version: 1,
			description: 'Asks the engine for its connected sub-node',
			defaults: { name: CONSUMER_NAME },
			inputs: ['main', { type: connectionType, required: true, maxConnections: 1 }],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			holder.value = await this.getInputConnectionData(connectionType as never, 0);
			return [[{ json: {}, pairedItem: { item: 0 } }]];
		},
	};
}
