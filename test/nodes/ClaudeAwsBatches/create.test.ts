/** Create Batch From Items over real HTTP: requests built per item, custom_ids, splitting, bad input, waiting for results. */
import { DEFAULT_MODEL } from '../../../nodes/shared/messageForm/promptFields';
import { batchLimits } from '../../../nodes/api/batchLimits';
import { ERROR_MARKER, EXPIRE_MARKER } from '../../emulator/resources/batches';
import * as createOperation from '../../../nodes/ClaudeAwsBatches/actions/batch/create.operation';
import { runWorkflow } from '../../helpers/runNode';
import { useHarness } from './batchesHarness';

const h = useHarness();
const defaults = { ...batchLimits };
afterEach(() => Object.assign(batchLimits, defaults));

const create = (parameters: Record<string, unknown> = {}) => ({ operation: 'create', prompt: '={{ $json.q }}', ...parameters });
const items = (...qs: string[]) => qs.map((q) => ({ q }));
const posts = () => h.requests('POST', '/v1/messages/batches');

describe('Batches node: Create Batch From Items', () => {
	it('sends one request per item, built by the Messages builder with expressions per item, and describes the batch', async () => {
		const result = await h.run(create({ system: 'Be brief', maxTokens: 100 }), { input: items('alpha', 'beta', 'gamma') });
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(posts()[0].json.requests).toEqual(
			['alpha', 'beta', 'gamma'].map((q, i) => ({
				custom_id: `item-${i}`,
				params: expect.objectContaining({ model: DEFAULT_MODEL, max_tokens: 100, system: 'Be brief', messages: [{ role: 'user', content: q }] }),
			})),
		);
		expect(result.items[0]).toHaveLength(1);
		const [out] = result.items[0];
		expect(out.json).toMatchObject({
			id: expect.stringMatching(/^msgbatch_/),
			processing_status: 'in_progress',
			request_counts: { processing: 3, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
			created_at: expect.any(String),
			expires_at: expect.any(String),
			split: { part: 1, parts: 1, requests: 3, text: 'part 1 of 1' },
			custom_id_map: { prefix: 'item-', first: 0, count: 3, source: { node: 'Test Input', output: 0, run: 0, execution_id: expect.any(String) } },
		});
		// The batch came from all three items.
		expect(out.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('uses the Custom ID expression and maps each ID to its item index', async () => {
		const input = [{ q: 'a', doc: 'doc-7' }, { q: 'b', doc: 'doc_3' }];
		const result = await h.run(create({ options: { customId: '={{ $json.doc }}' } }), { input });
		expect(result.error).toBeUndefined();
		expect(posts()[0].json.requests.map((r: { custom_id: string }) => r.custom_id)).toEqual(['doc-7', 'doc_3']);
		expect(result.json[0].custom_id_map).toMatchObject({ ids: { 'doc-7': 0, doc_3: 1 } });
	});

	it('streams the body of many items with its exact length and payload hash: every request and custom ID arrives', async () => {
		const count = 5_000;
		const input = Array.from({ length: count }, (_, i) => ({ q: `Question ${i} ✓`, doc: `doc-${i}` }));
		const result = await h.run(create({ options: { customId: '={{ $json.doc }}' } }), { input });
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const [post] = posts();
		expect(post.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
		expect(post.headers['content-length']).toBe(String(post.bodyBytes));
		expect(post.bodyBytes).toBe(Buffer.byteLength(JSON.stringify({ requests: post.json.requests })));
		const stored = h.state().batches.get(result.json[0].id as string)!;
		expect(stored.requests.map((r) => [r.custom_id, r.params.messages[0].content])).toEqual(input.map((item) => [item.doc, item.q]));
		const map = result.json[0].custom_id_map as { ids: Record<string, number> };
		expect(Object.keys(map.ids)).toHaveLength(count);
		expect(map.ids['doc-4321']).toBe(4321);
	});

	describe('bad input fails before any request', () => {
		it('zero input items: n8n does not run the node, and the node refuses if it ever is', async () => {
			const run = await runWorkflow(
				{ nodes: [{ name: 'Create', type: 'claudeAwsBatches', parameters: { resource: 'batch', operation: 'create', prompt: 'x' } }], connections: {} },
				{ ...h.workflowOptions(), input: [] },
			);
			expect(run.nodes.Create).toBeUndefined();
			// The same operation called the way the engine would with an empty input.
			const context = { getInputData: () => [], getNode: () => ({ name: 'Create', type: 'claudeAwsBatches', typeVersion: 1, position: [0, 0], parameters: {} }) };
			await expect(createOperation.execute.call(context as never, {} as never)).rejects.toThrow(
				'No input items: Create Batch From Items makes one request per input item',
			);
			expect(h.emulator.received).toHaveLength(0);
		});

		it('a custom_id that breaks the API pattern, naming the parameter and the item', async () => {
			const input = [{ q: 'a', doc: 'ok-1' }, { q: 'b', doc: 'has space' }];
			const result = await h.run(create({ options: { customId: '={{ $json.doc }}' } }), { input });
			expect(result.error?.message).toBe('Custom ID: "has space" is not a valid custom_id: use 1 to 64 letters, digits, "_" or "-" (item 1)');
			expect(h.emulator.received).toHaveLength(0);
		});

		it('a custom_id longer than 64 characters', async () => {
			const result = await h.run(create({ options: { customId: '={{ "x".repeat(65) }}' } }), { input: items('a') });
			expect(result.error?.message).toMatch(/^Custom ID: "x{65}" is not a valid custom_id.*\(item 0\)$/);
			expect(h.emulator.received).toHaveLength(0);
		});

		it('duplicate custom_ids, naming both items', async () => {
			const input = [{ q: 'a', doc: 'd1' }, { q: 'b', doc: 'd2' }, { q: 'c', doc: 'd1' }];
			const result = await h.run(create({ options: { customId: '={{ $json.doc }}' } }), { input });
			expect(result.error?.message).toBe('Custom ID: "d1" is used by item 0 and item 2; each request needs its own custom_id (item 2)');
			expect(h.emulator.received).toHaveLength(0);
		});

		it('an empty custom_id', async () => {
			const result = await h.run(create({ options: { customId: '={{ $json.doc }}' } }), { input: items('a') });
			expect(result.error?.message).toBe('Custom ID: is empty for this item (item 0)');
			expect(h.emulator.received).toHaveLength(0);
		});

		it('a bad prompt on a late item stops the whole batch, not just that item', async () => {
			const result = await h.run(create(), { input: items('a', 'b', '   ') });
			expect(result.error?.message).toMatch(/^Prompt: is empty \(item 2\)$/);
			expect(h.emulator.received).toHaveLength(0);
		});

		it('one item larger than a whole batch may be', async () => {
			batchLimits.maxBytes = 2_000;
			const result = await h.run(create(), { input: items('short', 'x'.repeat(3_000)) });
			expect(result.error?.message).toMatch(/^Prompt: the request of this item is 3\.\d kB, more than one batch can hold \(2 kB\) \(item 1\)$/);
			expect(h.emulator.received).toHaveLength(0);
		});
	});

	it('with Continue On Fail, bad items become error items and the rest is batched', async () => {
		const input = [{ q: 'a', doc: 'd1' }, { q: 'b', doc: 'bad id' }, { q: 'c', doc: 'd3' }];
		const result = await h.run(create({ options: { customId: '={{ $json.doc }}' } }), { input, continueOnFail: true });
		expect(posts()).toHaveLength(1);
		expect(posts()[0].json.requests.map((r: { custom_id: string }) => r.custom_id)).toEqual(['d1', 'd3']);
		expect(result.items[0]).toHaveLength(2);
		expect(result.items[0][0].json.custom_id_map).toMatchObject({ ids: { d1: 0, d3: 2 } });
		expect(result.items[0][0].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.items[0][1]).toEqual({ json: { error: expect.stringMatching(/^Custom ID: "bad id".*\(item 1\)$/), errorDescription: expect.any(String) }, pairedItem: { item: 1 } });
	});

	describe('splitting at the API limits', () => {
		it('by request count: several batches, each told which part it is, IDs and maps covering every item once', async () => {
			batchLimits.maxRequests = 4;
			const qs = Array.from({ length: 10 }, (_, i) => `q${i}`);
			const result = await h.run(create(), { input: items(...qs) });
			expect(result.error).toBeUndefined();
			expect(posts().map((p) => p.json.requests.map((r: { custom_id: string }) => r.custom_id))).toEqual([
				['item-0', 'item-1', 'item-2', 'item-3'],
				['item-4', 'item-5', 'item-6', 'item-7'],
				['item-8', 'item-9'],
			]);
			expect(result.json.map((j) => j.split)).toEqual([
				{ part: 1, parts: 3, requests: 4, text: 'part 1 of 3' },
				{ part: 2, parts: 3, requests: 4, text: 'part 2 of 3' },
				{ part: 3, parts: 3, requests: 2, text: 'part 3 of 3' },
			]);
			expect(result.json.map((j) => j.custom_id_map)).toEqual([
				expect.objectContaining({ first: 0, count: 4 }),
				expect.objectContaining({ first: 4, count: 4 }),
				expect.objectContaining({ first: 8, count: 2 }),
			]);
			expect(new Set(result.json.map((j) => j.id)).size).toBe(3);
			expect(result.items[0][2].pairedItem).toEqual([{ item: 8 }, { item: 9 }]);
		});

		it('by body size: no body over the limit, items kept in order across parts', async () => {
			batchLimits.maxBytes = 1_500;
			const qs = Array.from({ length: 12 }, (_, i) => `${i}:${'y'.repeat(200)}`);
			const result = await h.run(create(), { input: items(...qs) });
			expect(result.error).toBeUndefined();
			expect(posts().length).toBeGreaterThan(2);
			for (const post of posts()) expect(post.bodyBytes).toBeLessThanOrEqual(1_500);
			const sent = posts().flatMap((p) => p.json.requests.map((r: { params: { messages: Array<{ content: string }> } }) => r.params.messages[0].content));
			expect(sent).toEqual(qs);
			expect(result.json.every((j) => (j.split as { parts: number }).parts === posts().length)).toBe(true);
		});

		it('a failure on a later part names the batches already created', async () => {
			batchLimits.maxRequests = 2;
			h.state().maxBodyBytes = 2_000;
			try {
				const result = await h.run(create(), { input: items('a', 'b', 'c', 'x'.repeat(2_500)) });
				expect(posts()).toHaveLength(2);
				const first = [...h.state().batches.keys()].pop();
				expect(result.error?.message).toMatch(/^413 request_too_large/);
				expect((result.error as { description?: string }).description).toContain(`Batches created before this failure (they are processing): ${first}.`);
			} finally {
				h.state().maxBodyBytes = 256 * 1024 * 1024;
			}
		});
	});

	describe('Wait Until Ended', () => {
		const waitOptions = { waitUntilEnded: true, pollIntervalSeconds: 0.05 };

		it('outputs one result per item, in input order, paired to the item that asked for it', async () => {
			const qs = ['one', `two ${ERROR_MARKER}`, 'three', `four ${EXPIRE_MARKER}`, 'five'];
			const result = await h.run(create({ options: waitOptions }), { input: items(...qs) });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(result.json.map((j) => [j.custom_id, j.result_type, j.input_index])).toEqual([
				['item-0', 'succeeded', 0],
				['item-1', 'errored', 1],
				['item-2', 'succeeded', 2],
				['item-3', 'expired', 3],
				['item-4', 'succeeded', 4],
			]);
			expect(result.items[0].map((i) => i.pairedItem)).toEqual(qs.map((_, item) => ({ item })));
			expect(result.json[0]).toMatchObject({ text: 'Echo: one', stop_reason: 'end_turn', model: DEFAULT_MODEL });
			expect(result.json[1].error).toMatchObject({ type: 'api_error' });
			expect(result.json[3].error).toMatchObject({ type: 'expired' });
			// Polled, not held open: several status checks, then one download.
			expect(h.requests('GET', /^\/v1\/messages\/batches\/[^/]+$/).length).toBeGreaterThanOrEqual(2);
			expect(h.requests('GET', /\/results$/)).toHaveLength(1);
		});

		it('routes errored and expired results to the Errors output', async () => {
			const qs = ['one', `two ${ERROR_MARKER}`, `three ${EXPIRE_MARKER}`];
			const result = await h.run(create({ options: { ...waitOptions, routeErrors: true } }), { input: items(...qs) });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(2);
			expect(result.items[0].map((i) => [i.json.custom_id, i.pairedItem])).toEqual([['item-0', { item: 0 }]]);
			expect(result.items[1].map((i) => [i.json.custom_id, i.json.result_type, i.pairedItem])).toEqual([
				['item-1', 'errored', { item: 1 }],
				['item-2', 'expired', { item: 2 }],
			]);
		});

		it('with an Output Schema, parses each reply into json; a reply that is not JSON keeps its text and says why', async () => {
			const schema = JSON.stringify({ type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] });
			const result = await h.run(create({ options: { ...waitOptions, outputSchema: schema } }), { input: items('fine', 'broken [[invalid-json]]') });
			expect(result.error).toBeUndefined();
			expect(posts()[0].json.requests[0].params.output_config).toEqual({ format: { type: 'json_schema', schema: JSON.parse(schema) } });
			expect(result.json[0].json).toEqual({ answer: expect.any(String) });
			expect(result.json[0].json_error).toBeUndefined();
			expect(result.json[1].json).toBeUndefined();
			expect(result.json[1].json_error).toMatch(/^The model's answer is not valid JSON/);
			expect(typeof result.json[1].text).toBe('string');
		});

		it('outputs the ended batches instead when Output Results is off', async () => {
			const result = await h.run(create({ options: { ...waitOptions, outputResults: false } }), { input: items('a', 'b') });
			expect(result.json).toHaveLength(1);
			expect(result.json[0]).toMatchObject({ processing_status: 'ended', request_counts: { succeeded: 2 }, results_url: expect.stringContaining('/results') });
			expect(h.requests('GET', /\/results$/)).toHaveLength(0);
		});

		it('times out with an error that names the batch, which keeps processing', async () => {
			h.state().processingMs = 60_000;
			const result = await h.run(create({ options: { waitUntilEnded: true, pollIntervalSeconds: 0.05, maxWaitMinutes: 0.005 } }), { input: items('a') });
			const id = [...h.state().batches.keys()].pop();
			expect(result.error?.message).toMatch(new RegExp(`^Batch ${id} \\(in_progress\\) had not ended after 0\\.\\d s; it keeps processing`));
			// It gave up at its own limit: the batch is still processing, not ended.
			expect(h.state().batches.get(id!)?.endsAt).toBeGreaterThan(Date.now());
			expect(h.requests('POST', /cancel$/)).toHaveLength(0);
		});
	});
});
