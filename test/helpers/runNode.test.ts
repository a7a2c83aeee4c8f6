/**
 * Tests of the harness itself, with throw-away nodes defined here: they exercise the n8n APIs
 * our real nodes rely on, through n8n-core's real engine.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IDataObject,
	IHookFunctions,
	IPollFunctions,
	ISupplyDataFunctions,
	SupplyData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { leakRecords } from '../setup/leakRecorder';
import { connect, runNode, runPoll, runWebhook, runSupplyData, runWebhookMethod, runWorkflow, testCredential } from './runNode';

class EchoTestApi implements ICredentialType {
	name = 'echoTestApi';
	displayName = 'Echo Test API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'us-east-1' },
	];
	async authenticate(credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) {
		return { ...request, headers: { ...request.headers, authorization: `Bearer ${credentials.token}` } };
	}
}

const echoDescription: INodeTypeDescription = {
	displayName: 'Echo',
	name: 'echoTest',
	group: ['transform'],
	version: [1, 2],
	description: 'Throw-away node for harness tests',
	defaults: { name: 'Echo' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'echoTestApi', required: true }],
	properties: [
		{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
		{ displayName: 'Fail As API Error', name: 'apiError', type: 'boolean', default: false },
		{ displayName: 'Upper-Case Binary', name: 'upperBinary', type: 'boolean', default: false },
		{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data' },
		{ displayName: 'Note', name: 'note', type: 'string', default: 'none' },
	],
};

class EchoTest implements INodeType {
	description = echoDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials('echoTestApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if (this.getNodeParameter('fail', i) as boolean) {
					if (this.getNodeParameter('apiError', i) as boolean) {
						throw new NodeApiError(this.getNode(), { message: 'upstream says no' }, { itemIndex: i, httpCode: '429' });
					}
					throw new NodeOperationError(this.getNode(), `Item ${i} asked to fail`, {
						itemIndex: i,
						description: 'because fail was true',
					});
				}
				const item: INodeExecutionData = {
					json: {
						...items[i].json,
						token: credentials.token,
						region: credentials.region,
						note: this.getNodeParameter('note', i),
						version: this.getNode().typeVersion,
					},
					pairedItem: { item: i },
				};
				if (this.getNodeParameter('upperBinary', i) as boolean) {
					const field = this.getNodeParameter('binaryPropertyName', i) as string;
					const meta = this.helpers.assertBinaryData(i, field);
					const bytes = meta.id
						? await this.helpers.binaryToBuffer(await this.helpers.getBinaryStream(meta.id))
						: await this.helpers.getBinaryDataBuffer(i, field);
					const upper = Buffer.from(bytes.toString('utf8').toUpperCase());
					item.binary = {
						upper: await this.helpers.prepareBinaryData(Readable.from([upper]), `upper-${meta.fileName}`, meta.mimeType),
					};
					item.json.inputBytes = bytes.length;
				}
				out.push(item);
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

const credentials = { echoTestApi: { token: 'secret-token' } };

describe('runNode', () => {
	it('runs a node through WorkflowExecute with credentials (defaults applied) and pairedItem', async () => {
		const result = await runNode({
			node: EchoTest,
			parameters: { note: '={{ "n-" + $json.n }}' },
			credentials,
			credentialTypes: [EchoTestApi],
			input: [{ n: 1 }, { n: 2 }],
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.json).toEqual([
			{ n: 1, token: 'secret-token', region: 'us-east-1', note: 'n-1', version: 2 },
			{ n: 2, token: 'secret-token', region: 'us-east-1', note: 'n-2', version: 2 },
		]);
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('honours typeVersion', async () => {
		const result = await runNode({ node: new EchoTest(), typeVersion: 1, credentials, credentialTypes: [EchoTestApi] });
		expect(result.json[0].version).toBe(1);
	});

	it('surfaces the thrown NodeOperationError instance and n8n\'s recorded copy', async () => {
		const result = await runNode({
			node: EchoTest,
			parameters: { fail: '={{ $json.n === 2 }}' },
			credentials,
			credentialTypes: [EchoTestApi],
			input: [{ n: 1 }, { n: 2 }],
		});
		expect(result.status).toBe('error');
		expect(result.executionStatus).toBe('error');
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error).toMatchObject({ message: 'Item 1 asked to fail', description: 'because fail was true' });
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
		expect(result.taskError?.message).toBe('Item 1 asked to fail');
		expect(result.items).toEqual([]);
	});

	it('keeps NodeApiError details', async () => {
		const result = await runNode({
			node: EchoTest,
			parameters: { fail: true, apiError: true },
			credentials,
			credentialTypes: [EchoTestApi],
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('429');
	});

	it('gives {error} items when continueOnFail is on', async () => {
		const result = await runNode({
			node: EchoTest,
			parameters: { fail: '={{ $json.n === 2 }}' },
			credentials,
			credentialTypes: [EchoTestApi],
			input: [{ n: 1 }, { n: 2 }, { n: 3 }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toHaveLength(3);
		expect(result.items[0][1]).toEqual({ json: { error: 'Item 1 asked to fail' }, pairedItem: { item: 1 } });
		expect(result.json[2].n).toBe(3);
	});

	it('fails like n8n when the credential is missing', async () => {
		const result = await runNode({ node: EchoTest, credentialTypes: [EchoTestApi] });
		expect(result.error?.message).toMatch(/credentials/i);
	});

	it.each(['filesystem', 'default'] as const)('reads and writes binary data (%s mode)', async (binaryMode) => {
		const dir = mkdtempSync(path.join(tmpdir(), 'harness-test-'));
		try {
			const file = path.join(dir, 'b.txt');
			writeFileSync(file, 'from a file');
			const result = await runNode({
				node: EchoTest,
				parameters: { upperBinary: true },
				credentials,
				credentialTypes: [EchoTestApi],
				binary: [
					{ data: { data: Buffer.from('hello binary'), fileName: 'a.txt', mimeType: 'text/plain' } },
					{ data: { data: file, mimeType: 'text/plain' } },
				],
				binaryMode,
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0][0].binary?.upper).toMatchObject({ fileName: 'upper-a.txt', mimeType: 'text/plain' });
			if (binaryMode === 'filesystem') expect(result.items[0][0].binary?.upper.id).toMatch(/^filesystem-v2:/);
			else expect(result.items[0][0].binary?.upper.id).toBeUndefined();
			expect((await result.binary(0, 'upper')).toString()).toBe('HELLO BINARY');
			expect((await result.binary(1, 'upper')).toString()).toBe('FROM A FILE');
			expect(result.items[0][1].binary?.upper.fileName).toBe('upper-b.txt');
			expect(result.json.map((j) => j.inputBytes)).toEqual([12, 11]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('reports a missing binary property with n8n\'s own message', async () => {
		const result = await runNode({
			node: EchoTest,
			parameters: { upperBinary: true, binaryPropertyName: 'nope' },
			credentials,
			credentialTypes: [EchoTestApi],
			binary: [{ data: { data: Buffer.from('x'), mimeType: 'text/plain' } }],
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/nope/);
	});

	it('runs again in the same process with the same result (the engine is set up once)', async () => {
		const first = await runNode({ node: EchoTest, credentials, credentialTypes: [EchoTestApi], input: [{ n: 1 }] });
		const again = await runNode({ node: EchoTest, credentials, credentialTypes: [EchoTestApi], input: [{ n: 1 }] });
		expect(again.json).toEqual(first.json);
	});
});

describe('runWorkflow', () => {
	it('runs A => B and exposes each node\'s output', async () => {
		const run = await runWorkflow(
			{
				nodes: [
					{ name: 'First', type: 'echoTest', parameters: { note: 'first' } },
					{ name: 'Second', type: 'echoTest', parameters: { note: '={{ $json.note + "+second" }}' } },
				],
				connections: connect('First', 'Second'),
			},
			{ nodeTypes: [EchoTest], credentials, credentialTypes: [EchoTestApi], input: [{ n: 7 }] },
		);
		expect(run.status).toBe('success');
		expect(run.executionOrder).toEqual(['First', 'Second']);
		expect(run.output('First')[0].json.note).toBe('first');
		expect(run.output('Second')[0].json.note).toBe('first+second');
		expect(run.output('Second')[0].pairedItem).toEqual({ item: 0 });
	});
});

class CounterPollTest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Counter Poll',
		name: 'counterPollTest',
		group: ['trigger'],
		version: 1,
		description: 'Throw-away poll trigger',
		defaults: { name: 'Counter Poll' },
		polling: true,
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'echoTestApi', required: true }],
		properties: [{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false }],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('fail') as boolean) throw new NodeOperationError(this.getNode(), 'poll failed');
		const state = this.getWorkflowStaticData('node');
		const { token } = await this.getCredentials('echoTestApi');
		const last = (state.last as number | undefined) ?? 0;
		state.last = last + 1;
		if (last === 1) return null; // second poll: "nothing new"
		const file = await this.helpers.prepareBinaryData(Buffer.from(`poll ${last}`), 'p.txt', 'text/plain');
		return [[{ json: { seen: last, token, mode: this.getMode() }, binary: { data: file } }]];
	}
}

describe('runPoll', () => {
	const base = { node: CounterPollTest, credentials, credentialTypes: [EchoTestApi] };

	it('keeps node static data across polls and honours a null "nothing new"', async () => {
		const first = await runPoll(base);
		expect(first.error).toBeUndefined();
		expect(first.json).toEqual([{ seen: 0, token: 'secret-token', mode: 'trigger' }]);
		expect(first.staticData).toEqual({ last: 1 });
		expect((await first.binary(0)).toString()).toBe('poll 0');

		const second = await runPoll({ ...base, staticData: first.staticData });
		expect(second.items).toBeNull();
		expect(second.staticData).toEqual({ last: 2 });

		const third = await runPoll({ ...base, staticData: second.staticData });
		expect(third.json[0].seen).toBe(2);
	});

	it('reports a poll error as n8n does (emitError in trigger mode, thrown in manual mode)', async () => {
		const active = await runPoll({ ...base, parameters: { fail: true } });
		expect(active.error).toBeInstanceOf(NodeOperationError);
		const manual = await runPoll({ ...base, parameters: { fail: true }, mode: 'manual' });
		expect(manual.error?.message).toBe('poll failed');
	});
});

class SignedWebhookTest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Signed Webhook',
		name: 'signedWebhookTest',
		group: ['trigger'],
		version: 1,
		description: 'Throw-away webhook trigger',
		defaults: { name: 'Signed Webhook' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'echoTestApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'signed' }],
		properties: [],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions) {
				return this.getWorkflowStaticData('node').hookId !== undefined;
			},
			async create(this: IHookFunctions) {
				this.getWorkflowStaticData('node').hookId = `hook-for-${this.getNodeWebhookUrl('default')}`;
				return true;
			},
			async delete(this: IHookFunctions) {
				delete this.getWorkflowStaticData('node').hookId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const { token } = await this.getCredentials('echoTestApi');
		if (this.getHeaderData()['x-signature'] !== `${token}:${req.rawBody.toString('utf8')}`) {
			this.getResponseObject().status(401).json({ error: 'bad signature' });
			return { noWebhookResponse: true };
		}
		return { workflowData: [[{ json: { event: this.getBodyData(), query: this.getQueryData() as IDataObject } }]] };
	}
}

describe('runWebhook', () => {
	const base = { node: SignedWebhookTest, credentials, credentialTypes: [EchoTestApi] };
	const body = '{"type":"batch.ended","id":"b1"}';

	it('passes headers, raw body, parsed body and query to webhook()', async () => {
		const result = await runWebhook({
			...base,
			request: {
				headers: { 'Content-Type': 'application/json', 'X-Signature': `secret-token:${body}` },
				body,
				query: { a: '1' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ event: { type: 'batch.ended', id: 'b1' }, query: { a: '1' } }]);
	});

	it('records what the node wrote to the response', async () => {
		const result = await runWebhook({ ...base, request: { headers: { 'x-signature': 'forged' }, body } });
		expect(result.items).toBeUndefined();
		expect(result.responseData.noWebhookResponse).toBe(true);
		expect(result.response).toMatchObject({ statusCode: 401, body: { error: 'bad signature' }, ended: true });
	});

	it('runs webhookMethods with HookContext and static data', async () => {
		const exists = await runWebhookMethod({ ...base, method: 'checkExists' });
		expect(exists.result).toBe(false);
		const created = await runWebhookMethod({ ...base, method: 'create' });
		expect(created.staticData.hookId).toBe('hook-for-http://localhost:5678/webhook/test-webhook-id/signed');
		const again = await runWebhookMethod({ ...base, method: 'checkExists', staticData: created.staticData });
		expect(again.result).toBe(true);
		const deleted = await runWebhookMethod({ ...base, method: 'delete', staticData: created.staticData });
		expect(deleted.staticData).toEqual({});
	});
});

/** A credential in the shape of ours: duplicated fields behind displayOptions, a test request. */
class ModalTestApi implements ICredentialType {
	name = 'modalTestApi';
	displayName = 'Modal Test API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Key', value: 'key' },
				{ name: 'Role', value: 'role' },
			],
			default: 'key',
		},
		{ displayName: 'Key', name: 'key', type: 'string', default: '', displayOptions: { show: { authentication: ['key'] } } },
		{ displayName: 'Key', name: 'key', type: 'string', default: 'role-default', displayOptions: { show: { authentication: ['role'] } } },
		{ displayName: 'Role ARN', name: 'roleArn', type: 'string', default: '', displayOptions: { show: { authentication: ['role'] } } },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];
	authenticate = async (credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) => ({
		...request,
		headers: { ...request.headers, 'x-key': String(credentials.key) },
	});
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/check', method: 'GET' },
		rules: [{ type: 'responseCode', properties: { value: 403, message: 'Key refused (403)' } }],
	};
}

class FetchTest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fetch',
		name: 'fetchTest',
		group: ['transform'],
		version: 1,
		description: 'Throw-away node that calls an API through its credential',
		defaults: { name: 'Fetch' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'modalTestApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('modalTestApi');
		const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'modalTestApi', {
			url: `${credentials.baseUrl}/check`,
			json: true,
		})) as IDataObject;
		return [[{ json: { body, credentials }, pairedItem: { item: 0 } }]];
	}
}

describe('credentials through the engine', () => {
	let server: Server;
	let baseUrl = '';
	beforeAll(async () => {
		server = createServer((req, res) => {
			const ok = req.headers['x-key'] === 'good';
			res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ok, key: req.headers['x-key'] ?? null }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
	});

	it('applies displayOptions and defaults like n8n, and signs requests with authenticate()', async () => {
		const result = await runNode({
			node: FetchTest,
			credentials: { modalTestApi: { authentication: 'role', key: 'good', roleArn: 'arn:x', stray: 'dropped', baseUrl } },
			credentialTypes: [ModalTestApi],
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0].credentials).toEqual({ authentication: 'role', key: 'good', roleArn: 'arn:x', baseUrl });
		expect(result.json[0].body).toEqual({ ok: true, key: 'good' });
		expect(result.workflow.credentialsHelper.authenticateCalls).toHaveLength(1);

		const hidden = await runNode({
			node: FetchTest,
			credentials: { modalTestApi: { authentication: 'key', roleArn: 'arn:x', baseUrl } },
			credentialTypes: [ModalTestApi],
		});
		expect(hidden.error).toBeInstanceOf(NodeApiError);
		expect((hidden.error as NodeApiError).httpCode).toBe('403');
	});

	it('runs the credential test request like the credential dialog does', async () => {
		await expect(testCredential({ credentialType: ModalTestApi, data: { key: 'good', baseUrl } })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const refused = await testCredential({ credentialType: ModalTestApi, data: { key: 'bad', baseUrl } });
		expect(refused).toMatchObject({ status: 'Error', message: 'Key refused (403)' });
		const unreachable = await testCredential({ credentialType: ModalTestApi, data: { key: 'good', baseUrl: 'http://127.0.0.1:1' } });
		expect(unreachable).toMatchObject({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

describe('error output', () => {
	it('routes failed items to the error output with continueErrorOutput', async () => {
		const result = await runNode({
			node: EchoTest,
			parameters: { fail: '={{ $json.n === 2 }}' },
			credentials,
			credentialTypes: [EchoTestApi],
			input: [{ n: 1 }, { n: 2 }],
			onError: 'continueErrorOutput',
		});
		expect(result.items[0].map((i) => i.json.n)).toEqual([1]);
		expect(result.items[1]).toHaveLength(1);
		expect(result.items[1][0].json.error).toBe('Item 1 asked to fail');
	});
});

describe('leak scan feed', () => {
	it('hands node output and errors to the suite\'s secret-leak scan', async () => {
		await runNode({
			node: EchoTest,
			parameters: { fail: '={{ $json.n === 2 }}' },
			credentials: { echoTestApi: { token: 'visible-in-output' } },
			credentialTypes: [EchoTestApi],
			input: [{ n: 1 }, { n: 2 }],
			continueOnFail: true,
		});
		const seen = leakRecords().filter((r) => r.where.startsWith('harness: Echo[0]'));
		expect(seen.some((r) => r.text.includes('visible-in-output'))).toBe(true);
		expect(seen.some((r) => r.text.includes('Item 1 asked to fail'))).toBe(true);
	});
});

class FakeModelTest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fake Model',
		name: 'fakeModelTest',
		group: ['transform'],
		version: 1,
		description: 'Throw-away chat-model sub-node',
		defaults: { name: 'Fake Model' },
		inputs: [],
		outputs: ['ai_languageModel'],
		credentials: [{ name: 'echoTestApi', required: true }],
		properties: [{ displayName: 'Prefix', name: 'prefix', type: 'string', default: 'model' }],
	};

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const { token } = await this.getCredentials('echoTestApi');
		const prefix = this.getNodeParameter('prefix', itemIndex) as string;
		return { response: { invoke: (q: string) => `${prefix}(${String(token)}): ${q}` } };
	}
}

class AskModelTest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ask Model',
		name: 'askModelTest',
		group: ['transform'],
		version: 1,
		description: 'Throw-away root node with a model input',
		defaults: { name: 'Ask Model' },
		inputs: ['main', { type: 'ai_languageModel', required: true, maxConnections: 1 }],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const model = (await this.getInputConnectionData('ai_languageModel', 0)) as { invoke(q: string): string };
		return [this.getInputData().map((item, i) => ({ json: { answer: model.invoke(String(item.json.q)) }, pairedItem: { item: i } }))];
	}
}

describe('sub-nodes', () => {
	it('supplies a sub-node through the engine (runSupplyData)', async () => {
		const { response, error } = await runSupplyData({
			node: FakeModelTest,
			parameters: { prefix: '={{ "p-" + $json.x }}' },
			credentials,
			credentialTypes: [EchoTestApi],
			input: [{ x: 'one' }],
		});
		expect(error).toBeUndefined();
		expect((response as { invoke(q: string): string }).invoke('hi')).toBe('p-one(secret-token): hi');
	});

	it('connects sub-nodes to the node under test (runNode subNodes)', async () => {
		const result = await runNode({
			node: AskModelTest,
			subNodes: [{ node: FakeModelTest }],
			credentials,
			credentialTypes: [EchoTestApi],
			input: [{ q: 'a' }, { q: 'b' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ answer: 'model(secret-token): a' }, { answer: 'model(secret-token): b' }]);
	});

	it('reports a missing required sub-node like n8n', async () => {
		const result = await runNode({ node: AskModelTest, credentials, credentialTypes: [EchoTestApi] });
		expect(result.error?.message).toMatch(/Chat Model|sub-node|connected/i);
	});
});
