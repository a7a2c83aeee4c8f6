/**
 * Added latency of Wait for Reply: from the moment the emulator emits the turn's `session.status_idle`
 * to the moment the Sessions node's execute() returns its item, for Start and Send Message.
 * Both timestamps are performance.now() in this one process (emulator in-process, so its work on the
 * same event loop counts against us, never for us). `--latency <ms>` delays every gateway response's
 * first byte, like a network round trip would.
 * Run: node -r ts-node/register/transpile-only scripts/bench/session-latency.ts [--runs 20] [--latency 0]
 */
import { performance } from 'node:perf_hooks';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { SEED_RESEARCH_AGENT_ID } from '../../test/emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../test/emulator/resources/environments';
import { startEmulator } from '../../test/emulator/server';
import { accessKeyCredentials } from '../../test/helpers/credentials';
import { cleanupEngine, runNode } from '../../test/helpers/runNode';
import { numberArg } from './lib/args';
import { emit, median, progress, round } from './lib/report';

// With ts-node, a bare '.node' path resolves to the codex .node.json beside it; name the source file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ClaudeAwsSessions } = require('../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node.ts') as typeof import('../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node');

let returnedAt = 0;

/** The node under test, stamping the moment its execute() hands the items back to n8n. */
class TimedSessions extends ClaudeAwsSessions {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const result = await ClaudeAwsSessions.prototype.execute.call(this);
		returnedAt = performance.now();
		return result;
	}
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(values: number[]) {
	return { runs: values.length, median: round(median(values)), p95: round(percentile(values, 95)), min: round(Math.min(...values)), max: round(Math.max(...values)) };
}

(async () => {
	const runs = numberArg('runs', 20);
	const latencyMs = numberArg('latency', 0);
	const emulator = await startEmulator({ sessionRunMs: 50, latencyMs });
	const credentials = { claudePlatformAwsApi: accessKeyCredentials(emulator) };
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const engine = emulator.state.sessions as { emittedAt: Map<string, number> };

	async function measure(parameters: Record<string, unknown>): Promise<{ ms: number; sessionId: string }> {
		returnedAt = 0;
		const result = await runNode({
			node: TimedSessions,
			parameters: { ...parameters, options: { includeEvents: true } } as never,
			credentials,
			credentialTypes: [ClaudePlatformAwsApi],
		});
		if (result.error) throw result.error;
		const out = result.json[0];
		const events = out.events as Array<{ id: string; type: string }>;
		const idle = events[events.length - 1];
		if (idle?.type !== 'session.status_idle' || out.reply === '') throw new Error(`unexpected output: ${JSON.stringify(out).slice(0, 300)}`);
		const emittedAt = engine.emittedAt.get(idle.id);
		if (emittedAt === undefined || returnedAt === 0) throw new Error('missing timestamps');
		return { ms: returnedAt - emittedAt, sessionId: String(out.session_id) };
	}

	try {
		const start = { resource: 'session', operation: 'start', agent: byId(SEED_RESEARCH_AGENT_ID), environment: byId(SEED_ENVIRONMENT_ID), message: 'ping' };
		// Warm-up: n8n-core boot, keep-alive sockets, JIT.
		for (let i = 0; i < 3; i++) await measure(start);
		const startMs: number[] = [];
		const sendMs: number[] = [];
		for (let i = 0; i < runs; i++) {
			const started = await measure(start);
			startMs.push(started.ms);
			const sent = await measure({ resource: 'session', operation: 'sendMessage', sessionId: byId(started.sessionId), message: `turn ${i}` });
			sendMs.push(sent.ms);
			progress(`run ${i + 1}/${runs}: start ${round(started.ms)} ms, send ${round(sent.ms)} ms`);
		}
		const startStats = stats(startMs);
		const sendStats = stats(sendMs);
		emit({
			bench: 'session-latency',
			rows: [
				{ metric: 'idle → node returned, Start (median)', value: startStats.median, unit: 'ms' },
				{ metric: 'idle → node returned, Start (p95)', value: startStats.p95, unit: 'ms' },
				{ metric: 'idle → node returned, Send Message (median)', value: sendStats.median, unit: 'ms' },
				{ metric: 'idle → node returned, Send Message (p95)', value: sendStats.p95, unit: 'ms' },
			],
			details: { gatewayLatencyMs: latencyMs, start: startStats, sendMessage: sendStats },
			notes: [
				'From the emulator emitting session.status_idle to the node returning: the SSE event reaching the node, one GET of the session for its cumulative usage, building the item.',
				'Emulator in the same process and event loop as the node.',
			],
		});
	} finally {
		await emulator.close();
		cleanupEngine();
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
