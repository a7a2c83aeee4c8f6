/**
 * Request overhead: the same POST /v1/messages, sent sequentially to the emulator (own process, no latency)
 * through our transport and through the official @anthropic-ai/aws-sdk, same keys, region and workspace.
 * Rounds are interleaved so drift of the machine (other processes, CPU clock) hits both alike.
 * Run: node -r ts-node/register/transpile-only scripts/bench/overhead.ts [--requests 2000] [--rounds 4]
 */
import { AnthropicAws } from '@anthropic-ai/aws-sdk';
import { ClaudeAwsClient } from '../../nodes/transport/client';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../../test/emulator/fixtures';
import { startEmulatorProcess } from './lib/emulatorProcess';
import { emit, progress, round } from './lib/report';
import { numberArg } from './lib/args';

const BODY = { model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user' as const, content: 'Hello there' }] };
const WARMUP = 200;

type Send = () => Promise<unknown>;

interface Totals {
	requests: number;
	cpuMicros: number;
	wallMicros: number;
}

async function timed(send: Send, count: number, totals: Totals): Promise<void> {
	const cpu0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	for (let i = 0; i < count; i++) {
		const reply = (await send()) as { content?: Array<{ text?: string }> };
		if (!reply?.content?.[0]?.text) throw new Error('unexpected reply: no text content');
	}
	const wall = Number(process.hrtime.bigint() - t0) / 1000;
	const cpu = process.cpuUsage(cpu0);
	totals.requests += count;
	totals.cpuMicros += cpu.user + cpu.system;
	totals.wallMicros += wall;
}

(async () => {
	const requests = numberArg('requests', 2000);
	const rounds = numberArg('rounds', 4);
	const perRound = Math.ceil(requests / rounds);
	const emulator = await startEmulatorProcess();
	try {
		const ours = new ClaudeAwsClient({
			region: TEST_REGION,
			workspaceId: TEST_WORKSPACE_ID,
			baseUrl: emulator.url,
			auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
		});
		const sdk = new AnthropicAws({
			awsRegion: TEST_REGION,
			awsAccessKey: TEST_ACCESS_KEY_ID,
			awsSecretAccessKey: TEST_SECRET_ACCESS_KEY,
			workspaceId: TEST_WORKSPACE_ID,
			baseURL: emulator.url,
		});
		const clients: Array<{ name: string; send: Send; totals: Totals }> = [
			{ name: 'n8n-nodes-claude-aws transport', send: () => ours.request({ method: 'POST', path: '/v1/messages', body: BODY }), totals: { requests: 0, cpuMicros: 0, wallMicros: 0 } },
			{ name: '@anthropic-ai/aws-sdk 1.1.2', send: () => sdk.messages.create(BODY), totals: { requests: 0, cpuMicros: 0, wallMicros: 0 } },
		];

		for (const client of clients) await timed(client.send, WARMUP, { requests: 0, cpuMicros: 0, wallMicros: 0 });
		for (let round = 0; round < rounds; round++) {
			// Alternate who goes first, so neither always runs right after the other's garbage.
			const order = round % 2 === 0 ? clients : [...clients].reverse();
			for (const client of order) {
				await timed(client.send, perRound, client.totals);
				progress(`overhead round ${round + 1}/${rounds}: ${client.name} done`);
			}
		}

		const [mine, theirs] = clients.map((c) => ({
			name: c.name,
			requests: c.totals.requests,
			cpuMicrosPerRequest: round(c.totals.cpuMicros / c.totals.requests, 1),
			wallMicrosPerRequest: round(c.totals.wallMicros / c.totals.requests, 1),
		}));
		const cpuRatio = mine.cpuMicrosPerRequest / theirs.cpuMicrosPerRequest;
		const wallRatio = mine.wallMicrosPerRequest / theirs.wallMicrosPerRequest;
		emit({
			bench: 'Request overhead vs the official SDK',
			rows: [
				{ metric: `CPU per request, ours (${mine.requests} req)`, value: round(mine.cpuMicrosPerRequest / 1000, 3), unit: 'ms' },
				{ metric: `CPU per request, SDK (${theirs.requests} req)`, value: round(theirs.cpuMicrosPerRequest / 1000, 3), unit: 'ms' },
				{ metric: 'CPU ratio ours / SDK', value: round(cpuRatio), unit: '×', goal: '≤ 1.00×', pass: cpuRatio <= 1 },
				{ metric: 'Wall per request, ours', value: round(mine.wallMicrosPerRequest / 1000, 3), unit: 'ms' },
				{ metric: 'Wall per request, SDK', value: round(theirs.wallMicrosPerRequest / 1000, 3), unit: 'ms' },
				{ metric: 'Wall ratio ours / SDK', value: round(wallRatio), unit: '×', goal: '≤ 1.00×', pass: wallRatio <= 1 },
			],
			details: { rounds, perRound, warmup: WARMUP, body: BODY, clients: [mine, theirs] },
			notes: ['CPU is this process only (client side); the emulator runs in a child process.'],
		});
	} finally {
		await emulator.close();
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
