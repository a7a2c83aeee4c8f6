/**
 * A V8 CPU profile of another Node process, taken over its inspector (the process runs with --inspect), and
 * its samples split into the parts of a per-item run: n8n's parameter reads, each part of ours (by file of
 * the package), and what runs with no frame of ours on the stack (sockets, HTTP parsing, n8n's own work).
 */

interface WsSocket {
	on(event: 'message', listener: (data: unknown) => void): void;
	once(event: 'open' | 'error', listener: (error: Error) => void): void;
	send(text: string): void;
	close(): void;
}
// `ws` (a dependency of n8n's packages here; no types installed): Node 20 has no WebSocket client without a flag.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocket = require('ws') as new (url: string) => WsSocket;

export interface CpuProfile {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** The inspector of the process with this PID, among the "Debugger listening on ws://..." lines of a log. */
export async function inspectorOf(logText: string, pid: number): Promise<string | undefined> {
	const urls = [...new Set([...logText.matchAll(/Debugger listening on (ws:\/\/\S+)/g)].map((m) => m[1]))];
	for (const url of urls.reverse()) {
		const session = await connect(url).catch(() => undefined);
		if (!session) continue;
		try {
			const answer = (await session.send('Runtime.evaluate', { expression: 'process.pid', returnByValue: true })) as { result: { value: number } };
			if (answer.result.value === pid) return url;
		} finally {
			session.close();
		}
	}
	return undefined;
}

/** Profiles the process behind `url` while `during` runs (sampling every `intervalUs`). */
export async function profileWhile<T>(url: string, during: () => Promise<T>, intervalUs = 500): Promise<{ result: T; profile: CpuProfile }> {
	const session = await connect(url);
	try {
		await session.send('Profiler.enable');
		await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
		await session.send('Profiler.start');
		const result = await during();
		const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
		await session.send('Profiler.disable');
		return { result, profile };
	} finally {
		session.close();
	}
}

interface Session {
	send(method: string, params?: unknown): Promise<unknown>;
	close(): void;
}

function connect(url: string): Promise<Session> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url);
		let nextId = 1;
		const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
		socket.on('message', (data) => {
			const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
			const pending = message.id !== undefined ? waiting.get(message.id) : undefined;
			if (!pending) return;
			waiting.delete(message.id!);
			if (message.error) pending.reject(new Error(message.error.message));
			else pending.resolve(message.result);
		});
		socket.once('error', reject);
		socket.once('open', () =>
			resolve({
				send: (method, params) =>
					new Promise((res, rej) => {
						const id = nextId++;
						waiting.set(id, { resolve: res, reject: rej });
						socket.send(JSON.stringify({ id, method, params }));
					}),
				close: () => socket.close(),
			}),
		);
	});
}

/** Parts, in the order a stack is tested against them: the first that matches any frame takes the sample. */
const N8N_READS: Array<[string, RegExp, RegExp]> = [
	["n8n: getNodeParameter (resolving, copying, validating; expressions included)", /n8n-core\//, /^(?:ExecuteContext\.)?_?getNodeParameter$/],
	['n8n: getNode (a deep copy of the node)', /n8n-core\//, /^getNode$/],
];

const OURS: Array<[string, RegExp]> = [
	['ours: SigV4 signing', /nodes\/transport\/(signer|sigv4)\.|@smithy\/signature-v4|@smithy\/hash-node/],
	['ours: SSE parsing and stream assembly', /nodes\/transport\/(sse|eventStream|wireErrors)\.|nodes\/api\/messages\//],
	['ours: pacing and back-off', /nodes\/transport\/(pacer|rateLimits|throttle)\./],
	['ours: HTTP transport (request, URL, headers, auth)', /nodes\/transport\//],
	['ours: building the request (messageForm, parameters)', /nodes\/shared\/(messageForm|itemParameters|modelParams)/],
	['ours: router, runPerItem', /nodes\/shared\/(router|runPerItem|tuning|client)\./],
	['ours: operation and output (send, tool loop, simplify)', /nodes\/ClaudeAws\//],
	['ours: other', /n8n-nodes-claude-aws\/dist\/|\/nodes\/(shared|api|transport)\//],
];

export interface ProfileSplit {
	/** Wall time the profile covers and the part of it the process was busy, in ms. */
	spanMs: number;
	busyMs: number;
	parts: Array<{ part: string; ms: number }>;
}

export function splitProfile(profile: CpuProfile): ProfileSplit {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
	const memo = new Map<number, string>();
	const partOf = (leaf: number): string => {
		const known = memo.get(leaf);
		if (known) return known;
		const frames: Array<{ functionName: string; url: string }> = [];
		for (let id: number | undefined = leaf; id !== undefined && byId.has(id); id = parent.get(id)) frames.push(byId.get(id)!.callFrame);
		let part: string | undefined;
		for (const [name, url, fn] of N8N_READS) if (!part && frames.some((f) => url.test(f.url) && fn.test(f.functionName))) part = name;
		// Innermost frame of ours decides among our parts (signing called from the HTTP transport is signing).
		for (const f of frames) {
			if (part) break;
			part = OURS.find(([, url]) => url.test(f.url))?.[0];
		}
		const top = frames[0]?.functionName ?? '';
		part ??= top === '(idle)' ? 'idle' : top === '(garbage collector)' ? 'garbage collector' : frames.some((f) => /n8n-core\/|n8n-workflow\/|\/packages\/cli\/|\/n8n\/dist\//.test(f.url)) ? 'n8n: the rest (engine, saving, hooks)' : 'Node and libraries, no frame of ours (sockets, HTTP parsing, timers)';
		memo.set(leaf, part);
		return part;
	};
	const totals = new Map<string, number>();
	for (let i = 0; i < profile.samples.length; i++) {
		// A sample stands for the time until the next one.
		const us = profile.timeDeltas[i + 1] ?? 0;
		const part = partOf(profile.samples[i]);
		totals.set(part, (totals.get(part) ?? 0) + us / 1000);
	}
	const spanMs = (profile.endTime - profile.startTime) / 1000;
	const busyMs = spanMs - (totals.get('idle') ?? 0);
	return { spanMs, busyMs, parts: [...totals.entries()].map(([part, ms]) => ({ part, ms })).sort((a, b) => b.ms - a.ms) };
}
