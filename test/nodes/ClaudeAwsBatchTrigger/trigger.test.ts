/**
 * The Batch Trigger through n8n-core's PollTriggerExecutor, state carried between polls in static
 * data the way n8n keeps it: first poll only takes note, each ended batch is emitted exactly once.
 */
import type { IDataObject } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsBatchTrigger } from '../../../nodes/ClaudeAwsBatchTrigger/ClaudeAwsBatchTrigger.node';
import { ERROR_MARKER } from '../../emulator/resources/batches';
import { accessKeyCredentials } from '../../helpers/credentials';
import { runPoll } from '../../helpers/runNode';
import { useHarness } from '../ClaudeAwsBatches/batchesHarness';

const h = useHarness();

const poll = (staticData?: IDataObject, parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
	runPoll({
		node: ClaudeAwsBatchTrigger,
		parameters: parameters as never,
		credentials: { claudePlatformAwsApi: accessKeyCredentials(h.emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
		staticData,
		mode,
	});

const listCalls = () => h.requests('GET', '/v1/messages/batches');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Each test starts from an empty workspace, so what one test leaves behind is not news to another.
beforeEach(() => h.state().batches.clear());

describe('Claude on AWS Batch Trigger', () => {
	it('first poll only takes note; a batch that ends later is emitted once, then never again', async () => {
		const old = await h.createDirect(['old']);
		await h.waitEnded(old.id);
		const first = await poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		expect(first.staticData).toEqual({ initialized: true, newest: old.created_at, atNewest: [old.id], running: {} });

		// Held running until the poll has seen it: on a loaded machine a short processing time can end first.
		h.state().processingMs = 60_000;
		const fresh = await h.createDirect(['new one']);
		h.state().processingMs = undefined;
		const whileRunning = await poll(first.staticData);
		expect(whileRunning.items).toBeNull();
		h.state().batches.get(fresh.id)!.endsAt = Date.now();
		await h.waitEnded(fresh.id);
		const second = await poll(whileRunning.staticData);
		expect(second.json).toEqual([expect.objectContaining({ id: fresh.id, processing_status: 'ended', request_counts: expect.objectContaining({ succeeded: 1 }) })]);
		const third = await poll(second.staticData);
		expect(third.items).toBeNull();
	});

	it('a batch that was still running at the first poll is emitted when it ends (the watermark waits for it)', async () => {
		// Held running until the first poll has seen it (ended by hand below), whatever the machine's load.
		h.state().processingMs = 60_000;
		const slow = await h.createDirect(['slow']);
		h.state().processingMs = 20;
		const quick = await h.createDirect(['quick']);
		await h.waitEnded(quick.id);
		const first = await poll();
		expect(first.items).toBeNull();
		// The quick one ended before the trigger started: not news. The slow one is remembered as running.
		expect(first.staticData).toMatchObject({ initialized: true, newest: quick.created_at, running: { [slow.id]: slow.created_at } });
		expect(first.staticData.atNewest).toContain(quick.id);
		h.state().batches.get(slow.id)!.endsAt = Date.now();
		await h.waitEnded(slow.id);
		const second = await poll(first.staticData);
		expect(second.json.map((j) => j.id)).toEqual([slow.id]);
	});

	it('many batches ending at different times over many polls: each emitted exactly once, oldest end first within a poll', async () => {
		const state0 = (await poll()).staticData;
		const ids: string[] = [];
		for (const ms of [50, 400, 120, 250, 30, 330]) {
			h.state().processingMs = ms;
			ids.push((await h.createDirect([`ends after ${ms} ms`])).id);
		}
		const emitted: string[] = [];
		let state = state0;
		const deadline = Date.now() + 10_000;
		while (emitted.length < ids.length && Date.now() < deadline) {
			const result = await poll(state);
			expect(result.error).toBeUndefined();
			state = result.staticData;
			emitted.push(...result.json.map((j) => String(j.id)));
			await sleep(40);
		}
		for (let i = 0; i < 3; i++) {
			const after = await poll(state);
			expect(after.items).toBeNull();
			state = after.staticData;
		}
		expect([...emitted].sort()).toEqual([...ids].sort());
		expect(new Set(emitted).size).toBe(ids.length);
		// Everything ended: nothing is remembered as running, only the newest batch.
		expect(state.running).toEqual({});
		expect(state.atNewest).toContain(ids[ids.length - 1]);
	});

	it('once caught up, a poll reads only the first page even with hundreds of older batches', async () => {
		for (let i = 0; i < 130; i++) await h.createDirect([`b${i}`]);
		const newest = [...h.state().batches.values()].pop()!;
		await h.waitEnded(newest.id);
		const first = await poll();
		expect(first.items).toBeNull();
		h.emulator.clearReceived();
		const second = await poll(first.staticData);
		expect(second.items).toBeNull();
		expect(listCalls()).toHaveLength(1);
		expect(listCalls()[0].query).toEqual({ limit: '100' });
	}, 15_000);

	it('manual mode ("Fetch Test Event") returns the latest ended batch and leaves the state alone', async () => {
		const a = await h.createDirect(['a']);
		await h.waitEnded(a.id);
		h.state().processingMs = 60_000;
		await h.createDirect(['still running']);
		const state = { initialized: true, newest: a.created_at, atNewest: [a.id], running: {} };
		const result = await poll(state, {}, 'manual');
		expect(result.json.map((j) => j.id)).toEqual([a.id]);
		expect(result.staticData).toEqual(state);
	});

	it('Include Results: one item per result line, with batch_id, custom_id and the reply or the error', async () => {
		const state0 = (await poll()).staticData;
		const batch = await h.createDirect(['hi', `boom ${ERROR_MARKER}`]);
		await h.waitEnded(batch.id);
		const result = await poll(state0, { includeResults: true });
		expect(result.error).toBeUndefined();
		const byId = Object.fromEntries(result.json.map((j) => [j.custom_id, j]));
		expect(Object.keys(byId).sort()).toEqual(['item-0', 'item-1']);
		expect(byId['item-0']).toMatchObject({ batch_id: batch.id, result_type: 'succeeded', text: 'Echo: hi' });
		expect(byId['item-1']).toMatchObject({ batch_id: batch.id, result_type: 'errored', error: { type: 'api_error' } });
	});

	it('a failed results download emits nothing and keeps the batch for the next poll', async () => {
		const state0 = (await poll()).staticData;
		const batch = await h.createDirect(['x', 'y', 'z']);
		await h.waitEnded(batch.id);
		h.emulator.faults.inject({ path: /\/results$/, fault: { type: 'resetMidBody' } });
		const failed = await poll(state0, { includeResults: true });
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toMatch(new RegExp(`^The results of batch ${batch.id} could not be read completely`));
		const retried = await poll(failed.staticData, { includeResults: true });
		expect(retried.json.map((j) => j.custom_id).sort()).toEqual(['item-0', 'item-1', 'item-2']);
	});
});
