/**
 * The per-item runner and error mapping every node uses, run inside n8n-core's real engine through a
 * small node that calls the real transport against the emulator.
 */
import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { getClient } from '../../nodes/shared/client';
import { parameterError } from '../../nodes/shared/errors';
import { runPerItem } from '../../nodes/shared/runPerItem';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/types';
import { accessKeyCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';

class ModelProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Model Probe',
		name: 'modelProbe',
		group: ['transform'],
		version: 1,
		description: 'Gets one model per item',
		defaults: { name: 'Model Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'claudePlatformAwsApi', required: true }],
		properties: [
			{ displayName: 'Model', name: 'model', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 8 },
		],
	};

	async execute(this: IExecuteFunctions) {
		const client = await getClient(this);
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const out = await runPerItem(
			this,
			async (i) => {
				const model = this.getNodeParameter('model', i) as string;
				if (!model) throw parameterError(this.getNode(), 'Model', 'is empty', i, 'Pick a model.');
				return client.request({ method: 'GET', path: `/v1/models/${encodeURIComponent(model)}` });
			},
			{ concurrency },
		);
		return [out];
	}
}

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
	emulator.clearReceived();
	emulator.faults.clear();
	emulator.setLatency(0);
});

const run = (input: Array<{ model: string }>, options: { continueOnFail?: boolean; concurrency?: number } = {}) =>
	runNode({
		node: ModelProbe,
		parameters: { model: '={{ $json.model }}', concurrency: options.concurrency ?? 8 },
		credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
		input,
		continueOnFail: options.continueOnFail,
	});

describe('runPerItem inside n8n', () => {
	it('keeps input order and pairing while items run concurrently', async () => {
		emulator.setLatency(100);
		const models = ['claude-sonnet-4-6', 'claude-opus-5', 'claude-haiku-4-5'];
		const input = Array.from({ length: 30 }, (_, i) => ({ model: models[i % 3] }));
		const result = await run(input, { concurrency: 10 });
		expect(result.error).toBeUndefined();
		expect(result.items[0].map((item) => item.json.id)).toEqual(input.map((i) => i.model));
		expect(result.items[0].map((item) => item.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		// Concurrency seen by the gateway, not inferred from time: at most 10 at once, and more than one.
		expect(emulator.concurrency.highWater).toBeLessThanOrEqual(10);
		expect(emulator.concurrency.highWater).toBeGreaterThan(1);
	});

	it('Continue On Fail: a failed item becomes an error item paired to it; the others are untouched', async () => {
		const result = await run([{ model: 'claude-opus-5' }, { model: 'no-such-model' }, { model: '' }, { model: 'claude-haiku-4-5' }], { continueOnFail: true });
		const json = result.items[0].map((i) => i.json);
		expect(json[0].id).toBe('claude-opus-5');
		expect(json[1].error).toMatch(/^404 not_found_error: .*no-such-model.* \(item 1\)$/);
		expect(json[1].errorDescription).toMatch(/Request ID: req_/);
		expect(json[2].error).toBe('Model: is empty (item 2)');
		expect(json[3].id).toBe('claude-haiku-4-5');
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});

	it('without Continue On Fail, fails the node with the first failing item, status, type, request id and hint', async () => {
		emulator.faults.inject({ path: /\/v1\/models\/claude-opus-5/, fault: { type: 'status', status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'Not allowed for this workspace' } } } });
		const result = await run([{ model: 'claude-haiku-4-5' }, { model: 'claude-opus-5' }]);
		const error = result.error as any;
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe('403 permission_error: Not allowed for this workspace (item 1)');
		expect(error.description).toMatch(/Check the Workspace ID/);
		expect(error.description).toMatch(/GET \/v1\/models\/claude-opus-5 answered 403 permission_error\. Request ID: req_/);
		expect(error.httpCode).toBe('403');
		expect(error.context.itemIndex).toBe(1);
	});

	it('a bad parameter fails before any request for that item', async () => {
		const result = await run([{ model: '' }]);
		expect((result.error as Error).message).toBe('Model: is empty (item 0)');
		expect(emulator.received).toHaveLength(0);
	});
});
