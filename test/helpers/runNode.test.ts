/**
 * Tests of the harness itself, with throw-away nodes defined here: they exercise the n8n APIs
 * our real nodes rely on, through n8n-core's real engine.
 */
import { Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IDataObject,
	IHookFunctions,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { connect, runNode, runPoll, runWebhook, runWebhookMethod, runWorkflow } from './runNode';

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

	it('is fast after the first run', async () => {
		const started = Date.now();
		await runNode({ node: EchoTest, credentials, credentialTypes: [EchoTestApi], input: [{ n: 1 }] });
		expect(Date.now() - started).toBeLessThan(200);
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
