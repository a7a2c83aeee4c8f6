/** Get, List, Cancel, Delete and Wait Until Ended over real HTTP, and the batch state machine through them. */
import { byId, useHarness } from './batchesHarness';

const h = useHarness();

describe('Batches node: Get, List, Cancel, Delete, Wait Until Ended', () => {
	it('Get follows the state machine: in_progress, then ended with counts and a results URL', async () => {
		// Long enough that the first Get (which also loads n8n-core) sees the batch still in progress on a busy machine.
		h.state().processingMs = 3000;
		const created = await h.createBatch(['a', 'b']);
		const early = await h.run({ operation: 'get', batchId: byId(created.id) });
		expect(early.json[0]).toMatchObject({ id: created.id, processing_status: 'in_progress', request_counts: { processing: 2, succeeded: 0 }, results_url: null });
		expect(early.items[0][0].pairedItem).toEqual({ item: 0 });
		await h.waitEnded(created.id);
		const late = await h.run({ operation: 'get', batchId: byId(created.id) });
		expect(late.json[0]).toMatchObject({
			processing_status: 'ended',
			request_counts: { processing: 0, succeeded: 2 },
			ended_at: expect.any(String),
			results_url: `${h.emulator.url}/v1/messages/batches/${created.id}/results`,
		});
	});

	it('Get of an unknown ID: 404 that names the ID', async () => {
		const result = await h.run({ operation: 'get', batchId: byId('msgbatch_doesNotExist') });
		expect(result.error?.message).toBe("404 not_found_error: Message batch not found: 'msgbatch_doesNotExist'. (item 0)");
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	// Typed values are checked by n8n itself (required, pattern); mapped ones only at run time.
	it.each([
		['an empty mapped batch ID', '', 'Batch: no message batch ID was given (item 0)'],
		['a mapped path in place of an ID', '../files', 'Batch: "../files" is not a message batch ID (item 0)'],
	])('refuses %s before any request', async (_what, id, message) => {
		const result = await h.run({ operation: 'get', batchId: byId('={{ $json.id }}') }, { input: [{ id }] });
		expect(result.error?.message).toBe(message);
		expect(h.emulator.received).toHaveLength(0);
	});

	it('accepts a plain mapped ID as well as a locator value, per item', async () => {
		const a = await h.createBatch(['a']);
		const b = await h.createBatch(['b']);
		const result = await h.run({ operation: 'get', batchId: '={{ $json.id }}' }, { input: [{ id: a.id }, { id: b.id }] });
		expect(result.json.map((j) => j.id)).toEqual([a.id, b.id]);
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	describe('List', () => {
		it('Limit returns the newest batches first, Return All follows ID pages to the end', async () => {
			for (let i = 0; i < 3; i++) await h.createBatch([`p${i}`]);
			const all = [...h.state().batches.keys()].reverse();
			const limited = await h.run({ operation: 'list', limit: 2 });
			expect(limited.json.map((j) => j.id)).toEqual(all.slice(0, 2));
			h.emulator.clearReceived();
			// Pages of 100: put more than one page in the workspace.
			for (let i = 0; i < 101 - all.length + 5; i++) await h.createDirect([`bulk${i}`]);
			h.emulator.clearReceived();
			const every = await h.run({ operation: 'list', returnAll: true });
			expect(every.json.map((j) => j.id)).toEqual([...h.state().batches.keys()].reverse());
			const pages = h.requests('GET', '/v1/messages/batches');
			expect(pages.map((p) => p.query.after_id)).toEqual([undefined, every.json[99].id]);
		}, 20_000);
	});

	describe('Cancel', () => {
		it('cancels a running batch: canceling, then ended with canceled requests', async () => {
			h.state().processingMs = 5_000;
			h.state().cancelingMs = 50;
			try {
				const created = await h.createBatch(['a', 'b', 'c']);
				const result = await h.run({ operation: 'cancel', batchId: byId(created.id) });
				expect(result.json[0]).toMatchObject({ id: created.id, processing_status: 'canceling', cancel_initiated_at: expect.any(String) });
				expect(h.requests('POST', `/v1/messages/batches/${created.id}/cancel`)).toHaveLength(1);
				await h.waitEnded(created.id);
				const after = await h.run({ operation: 'get', batchId: byId(created.id) });
				expect(after.json[0]).toMatchObject({ processing_status: 'ended', request_counts: { canceled: 3 } });
				const results = await h.run({ operation: 'getResults', batchId: byId(created.id) });
				expect(results.json.map((j) => j.result_type)).toEqual(['canceled', 'canceled', 'canceled']);
			} finally {
				h.state().cancelingMs = undefined;
			}
		});

		it('an ended batch cannot be canceled: the API error reaches the user', async () => {
			const created = await h.createBatch(['a']);
			await h.waitEnded(created.id);
			const result = await h.run({ operation: 'cancel', batchId: byId(created.id) });
			expect(result.error?.message).toMatch(/^400 invalid_request_error: .*already ended.*\(item 0\)$/);
		});
	});

	describe('Delete', () => {
		it('deletes an ended batch; afterwards Get is a 404 naming it', async () => {
			const created = await h.createBatch(['a']);
			await h.waitEnded(created.id);
			const result = await h.run({ operation: 'delete', batchId: byId(created.id) });
			expect(result.json).toEqual([{ id: created.id, deleted: true }]);
			expect(h.requests('DELETE', `/v1/messages/batches/${created.id}`)).toHaveLength(1);
			const gone = await h.run({ operation: 'get', batchId: byId(created.id) });
			expect(gone.error?.message).toContain(`Message batch not found: '${created.id}'`);
		});

		it('a running batch cannot be deleted', async () => {
			h.state().processingMs = 60_000;
			const created = await h.createBatch(['a']);
			const result = await h.run({ operation: 'delete', batchId: byId(created.id) });
			expect(result.error?.message).toMatch(/^400 invalid_request_error: .*in_progress.*\(item 0\)$/);
		});

		it('deleting an unknown ID is a 404 naming it', async () => {
			const result = await h.run({ operation: 'delete', batchId: byId('msgbatch_nope') });
			expect(result.error?.message).toMatch(/^404 not_found_error: Message batch not found: 'msgbatch_nope'/);
		});
	});

	describe('Wait Until Ended', () => {
		it('polls at growing intervals until the batch has ended and outputs it', async () => {
			h.state().processingMs = 700;
			const created = await h.createBatch(['a']);
			h.emulator.clearReceived();
			const result = await h.run({ operation: 'waitUntilEnded', batchId: byId(created.id), options: { pollIntervalSeconds: 0.05 } });
			expect(result.json[0]).toMatchObject({ id: created.id, processing_status: 'ended' });
			const polls = h.requests('GET', `/v1/messages/batches/${created.id}`).map((r) => r.at);
			expect(polls.length).toBeGreaterThanOrEqual(4);
			const gaps = polls.slice(1).map((t, i) => t - polls[i]);
			// 50 ms, then 1.5x longer each time. Timers never fire early, so these lower bounds hold on a busy machine.
			gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(Math.floor(50 * 1.5 ** i) - 2));
			expect(gaps[gaps.length - 1]).toBeGreaterThanOrEqual(160);
		});

		it('gives up at Max Wait with the batch ID and status in the error', async () => {
			h.state().processingMs = 60_000;
			const created = await h.createBatch(['a']);
			const result = await h.run({ operation: 'waitUntilEnded', batchId: byId(created.id), options: { pollIntervalSeconds: 0.05, maxWaitMinutes: 0.004 } });
			expect(result.error?.message).toMatch(new RegExp(`^Batch ${created.id} \\(in_progress\\) had not ended after 0\\.\\d s; it keeps processing \\(item 0\\)$`));
		});
	});
});
