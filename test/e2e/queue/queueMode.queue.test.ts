/**
 * Scale-out proof: n8n in queue mode (run-queue-mode.sh: one main, two workers, PostgreSQL, Redis/Bull)
 * runs the document batch example, the webhook ⇒ agent session ⇒ Respond to Webhook example and two
 * poll-trigger workflows (test/e2e/queue/workflows). The tests run in order and build on each other:
 * work done at once on both workers, then what the triggers on the main process make of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearReceived, received as receivedSummaries, type ReceivedSummary } from '../helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf, type SavedExecution, type SavedItem } from '../helpers/n8nApi';
import { secretsIn } from '../helpers/secrets';
import { recordForLeakScan } from '../../setup/leakRecorder';
import * as gateway from './helpers/gateway';
import { startMain, stopMain } from './helpers/mainProcess';
import { allLogTexts, finishedOnWorker, startsByWorker, workerLogFiles } from './helpers/processes';

const api = new N8nApi();
const DOC_BATCH = 'exDocBatch000001';
const AGENT_WEBHOOK = 'exAgentWebhook01';
const BATCH_TRIGGER = 'qBatchTrigger001';
const SESSION_TRIGGER = 'qSessionTrigr001';
const TRIGGERS = [BATCH_TRIGGER, SESSION_TRIGGER];
const TITLES = ['Supply contract', 'Office lease', 'Support agreement'];
/** Each trigger polls at four fixed seconds of every minute (see the workflows' notes). */
const POLL_EVERY_MS = 15_000;

/** What the first round of work produced, checked against what the triggers emitted. */
const work = { executionIds: [] as string[], batchIds: [] as string[], sessions: new Map<string, string>() };
/** When both triggers were live (their activation polls done or under way). */
let triggersLiveAt = 0;

beforeAll(async () => {
	await api.login();
	await clearReceived();
	await api.activate(AGENT_WEBHOOK);
	// Triggers first: their first poll takes note of what exists, so everything after it is news.
	for (const id of TRIGGERS) await api.activate(id);
	triggersLiveAt = Date.now();
});

afterAll(async () => {
	for (const id of TRIGGERS) await api.restRaw('POST', `/workflows/${id}/deactivate`, {});
});

async function ask(question: string): Promise<{ status: number; body: any }> {
	const response = await fetch(`${api.env.n8nUrl}/webhook/claude-aws-support`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ question }),
	});
	const text = await response.text();
	recordForLeakScan('webhook answer', text);
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function runDocBatch(): Promise<{ execution: SavedExecution; batchId: string }> {
	const execution = await api.runWorkflow(DOC_BATCH, 'Run', 120_000);
	expectSuccess(execution);
	expect(execution.mode).toBe('manual');
	const summaries = outputOf(execution, 'Summary per Document');
	expect(summaries.map((item) => [item.json.title, item.json.summary])).toEqual(
		TITLES.map((title) => [title, `Echo: Summarize the ${title} in one sentence. [1 document]`]),
	);
	const batchIds = new Set(outputOf(execution, 'Summarize in a Batch').map((item) => item.json.batch_id as string));
	expect(batchIds.size).toBe(1);
	return { execution, batchId: [...batchIds][0] };
}

async function askAgent(question: string): Promise<string> {
	const answer = await ask(question);
	expect(answer.status).toBe(200);
	expect(answer.body).toEqual({ reply: `Agent reply: ${question}`, session_id: expect.stringMatching(/^sesn_/), stop_reason: 'end_turn' });
	return answer.body.session_id as string;
}

/** Every finished execution of a workflow, oldest first. */
async function executionsOf(workflowId: string): Promise<SavedExecution[]> {
	const list = await api.rest<{ results: Array<{ id: string }> }>(
		'GET',
		`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=250`,
	);
	const executions: SavedExecution[] = [];
	for (const { id } of [...list.results].reverse()) executions.push(await api.waitForExecution(id, 60_000));
	return executions;
}

/** Items the trigger node emitted over all of a workflow's executions. */
async function emitted(workflowId: string, triggerNode: string): Promise<{ executions: SavedExecution[]; items: SavedItem[] }> {
	const executions = await executionsOf(workflowId);
	for (const execution of executions) expectSuccess(execution);
	return { executions, items: executions.flatMap((execution) => outputOf(execution, triggerNode)) };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

const batchKeys = (items: SavedItem[]) => items.map((item) => `${item.json.batch_id}/${item.json.custom_id}`).sort();
const sessionKeys = (items: SavedItem[]) => items.map((item) => item.json.session_id as string).sort();
const expectedBatchKeys = (batchIds: string[]) => batchIds.flatMap((id) => ['item-0', 'item-1', 'item-2'].map((c) => `${id}/${c}`)).sort();

/** The control route also returns when each request arrived (ms since epoch). */
type Received = ReceivedSummary & { at: number };
async function received(): Promise<Received[]> {
	return (await receivedSummaries()) as Received[];
}

function isBatchList(request: ReceivedSummary): boolean {
	return request.method === 'GET' && request.path === '/v1/messages/batches';
}
function isSessionList(request: ReceivedSummary): boolean {
	return request.method === 'GET' && request.path === '/v1/sessions';
}

test('4 document batches and 6 webhook callers at once: every run right, every item once', async () => {
	const [batches, sessions] = await Promise.all([
		Promise.all(Array.from({ length: 4 }, () => runDocBatch())),
		Promise.all(Array.from({ length: 6 }, (_, i) => askAgent(`Question ${i + 1}`).then((id) => [id, `Question ${i + 1}`] as const))),
	]);
	work.batchIds = batches.map((run) => run.batchId);
	work.executionIds = batches.map((run) => run.execution.id);
	for (const [sessionId, question] of sessions) work.sessions.set(sessionId, question);
	expect(new Set(work.batchIds).size).toBe(4);
	expect(work.sessions.size).toBe(6);

	const webhookRuns = await executionsOf(AGENT_WEBHOOK);
	expect(webhookRuns).toHaveLength(6);
	for (const run of webhookRuns) {
		expectSuccess(run);
		expect(run.mode).toBe('webhook');
	}
	work.executionIds.push(...webhookRuns.map((run) => run.id));
	expect(sessionKeys(webhookRuns.map((run) => outputOf(run, 'Ask the Agent')[0]))).toEqual([...work.sessions.keys()].sort());

	const wire = await received();
	expect(wire.filter((request) => request.method === 'POST' && request.path === '/v1/messages/batches')).toHaveLength(4);
	expect(wire.filter((request) => request.method === 'POST' && request.path === '/v1/sessions')).toHaveLength(6);
});

test('the executions ran on the workers, each on exactly one, spread over both', () => {
	const starts = startsByWorker();
	const finished = finishedOnWorker(api.env.n8nLog);
	const perWorker = new Map<string, number>();
	for (const id of work.executionIds) {
		expect({ id, ranOn: starts.get(id) ?? [] }).toEqual({ id, ranOn: [expect.stringMatching(/^worker\d$/)] });
		const worker = starts.get(id)![0];
		perWorker.set(worker, (perWorker.get(worker) ?? 0) + 1);
		// The main process names the same worker (n8n's worker ID is "worker-<hostname>").
		expect(finished.get(id)).toBe(`worker-n8n-${worker.replace('worker', 'worker-')}`);
	}
	console.log(`[queue] ${work.executionIds.length} executions per worker: ${JSON.stringify(Object.fromEntries(perWorker))}`);
	expect([...perWorker.keys()].sort()).toEqual(workerLogFiles().map((file) => file.replace(/^.*\/|\.log$/g, '')).sort());
});

test('Batch Trigger (main polls, workers run): each ended batch once, with every result', async () => {
	const expected = expectedBatchKeys(work.batchIds);
	const { executions, items } = await waitFor('the Batch Trigger to emit every batch', 4 * POLL_EVERY_MS, async () => {
		const found = await emitted(BATCH_TRIGGER, 'Batch Ended');
		return batchKeys(found.items).length >= expected.length ? found : undefined;
	});
	expect(batchKeys(items)).toEqual(expected);
	for (const item of items) {
		expect(item.json).toMatchObject({ result_type: 'succeeded', text: expect.stringMatching(/^Echo: Summarize the .+ in one sentence\. \[1 document\]$/) });
	}
	const starts = startsByWorker();
	for (const execution of executions) {
		expect(execution.mode).toBe('trigger');
		expect(starts.get(execution.id)).toHaveLength(1);
		expect(outputOf(execution, 'Result')).toHaveLength(outputOf(execution, 'Batch Ended').length);
	}
});

test("Session Trigger (main polls, workers run): each idle session once, with the agent's reply", async () => {
	const expected = [...work.sessions.keys()].sort();
	const { executions, items } = await waitFor('the Session Trigger to emit every session', 4 * POLL_EVERY_MS, async () => {
		const found = await emitted(SESSION_TRIGGER, 'Session Idle');
		return sessionKeys(found.items).length >= expected.length ? found : undefined;
	});
	expect(sessionKeys(items)).toEqual(expected);
	for (const item of items) {
		expect(item.json).toMatchObject({ status: 'idle', stop_reason: 'end_turn', reply: `Agent reply: ${work.sessions.get(item.json.session_id as string)}` });
	}
	const starts = startsByWorker();
	for (const execution of executions) {
		expect(execution.mode).toBe('trigger');
		expect(starts.get(execution.id)).toHaveLength(1);
	}
});

test('later polls emit nothing again, and only the main process polls (one list call per poll time)', async () => {
	const before = await Promise.all(TRIGGERS.map(async (id) => (await executionsOf(id)).length));
	const since = Date.now();
	// Two more poll times of each trigger.
	await waitFor('two more polls of each trigger', 3 * POLL_EVERY_MS, async () => {
		const wire = (await received()).filter((request) => request.at > since);
		return wire.filter(isBatchList).length >= 2 && wire.filter(isSessionList).length >= 2 ? true : undefined;
	});
	await new Promise((resolve) => setTimeout(resolve, 2000));
	expect(await Promise.all(TRIGGERS.map(async (id) => (await executionsOf(id)).length))).toEqual(before);

	// Another process polling too would list again within moments of each poll; polls are 15 s apart.
	const wire = (await received()).filter((request) => request.at > triggersLiveAt + 1000);
	for (const [label, filter] of [
		['batches', isBatchList],
		['sessions', isSessionList],
	] as const) {
		const times = wire.filter(filter).map((request) => request.at);
		const gaps = times.slice(1).map((at, i) => at - times[i]);
		expect({ label, polls: times.length >= 3, shortestGapMs: Math.min(...gaps) >= 10_000 }).toEqual({ label, polls: true, shortestGapMs: true });
	}
});

test("the triggers' static data in PostgreSQL matches what they emitted", async () => {
	const batchState = (await api.rest<{ staticData: any }>('GET', `/workflows/${BATCH_TRIGGER}`)).staticData?.['node:Batch Ended'];
	const batches = (await received()).filter((request) => request.method === 'POST' && request.path === '/v1/messages/batches');
	expect(batches).toHaveLength(4);
	expect(batchState).toMatchObject({ initialized: true, running: {} });
	const { items } = await emitted(BATCH_TRIGGER, 'Batch Ended');
	expect(batchState.atNewest.length).toBeGreaterThanOrEqual(1);
	for (const id of batchState.atNewest) expect(work.batchIds).toContain(id);

	const sessionState = (await api.rest<{ staticData: any }>('GET', `/workflows/${SESSION_TRIGGER}`)).staticData?.['node:Session Idle']?.claudeSessions;
	const sessionItems = (await emitted(SESSION_TRIGGER, 'Session Idle')).items;
	for (const item of sessionItems) {
		expect(sessionState.sessions[item.json.session_id as string]).toMatchObject({ status: 'idle', lastIdleEventId: item.json.idle_event_id });
	}
	expect(items.length).toBe(12);
});

test('main restarted (trigger state read back from PostgreSQL): what ended meanwhile fires once, nothing fires twice', async () => {
	await stopMain();
	// While main is down, another client of the workspace runs a batch and a session to their end.
	const downBatch = await gateway.createBatch(['down-0', 'down-1']);
	const downSession = await gateway.startSession('Asked while main was down');
	await waitFor('the batch to end and the session to go idle', 10_000, async () =>
		(await gateway.batchStatus(downBatch.id)) === 'ended' && (await gateway.sessionStatus(downSession.id)) === 'idle' ? true : undefined,
	);
	await startMain();
	await api.login();

	// At start, main activates the workflows and polls once with the state it stored.
	const batches = await waitFor('the batch that ended while main was down', 4 * POLL_EVERY_MS, async () => {
		const found = await emitted(BATCH_TRIGGER, 'Batch Ended');
		return found.items.length >= 14 ? found : undefined;
	});
	expect(batchKeys(batches.items)).toEqual([...expectedBatchKeys(work.batchIds), `${downBatch.id}/down-0`, `${downBatch.id}/down-1`].sort());
	const sessions = await waitFor('the session that went idle while main was down', 4 * POLL_EVERY_MS, async () => {
		const found = await emitted(SESSION_TRIGGER, 'Session Idle');
		return found.items.length >= 7 ? found : undefined;
	});
	expect(sessionKeys(sessions.items)).toEqual([...work.sessions.keys(), downSession.id].sort());
	expect(sessions.items.find((item) => item.json.session_id === downSession.id)?.json.reply).toBe('Agent reply: Asked while main was down');

	// Work through the restarted main lands on the workers and fires once too.
	const [{ batchId }, sessionId] = await Promise.all([runDocBatch(), askAgent('One more question')]);
	await waitFor('the new batch and session', 4 * POLL_EVERY_MS, async () => {
		const [b, s] = await Promise.all([emitted(BATCH_TRIGGER, 'Batch Ended'), emitted(SESSION_TRIGGER, 'Session Idle')]);
		return b.items.length >= 17 && s.items.length >= 8 ? true : undefined;
	});
	// And the next poll of each stays quiet.
	const after = Date.now();
	await waitFor('one more poll of each trigger', 2 * POLL_EVERY_MS, async () => {
		const wire = (await received()).filter((request) => request.at > after);
		return wire.some(isBatchList) && wire.some(isSessionList) ? true : undefined;
	});
	await new Promise((resolve) => setTimeout(resolve, 2000));
	const finalBatches = await emitted(BATCH_TRIGGER, 'Batch Ended');
	const finalSessions = await emitted(SESSION_TRIGGER, 'Session Idle');
	expect(batchKeys(finalBatches.items)).toEqual(
		[...expectedBatchKeys([...work.batchIds, batchId]), `${downBatch.id}/down-0`, `${downBatch.id}/down-1`].sort(),
	);
	expect(sessionKeys(finalSessions.items)).toEqual([...work.sessions.keys(), downSession.id, sessionId].sort());
	const starts = startsByWorker();
	for (const execution of [...finalBatches.executions, ...finalSessions.executions]) expect(starts.get(execution.id)).toHaveLength(1);
	// Results were downloaded once by the run that made each batch and once by the trigger's one emission.
	const downloads = (await received()).filter((request) => /^\/v1\/messages\/batches\/[^/]+\/results$/.test(request.path));
	const perBatch = (id: string) => downloads.filter((request) => request.path === `/v1/messages/batches/${id}/results`).length;
	expect([...work.batchIds, batchId].map(perBatch)).toEqual([2, 2, 2, 2, 2]);
	expect(perBatch(downBatch.id)).toBe(1);
});

test('no secret in the logs of main and workers, nor in their event logs', () => {
	const runDir = process.env.E2E_RUN_DIR ?? '';
	const eventLogs = readdirSync(runDir)
		.filter((file) => /^events-.*\.log$/.test(file))
		.map((file) => ({ file, text: readFileSync(join(runDir, file), 'utf8') }));
	const hits = [...allLogTexts(api.env.n8nLog), ...eventLogs].flatMap(({ file, text }) => secretsIn(text).map((secret) => `${file}: ${secret}`));
	expect(hits).toEqual([]);
});
