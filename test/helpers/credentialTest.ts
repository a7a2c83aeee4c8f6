/**
 * The "Test" button of n8n's credential dialog, following the CLI's CredentialsTester:
 * - a credential type with a `test` request is tested by running that request through
 *   n8n-core's RoutingNode (expressions such as `={{$credentials.region}}` resolved, the
 *   request signed by the type's `authenticate`), then `rules` turn status codes into messages;
 * - otherwise a node's `methods.credentialTest[testedBy]` runs with CredentialTestContext.
 * Credential data first gets the type's defaults, like the dialog's saved data would.
 *
 * ```ts
 * const result = await testCredential({ credentialType: ClaudePlatformAwsApi, data: { ... } });
 * expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
 * ```
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialsDecrypted,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IRunExecutionData,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';

import { createAdditionalData } from './additionalData';
import { HarnessCredentialsHelper, credentialIdFor, toCredentialType, type CredentialTypeInput } from './credentialsHelper';
import { getEngine } from './engine';
import { recordVisible } from './leakScan';
import { HarnessNodeTypes, descriptionOf, toNodeType, type NodeTypeInput } from './nodeTypes';

export interface TestCredentialOptions {
	credentialType: CredentialTypeInput;
	data: ICredentialDataDecryptedObject;
	/** Parent types, when the credential `extends` others. */
	credentialTypes?: CredentialTypeInput[];
	/** A node whose `credentials[].testedBy` names a `methods.credentialTest` function. */
	node?: NodeTypeInput;
}

export interface CredentialTestOutcome extends INodeCredentialTestResult {
	/** The error behind a failed request test, for assertions beyond the message. */
	error?: Error;
}

// n8n tests a credential's own `test` request on a throw-away copy of its No Operation node.
const NO_OP: INodeTypeDescription = {
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
};

export async function testCredential(options: TestCredentialOptions): Promise<CredentialTestOutcome> {
	const outcome = await runCredentialTest(options);
	recordVisible('credential test result', outcome);
	return outcome;
}

async function runCredentialTest(options: TestCredentialOptions): Promise<CredentialTestOutcome> {
	await getEngine();
	const type = toCredentialType(options.credentialType);
	const credentialsHelper = new HarnessCredentialsHelper([type, ...(options.credentialTypes ?? [])]);
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: credentialIdFor(type.name),
		name: `${type.name} (test)`,
		type: type.name,
		data: credentialsHelper.applyDefaults(type.name, options.data),
	};
	await credentialsHelper.setCredentials({ [type.name]: options.data });

	if (type.test) return await runTestRequest(type.name, type.test, credentialsDecrypted, credentialsHelper);

	const fn = options.node && findTestFunction(toNodeType(options.node), type.name);
	if (!fn) return { status: 'Error', message: 'No testing function found for this credential.' };
	const context = new CredentialTestContext();
	return await fn.call(context, credentialsDecrypted);
}

function findTestFunction(nodeType: ReturnType<typeof toNodeType>, credentialType: string): ICredentialTestFunction | undefined {
	const versions: INodeType[] = 'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions).reverse() : [nodeType];
	for (const version of versions) {
		const testedBy = version.description.credentials?.find((c) => c.name === credentialType)?.testedBy;
		if (typeof testedBy === 'string' && version.methods?.credentialTest?.[testedBy]) {
			return version.methods.credentialTest[testedBy];
		}
	}
	return undefined;
}

async function runTestRequest(
	credentialType: string,
	test: ICredentialTestRequest,
	credentialsDecrypted: ICredentialsDecrypted,
	credentialsHelper: HarnessCredentialsHelper,
): Promise<CredentialTestOutcome> {
	const nodeType: INodeType = {
		description: {
			...NO_OP,
			credentials: [{ name: credentialType, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.register(nodeType);
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: descriptionOf(nodeType).name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = createAdditionalData({ credentialsHelper, workflowId: workflow.id, mode: 'internal' });
	const runExecutionData: IRunExecutionData = createRunExecutionData({ executionData: null });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	let response;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (e) {
		const error = e as Error & { cause?: { response?: { status: number; statusText?: string }; code?: string } };
		const status = error.cause?.response?.status;
		if (status !== undefined) {
			const rule = test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === status);
			if (rule) return { status: 'Error', message: String(rule.properties.message), error };
			if (status < 199 || status > 299) {
				return {
					status: 'Error',
					message: error.cause?.response?.statusText || `Received HTTP status code: ${status}`,
					error,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code, error };
		}
		return { status: 'Error', message: error.message, error };
	}

	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json ?? {};
			const value = rule.properties.key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], json);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
