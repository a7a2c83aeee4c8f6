/**
 * What the real-n8n benchmarks share (real-n8n.ts, real-n8n-defaults.ts): the n8n REST API of the harness's
 * n8n, the emulator's control routes, the three nodes under test, and one timed run of a workflow
 * (n8n's executionTime of the node, the saved execution around it, and, when E2E_N8N_PID is set, the CPU
 * the n8n main process used meanwhile, from /proc).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { API_VERSION } from '../../../nodes/transport/constants';
import { TEST_ACCESS_KEY_ID, TEST_API_KEY, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../../../test/emulator/fixtures';
import { N8nApi, type SavedExecution } from '../../../test/e2e/helpers/n8nApi';
import { CREDENTIAL_ID, CREDENTIAL_NAME, emulatorCredentialData } from '../../../test/e2e/importFiles';
import { progress, round } from './report';

export const LATENCY_MS = 200;
export const MODEL = 'claude-sonnet-4-6';
export const DEFAULT_CONCURRENCY = 64;
export const RATE = 20;
export const BURST = 20;
export const api = new N8nApi();
export const emulatorUrl = api.env.emulatorUrl;

/** `editFields`: n8n's Edit Fields (Set) node evaluating the same prompt expression per item, nothing else: n8n's own part. */
export type Variant = 'anthropic' | 'httpRequest' | 'ours' | 'editFields';

export interface Run {
	label: string;
	variant: Variant;
	items: number;
	/** n8n's executionTime of the node under test. */
	nodeMs: number;
	/** The execution, start to stop, as n8n saved it. */
	executionMs: number;
	failures: number;
	answered429?: number;
	after429?: number;
	requests?: number;
	/** Arrivals at the gateway: first to last, and the longest gap between two. */
	arrivalSpanMs?: number;
	longestGapMs?: number;
	/** CPU of the n8n main process (user + system) from the run's start to its end, when its PID is known. */
	n8nCpuMs?: number;
	/** 1-minute load average before and after the run. */
	load?: [number, number];
}

export type Creds = Record<string, { id: string; name: string }>;

/** n8n's own nodes' credentials, pointed at the emulator. */
export async function benchCredentials(): Promise<Creds> {
	return {
		anthropic: await credential('Anthropic (emulator, bench)', 'anthropicApi', {
			apiKey: TEST_API_KEY,
			url: emulatorUrl,
			header: true,
			headerName: 'anthropic-workspace-id',
			headerValue: TEST_WORKSPACE_ID,
		}),
		aws: await credential('AWS (emulator, bench)', 'aws', { region: TEST_REGION, accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY, temporaryCredentials: false }),
	};
}

/** A credential of our own for one run: the pacer of a credential remembers what its gateway said for a minute. */
export async function freshCredential(creds: Creds, name: string): Promise<Creds> {
	return { ...creds, ours: await credential(`Claude on AWS (emulator, ${name})`, 'claudePlatformAwsApi', emulatorCredentialData(emulatorUrl)) };
}

const n8nPid = Number(process.env.E2E_N8N_PID);

/** utime + stime of the n8n main process in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
function n8nCpuMs(): number | undefined {
	if (!Number.isInteger(n8nPid) || n8nPid <= 0) return undefined;
	try {
		const fields = readFileSync(`/proc/${n8nPid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

export async function control(path: string, body: unknown): Promise<void> {
	const response = await fetch(`${emulatorUrl}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`emulator ${path} answered ${response.status}`);
}

export async function received(): Promise<Array<{ path: string; status?: number; at: number }>> {
	const response = await fetch(`${emulatorUrl}/_emulator/received`);
	return ((await response.json()) as { data: Array<{ path: string; status?: number; at: number }> }).data.filter((r) => r.path === '/v1/messages');
}

export async function clearReceived(): Promise<void> {
	await fetch(`${emulatorUrl}/_emulator/received`, { method: 'DELETE' });
}

export async function credential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
	const created = await api.rest<{ id: string }>('POST', '/credentials', { name, type, data });
	return { id: created.id, name };
}

function nodeUnderTest(variant: Variant, creds: Creds): Record<string, unknown> {
	switch (variant) {
		case 'ours':
			return {
				type: 'n8n-nodes-claude-aws.claudeAws',
				typeVersion: 1,
				parameters: { resource: 'message', operation: 'send', prompt: '={{ $json.question }}' },
				credentials: { claudePlatformAwsApi: creds.ours ?? { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			};
		case 'anthropic':
			return {
				type: '@n8n/n8n-nodes-langchain.anthropic',
				typeVersion: 1,
				parameters: {
					resource: 'text',
					operation: 'message',
					modelId: { __rl: true, mode: 'id', value: MODEL },
					messages: { values: [{ content: '={{ $json.question }}', role: 'user' }] },
					options: {},
				},
				credentials: { anthropicApi: creds.anthropic },
			};
		case 'editFields':
			return {
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'manual', assignments: { assignments: [{ id: 'prompt', name: 'prompt', value: '={{ $json.question }}', type: 'string' }] }, options: {} },
			};
		case 'httpRequest':
			return {
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: `${emulatorUrl}/v1/messages`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'aws',
					// n8n's AWS credential takes the signing service from the query (it cannot tell it from a custom host).
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'service', value: 'aws-external-anthropic' }] },
					sendHeaders: true,
					headerParameters: {
						parameters: [
							{ name: 'anthropic-workspace-id', value: TEST_WORKSPACE_ID },
							{ name: 'anthropic-version', value: API_VERSION },
						],
					},
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ model: '${MODEL}', max_tokens: 1024, messages: [{ role: 'user', content: $json.question }] }) }}`,
					options: {},
				},
				credentials: { aws: creds.aws },
			};
	}
}

const workflows = new Map<string, string>();

async function workflowFor(variant: Variant, items: number, creds: Creds): Promise<string> {
	const key = `${variant}:${items}:${creds.ours?.id ?? ''}`;
	const known = workflows.get(key);
	if (known) return known;
	const nodes = [
		{ name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { jsCode: `return Array.from({ length: ${items} }, (_, i) => ({ json: { question: 'Question number ' + i } }));` },
		},
		{ name: 'Claude', ...nodeUnderTest(variant, creds) },
	].map((node, index) => ({ id: `bench-${variant}-${items}-${index}`, position: [index * 220, 0], ...node }));
	const connections = {
		Run: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
		Items: { main: [[{ node: 'Claude', type: 'main', index: 0 }]] },
	};
	const created = await api.rest<{ id: string }>('POST', '/workflows', { name: `bench: ${key}`, nodes, connections, settings: { executionOrder: 'v1' }, active: false });
	workflows.set(key, created.id);
	return created.id;
}

function failuresIn(execution: SavedExecution, items: number, variant: Variant): number {
	const run = execution.runData.Claude?.[0];
	if (!run || run.error) return items;
	const out = run.data?.main?.[0] ?? [];
	let ok = 0;
	out.forEach((item, i) => {
		const expected = variant === 'editFields' ? item.json.prompt === `Question number ${i}` : JSON.stringify(item.json).includes(`Echo: Question number ${i}"`);
		if (expected) ok++;
	});
	return items - ok;
}

export async function runOnce(label: string, variant: Variant, items: number, creds: Creds): Promise<Run> {
	const id = await workflowFor(variant, items, creds);
	await clearReceived();
	const loadBefore = loadavg()[0];
	const cpuBefore = n8nCpuMs();
	// Asked for every 2 s, not every 250 ms: each answer costs the n8n process CPU during the run it measures (n8n's own times are the figures).
	const execution = await api.runWorkflow(id, 'Run', 20 * 60_000, 2000);
	const cpuAfter = n8nCpuMs();
	const raw = JSON.parse(execution.raw).data;
	const executionMs = Date.parse(raw.stoppedAt) - Date.parse(raw.startedAt);
	const nodeMs = Number(execution.runData.Claude?.[0] && (execution.runData.Claude[0] as { executionTime?: number }).executionTime);
	const calls = await received();
	const firstOk = calls.find((c) => c.status === 200);
	// "Once the first answer told the limit": requests that reached the gateway after that answer left it.
	const told = firstOk ? firstOk.at + LATENCY_MS + 50 : Infinity;
	const run: Run = {
		label,
		variant,
		items,
		nodeMs,
		executionMs,
		failures: failuresIn(execution, items, variant),
		requests: calls.length,
		answered429: calls.filter((c) => c.status === 429).length,
		after429: calls.filter((c) => c.status === 429 && c.at > told).length,
		arrivalSpanMs: calls.length ? calls[calls.length - 1].at - calls[0].at : 0,
		longestGapMs: calls.reduce((gap, c, i) => (i ? Math.max(gap, c.at - calls[i - 1].at) : 0), 0),
		...(cpuBefore !== undefined && cpuAfter !== undefined ? { n8nCpuMs: cpuAfter - cpuBefore } : {}),
		load: [round(loadBefore), round(loadavg()[0])],
	};
	progress(`real n8n: ${label}: node ${round(nodeMs / 1000)} s, execution ${round(executionMs / 1000)} s, ${run.failures} failures, ${run.answered429} × 429 of ${run.requests}${run.n8nCpuMs !== undefined ? `, n8n CPU ${round(run.n8nCpuMs / items, 2)} ms per item` : ''}, load ${run.load?.join(' → ')}`);
	return run;
}

