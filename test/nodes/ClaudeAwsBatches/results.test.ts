/**
 * Get Results over real HTTP: shuffled, arbitrarily chunked JSONL read line by line; nothing lost,
 * nothing duplicated, each result paired back to the item that asked for it; broken downloads fail.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { ERROR_MARKER, EXPIRE_MARKER } from '../../emulator/resources/batches';
import { createInputNode } from '../../helpers/binary';
import { connect, runWorkflow } from '../../helpers/runNode';
import { byId, useHarness } from './batchesHarness';

const h = useHarness();

/** A downstream node that evaluates, per item, an expression reaching back through paired items. */
const checkNode: INodeType = {
	description: {
		displayName: 'Check',
		name: 'pairingCheck',
		group: ['transform'],
		version: 1,
		description: 'Evaluates `asked` per item',
		defaults: { name: 'Check' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Asked', name: 'asked', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, i) => ({
				json: { asked: this.getNodeParameter('asked', i) as string, text: item.json.text, custom_id: item.json.custom_id },
				pairedItem: { item: i },
			})),
		];
	},
};

const itemsNode = createInputNode();
const waitFast = { waitUntilEnded: true, pollIntervalSeconds: 0.05 };
const resultsPaths = () => h.requests('GET', /\/results$/);

async function endedBatch(prompts: string[]): Promise<Record<string, any>> {
	const created = await h.createBatch(prompts);
	await h.waitEnded(created.id);
	return created;
}

describe('Batches node: Get Results', () => {
	it('10,000 items ⇒ Create ⇒ Get Results: exactly 10,000 results, each custom_id once, each paired to the item that asked for it', async () => {
		const count = 10_000;
		const input = Array.from({ length: count }, (_, i) => ({ q: `doc ${i} ü€` }));
		const run = await runWorkflow(
			{
				nodes: [
					{ name: 'Items', type: itemsNode.description.name },
					{ name: 'Create', type: 'claudeAwsBatches', parameters: { resource: 'batch', operation: 'create', prompt: '={{ $json.q }}', options: { ...waitFast, outputResults: false } } },
					{ name: 'Results', type: 'claudeAwsBatches', parameters: { resource: 'batch', operation: 'getResults', batchId: '={{ $json.id }}' } },
					{ name: 'Check', type: 'pairingCheck', parameters: { asked: "={{ $('Items').item.json.q }}" } },
				],
				connections: connect('Items', 'Create', 'Results', 'Check'),
			},
			h.workflowOptions({ nodeTypes: [...h.workflowOptions().nodeTypes, itemsNode, checkNode], input }),
		);
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		const results = run.output('Results');
		expect(results).toHaveLength(count);
		const ids = new Set(results.map((r) => r.json.custom_id));
		expect(ids.size).toBe(count);
		for (let i = 0; i < count; i++) expect(ids.has(`item-${i}`)).toBe(true);
		// The emulator served them shuffled (see the "file order" test) and cut at random byte positions,
		// yet every result traces back to its own input item, through Create, via pairedItem.
		const checked = run.output('Check');
		expect(checked).toHaveLength(count);
		const mismatched = checked.filter((c) => c.json.text !== `Echo: ${c.json.asked}`);
		expect(mismatched).toEqual([]);
		expect(checked.map((c) => c.json.custom_id)).toEqual(input.map((_, i) => `item-${i}`));
		expect(resultsPaths()).toHaveLength(1);
		expect(resultsPaths()[0].headers.accept).toBe('application/binary');
	}, 60_000);

	it('Create with Wait Until Ended and Output Results pairs each result to its input item for later nodes too', async () => {
		const input = ['red', 'green', 'blue'].map((q) => ({ q }));
		const run = await runWorkflow(
			{
				nodes: [
					{ name: 'Items', type: itemsNode.description.name },
					{ name: 'Create', type: 'claudeAwsBatches', parameters: { resource: 'batch', operation: 'create', prompt: '={{ $json.q }}', options: waitFast } },
					{ name: 'Check', type: 'pairingCheck', parameters: { asked: "={{ $('Items').item.json.q }}" } },
				],
				connections: connect('Items', 'Create', 'Check'),
			},
			h.workflowOptions({ nodeTypes: [...h.workflowOptions().nodeTypes, itemsNode, checkNode], input }),
		);
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.output('Check').map((c) => c.json)).toEqual([
			{ asked: 'red', text: 'Echo: red', custom_id: 'item-0' },
			{ asked: 'green', text: 'Echo: green', custom_id: 'item-1' },
			{ asked: 'blue', text: 'Echo: blue', custom_id: 'item-2' },
		]);
	});

	it('by batch ID alone (another execution): file order, each result paired to the item that named the batch', async () => {
		const first = await endedBatch(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
		const second = await endedBatch(['x']);
		const result = await h.run({ operation: 'getResults', batchId: '={{ $json.batch }}' }, { input: [{ batch: first.id }, { batch: second.id }] });
		expect(result.error).toBeUndefined();
		const rows = result.items[0].map((i) => [i.json.batch_id, i.json.custom_id, i.pairedItem]);
		expect(rows.filter((r) => r[0] === first.id).map((r) => r[2])).toEqual(Array(8).fill({ item: 0 }));
		expect(rows.filter((r) => r[0] === second.id)).toEqual([[second.id, 'item-0', { item: 1 }]]);
		const order = rows.filter((r) => r[0] === first.id).map((r) => r[1]);
		expect([...order].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((_, i) => `item-${i}`));
		expect(order).not.toEqual([...order].sort());
		// No input_index without the Create output's map.
		expect(result.json[0].input_index).toBeUndefined();
		expect(result.json[0]).toMatchObject({ result_type: 'succeeded', text: expect.stringMatching(/^Echo: [a-h]$/), stop_reason: 'end_turn' });
	});

	it('a Create output item from another execution gives input_index but pairs to the item itself', async () => {
		const created = await endedBatch(['a', 'b']);
		const stale = { ...created, custom_id_map: { ...created.custom_id_map, source: { ...created.custom_id_map.source, execution_id: 'some-other-execution' } } };
		const result = await h.run({ operation: 'getResults', batchId: '={{ $json.id }}' }, { input: [stale] });
		expect(result.json.map((j) => [j.custom_id, j.input_index])).toEqual([
			['item-0', 0],
			['item-1', 1],
		]);
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('returns the raw message when Simplify Output is off', async () => {
		const created = await endedBatch(['hello']);
		const result = await h.run({ operation: 'getResults', batchId: byId(created.id), simplify: false });
		expect(result.json[0]).toMatchObject({
			custom_id: 'item-0',
			result_type: 'succeeded',
			message: { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Echo: hello' }] },
		});
		expect(result.json[0].text).toBeUndefined();
	});

	it('routes errored and expired results to the Errors output', async () => {
		const created = await endedBatch(['ok', `bad ${ERROR_MARKER}`, `late ${EXPIRE_MARKER}`, 'fine']);
		const result = await h.run({ operation: 'getResults', batchId: byId(created.id), options: { routeErrors: true } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].map((i) => i.json.custom_id).sort()).toEqual(['item-0', 'item-3']);
		const errors = Object.fromEntries(result.items[1].map((i) => [i.json.custom_id, i.json]));
		expect(Object.keys(errors).sort()).toEqual(['item-1', 'item-2']);
		expect(errors['item-1']).toMatchObject({ result_type: 'errored', error: { type: 'api_error', message: expect.stringContaining('Internal server error') } });
		expect(errors['item-2']).toMatchObject({ result_type: 'expired', error: { type: 'expired' } });
		// Without the option everything stays on one output.
		const single = await h.run({ operation: 'getResults', batchId: byId(created.id) });
		expect(single.items).toHaveLength(1);
		expect(single.items[0]).toHaveLength(4);
	});

	describe('refusals and broken downloads', () => {
		it('a batch that has not ended: error with its status, nothing downloaded', async () => {
			h.state().processingMs = 60_000;
			const created = await h.createBatch(['a']);
			h.emulator.clearReceived();
			const result = await h.run({ operation: 'getResults', batchId: byId(created.id) });
			expect(result.error?.message).toBe(`Batch ${created.id} is in_progress, so it has no results yet; results can be downloaded once it has ended (item 0)`);
			expect(h.emulator.received.map((r) => r.path)).toEqual([`/v1/messages/batches/${created.id}`]);
		});

		it('checks every batch before downloading any', async () => {
			const ended = await endedBatch(['a']);
			h.state().processingMs = 60_000;
			const running = await h.createBatch(['b']);
			h.emulator.clearReceived();
			const result = await h.run({ operation: 'getResults', batchId: '={{ $json.id }}' }, { input: [{ id: ended.id }, { id: running.id }] });
			expect(result.error?.message).toMatch(new RegExp(`^Batch ${running.id} is in_progress.*\\(item 1\\)$`));
			expect(resultsPaths()).toHaveLength(0);
		});

		it('a results stream cut mid-way is an error, never a short list', async () => {
			const created = await endedBatch(Array.from({ length: 300 }, (_, i) => `q${i}`));
			h.emulator.faults.inject({ path: /\/results$/, fault: { type: 'cutStream', afterEvents: 2 } });
			const result = await h.run({ operation: 'getResults', batchId: byId(created.id) });
			expect(result.error?.message).toMatch(new RegExp(`^The results of batch ${created.id} could not be read completely: .* of 300 lines \\(item 0\\)$`));
			expect((result.error as { description?: string }).description).toContain('was incomplete');
			expect(result.items).toEqual([]);
		});

		const served = (lines: string[]) => ({ type: 'status' as const, status: 200, rawBody: lines.join('\n') });
		const line = (id: string) => JSON.stringify({ custom_id: id, result: { type: 'expired' } });

		it('a last line that does not parse', async () => {
			const created = await endedBatch(['a', 'b']);
			h.emulator.faults.inject({ path: /\/results$/, fault: served([line('item-0'), '{"custom_id":"item-1","res']) });
			const result = await h.run({ operation: 'getResults', batchId: byId(created.id) });
			expect(result.error?.message).toMatch(/could not be read completely: line 2 is not valid JSON \(the download may have been cut\) after 1 of 2 lines \(item 0\)$/);
			expect(result.items).toEqual([]);
		});

		it('fewer lines than the batch has requests', async () => {
			const created = await endedBatch(['a', 'b', 'c']);
			h.emulator.faults.inject({ path: /\/results$/, fault: served([line('item-0'), line('item-2'), '']) });
			const result = await h.run({ operation: 'getResults', batchId: byId(created.id) });
			expect(result.error?.message).toMatch(/got 2 result lines, but the batch reports 3 requests \(3 succeeded, 0 errored, 0 canceled, 0 expired\) \(item 0\)$/);
		});

		it('a custom_id that appears twice', async () => {
			const created = await endedBatch(['a', 'b']);
			h.emulator.faults.inject({ path: /\/results$/, fault: served([line('item-0'), line('item-0')]) });
			const result = await h.run({ operation: 'getResults', batchId: byId(created.id) });
			expect(result.error?.message).toMatch(/custom_id 'item-0' appears twice \(item 0\)$/);
		});

		it('with Continue On Fail, a broken batch becomes an error item and the others still come through', async () => {
			const good = await endedBatch(['a', 'b']);
			const bad = await endedBatch(['c']);
			h.emulator.faults.inject({ path: `/v1/messages/batches/${bad.id}/results`, fault: { type: 'resetMidBody' } });
			const result = await h.run({ operation: 'getResults', batchId: '={{ $json.id }}' }, { input: [{ id: bad.id }, { id: good.id }], continueOnFail: true });
			expect(result.error).toBeUndefined();
			const errors = result.json.filter((j) => j.error);
			expect(errors).toHaveLength(1);
			expect(errors[0].error).toMatch(new RegExp(`^The results of batch ${bad.id} could not be read completely`));
			expect(result.json.filter((j) => j.custom_id).map((j) => j.batch_id)).toEqual([good.id, good.id]);
		});
	});

});
