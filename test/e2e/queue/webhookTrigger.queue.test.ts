/**
 * Queue mode (run-queue-mode.sh: one main, two workers): a Claude on AWS Trigger in "Register on
 * Activation" mode (test/e2e/queue/workflows/webhook-trigger.json) keeps exactly one webhook endpoint on
 * the platform (the emulator) while its workflow is active, whatever the number of processes: activation
 * creates it once, a delivery signed with its secret runs the workflow once on a worker, deactivating and
 * activating again replaces it, a main restart reuses it, and deactivation leaves none behind.
 * The tests run in order and build on each other.
 */
import { readFileSync } from 'node:fs';
import { received, type ReceivedSummary } from '../helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf } from '../helpers/n8nApi';
import { startMain, stopMain } from './helpers/mainProcess';
import { finishedOnWorker, startsByWorker, workerLogFiles } from './helpers/processes';

const api = new N8nApi();
const WORKFLOW = 'qWebhookTrigr001';
const TRIGGER = 'Session Idled';
const WEBHOOK_ID = '5f0b8c2e-9a7d-4e31-b6c4-3d2a1e0f9b71';
const ENDPOINTS = '/v1/organizations/webhooks';

interface EndpointView {
	id: string;
	url: string;
	description: string;
	enabled_events: string[];
	state: string;
}
type Received = ReceivedSummary & { at: number };
interface Delivery {
	url: string;
	status: number | null;
	body: string;
}

const url = () => `${api.env.n8nUrl}/webhook/${WEBHOOK_ID}/webhook`;
/** Endpoint IDs the trigger held, in the order the tests saw them. */
const held: string[] = [];
let startedAt = 0;

async function emulator<T>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${api.env.emulatorUrl}${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`emulator ${method} ${path} answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { data: T }).data;
}

/**
 * Every endpoint on the platform that belongs to this workflow: at its URL, or named as created by it
 * (a process registering with another base URL, a worker say, would show up here too).
 */
async function endpointsOfWorkflow(): Promise<EndpointView[]> {
	const all = await emulator<EndpointView[]>('GET', '/_emulator/webhooks/endpoints');
	return all.filter((endpoint) => endpoint.url === url() || endpoint.description.includes(`n8n workflow ${WORKFLOW}`));
}

/** The platform sends one session.idled event; returns what it delivered to this trigger's URL. */
async function deliverIdle(sessionId: string): Promise<Delivery[]> {
	const sent = await emulator<Delivery[]>('POST', '/_emulator/webhooks/emit', { type: 'session.idled', id: sessionId });
	return sent.filter((delivery) => delivery.url === url());
}

/** Webhook API calls the gateway received since `since` (ms since epoch). */
async function webhookCalls(since: number): Promise<Received[]> {
	return ((await received()) as Received[]).filter((request) => request.at >= since && request.path.startsWith(ENDPOINTS));
}
const creates = (calls: Received[]) => calls.filter((request) => request.method === 'POST' && request.path === ENDPOINTS);
const deletes = (calls: Received[]) => calls.filter((request) => request.method === 'DELETE').map((request) => request.path.slice(ENDPOINTS.length + 1));

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function deactivate(): Promise<void> {
	await api.rest('POST', `/workflows/${WORKFLOW}/deactivate`, {});
	// n8n 2.x unpublishes in the background: the endpoint goes when the trigger's delete() has run.
	await until('the endpoint to be deleted', async () => ((await endpointsOfWorkflow()).length === 0 ? true : undefined));
}

/** The one endpoint the workflow has on the platform, checked for URL, events and state. */
async function theEndpoint(): Promise<EndpointView> {
	const mine = await endpointsOfWorkflow();
	expect(mine).toEqual([expect.objectContaining({ url: url(), enabled_events: ['session.idled'], state: 'enabled' })]);
	return mine[0];
}

/** One delivery ⇒ one execution, on exactly one worker, which main records as that worker's. */
async function expectOneRunOnAWorker(sessionId: string, before: string[]): Promise<void> {
	const execution = await api.waitForNewExecution(WORKFLOW, before, 60_000);
	expectSuccess(execution);
	expect(execution.mode).toBe('webhook');
	expect(outputOf(execution, TRIGGER)[0].json).toMatchObject({ type: 'session.idled', event: { data: { type: 'session.idled', id: sessionId } } });
	expect(outputOf(execution, 'Handled')).toHaveLength(1);
	const ranOn = startsByWorker().get(execution.id) ?? [];
	expect(ranOn).toEqual([expect.stringMatching(/^worker\d$/)]);
	expect(finishedOnWorker(api.env.n8nLog).get(execution.id)).toBe(`worker-n8n-${ranOn[0].replace('worker', 'worker-')}`);
	expect((await api.executionIds(WORKFLOW)).filter((id) => !before.includes(id))).toEqual([execution.id]);
}

beforeAll(async () => {
	await api.login();
	startedAt = Date.now();
	expect(await endpointsOfWorkflow()).toEqual([]);
});

afterAll(async () => {
	await api.restRaw('POST', `/workflows/${WORKFLOW}/deactivate`, {});
});

test('activation registers exactly one endpoint, from the main process, at its URL', async () => {
	const since = Date.now();
	await api.activate(WORKFLOW);
	const endpoint = await theEndpoint();
	held.push(endpoint.id);
	expect(creates(await webhookCalls(since))).toHaveLength(1);
	const saved = JSON.stringify((await api.rest<{ staticData?: unknown }>('GET', `/workflows/${WORKFLOW}`)).staticData ?? {});
	expect(saved).toContain(`"webhookEndpointId":"${endpoint.id}"`);
	expect(saved).not.toContain('whsec_');
});

test('a delivery signed with its secret runs the workflow once, on one worker; still one endpoint', async () => {
	const before = await api.executionIds(WORKFLOW);
	expect((await deliverIdle('sesn_01QueueSelfRegistered1')).map((delivery) => delivery.status)).toEqual([200]);
	await expectOneRunOnAWorker('sesn_01QueueSelfRegistered1', before);
	// By now the workers have run a job of this workflow: none of them registered anything.
	expect((await theEndpoint()).id).toBe(held[0]);
	expect(creates(await webhookCalls(startedAt))).toHaveLength(1);
});

test('deactivated and activated again: the old endpoint is deleted, one new one replaces it', async () => {
	const since = Date.now();
	await deactivate();
	await api.activate(WORKFLOW);
	const endpoint = await theEndpoint();
	expect(endpoint.id).not.toBe(held[0]);
	held.push(endpoint.id);
	const calls = await webhookCalls(since);
	expect(creates(calls)).toHaveLength(1);
	expect(deletes(calls)).toEqual([held[0]]);

	const before = await api.executionIds(WORKFLOW);
	expect((await deliverIdle('sesn_01QueueSelfRegistered2')).map((delivery) => delivery.status)).toEqual([200]);
	await expectOneRunOnAWorker('sesn_01QueueSelfRegistered2', before);
});

/** Restarts main (with extra environment, e.g. another activation path) and waits until its trigger takes calls. */
async function restartMain(env: Record<string, string> = {}): Promise<{ since: number; logFrom: number }> {
	await stopMain();
	const whileDown = (await endpointsOfWorkflow()).map((endpoint) => endpoint.id);
	const since = Date.now();
	const logFrom = readFileSync(api.env.n8nLog, 'utf8').length;
	const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
	Object.assign(process.env, env);
	try {
		await startMain();
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
	await api.login();
	// n8n keeps webhook registrations over a shutdown (only activation and deactivation change them).
	expect(whileDown).toEqual([held[held.length - 1]]);
	// An unsigned call that reaches the trigger (401, starts nothing) says n8n serves its webhook again.
	await until('the trigger to take calls again', async () => {
		const response = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		return response.status === 401 ? true : undefined;
	});
	return { since, logFrom };
}

/** Main's JSON log lines written since `from` (characters) that say it activated this workflow. */
function activatedSince(from: number): boolean {
	return readFileSync(api.env.n8nLog, 'utf8')
		.slice(from)
		.split('\n')
		.some((line) => line.startsWith('{') && line.includes('"message":"Activated workflow') && line.includes(`"workflowId":"${WORKFLOW}"`));
}

test('main restarted with activation at start-up (publication service off): the trigger finds its endpoint and reuses it', async () => {
	// n8n 2.40's older activation path: at start main activates every active workflow, so the trigger's
	// checkExists runs against the platform with the state stored in PostgreSQL.
	const { since, logFrom } = await restartMain({ N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' });
	await until('main to activate the workflow at start-up', async () => (activatedSince(logFrom) ? true : undefined));
	const calls = await webhookCalls(since);
	expect(calls.some((request) => request.method === 'GET' && request.path === ENDPOINTS)).toBe(true);
	expect({ creates: creates(calls).length, deletes: deletes(calls) }).toEqual({ creates: 0, deletes: [] });
	expect((await theEndpoint()).id).toBe(held[1]);

	const before = await api.executionIds(WORKFLOW);
	expect((await deliverIdle('sesn_01QueueSelfRegistered3')).map((delivery) => delivery.status)).toEqual([200]);
	await expectOneRunOnAWorker('sesn_01QueueSelfRegistered3', before);
});

test("main restarted (n8n 2.40's default, publication service): the endpoint stays as it is, no second one, deliveries go on", async () => {
	// Here n8n does not re-run a webhook trigger's activation at start: its registration is in the database.
	const { since } = await restartMain();
	const before = await api.executionIds(WORKFLOW);
	expect((await deliverIdle('sesn_01QueueSelfRegistered4')).map((delivery) => delivery.status)).toEqual([200]);
	await expectOneRunOnAWorker('sesn_01QueueSelfRegistered4', before);
	// The publication status is live, so no activation is pending that could still register.
	await api.activate(WORKFLOW);
	expect((await theEndpoint()).id).toBe(held[1]);
	const calls = await webhookCalls(since);
	expect({ creates: creates(calls).length, deletes: deletes(calls) }).toEqual({ creates: 0, deletes: [] });
});

test('deactivated: no endpoint is left, and a new event reaches nobody', async () => {
	const since = Date.now();
	await deactivate();
	expect(deletes(await webhookCalls(since))).toEqual([held[1]]);
	const before = await api.executionIds(WORKFLOW);
	expect(await deliverIdle('sesn_01QueueSelfRegistered5')).toEqual([]);
	expect(await endpointsOfWorkflow()).toEqual([]);
	// Over the whole file: two endpoints created (first activation, re-activation), both deleted.
	const all = await webhookCalls(startedAt);
	expect({ creates: creates(all).length, deletes: deletes(all) }).toEqual({ creates: 2, deletes: held });
	expect(await api.executionIds(WORKFLOW)).toEqual(before);
});

test('no signing secret in the logs of main and workers', () => {
	for (const file of [api.env.n8nLog, ...workerLogFiles()]) {
		expect({ file, whsec: readFileSync(file, 'utf8').includes('whsec_') }).toEqual({ file, whsec: false });
	}
});
