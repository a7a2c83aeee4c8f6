/**
 * A one-node Workflow with its additional data, for the entry points that n8n calls outside a
 * workflow execution: poll(), webhook(), webhookMethods. Static data is given and returned per
 * node (what `getWorkflowStaticData('node')` sees), so a test can feed one call's result into
 * the next like n8n does between polls.
 */
import type { IDataObject, INode, INodeParameters, IWorkflowExecuteAdditionalData, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { HarnessCredentialsHelper, credentialIdFor, type CredentialTypeInput, type CredentialsInput } from './credentialsHelper';
import { getEngine, type BinaryMode } from './engine';
import { HarnessNodeTypes, descriptionOf, latestVersion, qualifiedName, toNodeType, type NodeTypeInput } from './nodeTypes';

export interface SingleNodeOptions {
	node: NodeTypeInput;
	parameters?: INodeParameters;
	credentials?: CredentialsInput;
	credentialTypes?: CredentialTypeInput[];
	/** This node's static data (getWorkflowStaticData('node')) before the call. */
	staticData?: IDataObject;
	/** Global static data (getWorkflowStaticData('global')) before the call. */
	globalStaticData?: IDataObject;
	typeVersion?: number;
	name?: string;
	/** Node `webhookId` (webhook nodes carry one in n8n). */
	webhookId?: string;
	binaryMode?: BinaryMode;
	variables?: Record<string, string>;
}

export interface SingleNode {
	workflow: Workflow;
	node: INode;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: HarnessCredentialsHelper;
	nodeTypes: HarnessNodeTypes;
	/** Plain copies of the node's and the global static data as they are now. */
	staticData(): { node: IDataObject; global: IDataObject };
}

export async function prepareSingleNode(options: SingleNodeOptions, mode: WorkflowExecuteMode): Promise<SingleNode> {
	const engine = await getEngine();
	engine.setBinaryMode(options.binaryMode ?? 'filesystem');

	const type = toNodeType(options.node);
	const nodeTypes = new HarnessNodeTypes();
	const typeName = nodeTypes.register(type);
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes);
	await credentialsHelper.setCredentials(options.credentials ?? {});

	const description = descriptionOf(type);
	const name = options.name ?? ('defaults' in description ? description.defaults.name : undefined) ?? description.displayName;
	const typeVersion = options.typeVersion ?? latestVersion(type);
	const declared = nodeTypes.getByNameAndVersion(typeName, typeVersion).description.credentials ?? [];
	const nodeCredentials: NonNullable<INode['credentials']> = {};
	for (const { name: credType } of declared) {
		if (options.credentials?.[credType]) {
			nodeCredentials[credType] = { id: credentialIdFor(credType), name: `${credType} (test)` };
		}
	}
	const node: INode = {
		id: 'node-1',
		name,
		type: qualifiedName(type),
		typeVersion,
		position: [0, 0],
		parameters: options.parameters ?? {},
		webhookId: options.webhookId ?? 'test-webhook-id',
		...(Object.keys(nodeCredentials).length > 0 ? { credentials: nodeCredentials } : {}),
	};
	const nodeKey = `node:${name}`;
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test workflow',
		nodes: [node],
		connections: {},
		active: mode !== 'manual',
		nodeTypes,
		staticData: {
			...(options.globalStaticData ? { global: structuredClone(options.globalStaticData) } : {}),
			...(options.staticData ? { [nodeKey]: structuredClone(options.staticData) } : {}),
		},
		settings: { executionOrder: 'v1' },
	});
	const additionalData = createAdditionalData({
		credentialsHelper,
		workflowId: workflow.id,
		mode,
		variables: options.variables,
	});
	return {
		workflow,
		// The Workflow applied parameter defaults to its own copy of the node.
		node: workflow.getNode(name)!,
		additionalData,
		credentialsHelper,
		nodeTypes,
		staticData: () => ({
			node: plain(workflow.staticData[nodeKey]),
			global: plain(workflow.staticData.global),
		}),
	};
}

/** Static data is an observable proxy in n8n; hand tests a detached plain copy. */
function plain(value: unknown): IDataObject {
	return value === undefined ? {} : (JSON.parse(JSON.stringify(value)) as IDataObject);
}
