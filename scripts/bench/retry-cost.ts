/**
 * Retry cost: time to success when the gateway first answers 429 with `retry-after: 1`, against the ideal
 * (1 s plus one normal request), through the transport and through the Claude on AWS node in n8n's engine.
 * The emulator runs in this process: only a 1 s wait is measured, and emulator CPU is negligible next to it.
 * Run: node -r ts-node/register/transpile-only scripts/bench/retry-cost.ts [--trials 5]
 */
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsClient } from '../../nodes/transport/client';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../../test/emulator/fixtures';
import { startEmulator } from '../../test/emulator/server';
import type { Emulator } from '../../test/emulator/types';
import { accessKeyCredentials } from '../../test/helpers/credentials';
import { cleanupEngine, runNode } from '../../test/helpers/runNode';
import { numberArg } from './lib/args';
import { emit, median, progress, round } from './lib/report';

// Outside jest, Node resolves "ClaudeAws.node" to the codex file ClaudeAws.node.json before any .ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ClaudeAws } = require('../../nodes/ClaudeAws/ClaudeAws.node.ts') as typeof import('../../nodes/ClaudeAws/ClaudeAws.node');

const RETRY_AFTER_S = 1;
const BODY = { model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hello there' }] };

function inject429(emulator: Emulator): void {
	emulator.faults.inject({
		method: 'POST',
		path: '/v1/messages',
		times: 1,
		fault: {
			type: 'status',
			status: 429,
			headers: { 'retry-after': String(RETRY_AFTER_S) },
			body: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' } },
		},
	});
}

async function time(action: () => Promise<unknown>): Promise<number> {
	const t0 = performance.now();
	await action();
	return performance.now() - t0;
}

(async () => {
	const trials = numberArg('trials', 5);
	const emulator = await startEmulator();
	try {
		const client = new ClaudeAwsClient({
			region: TEST_REGION,
			workspaceId: TEST_WORKSPACE_ID,
			baseUrl: emulator.url,
			auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
		});
		const send = () => client.request({ method: 'POST', path: '/v1/messages', body: BODY });
		const node = () =>
			runNode({
				node: ClaudeAws,
				parameters: { resource: 'message', operation: 'send', prompt: 'Hello there' },
				credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
				credentialTypes: [ClaudePlatformAwsApi],
			}).then((result) => {
				if (result.error || result.json[0]?.text !== 'Echo: Hello there') throw result.error ?? new Error('unexpected node output');
			});

		for (let i = 0; i < 20; i++) await send();
		await node();
		const plainTransport: number[] = [];
		const retriedTransport: number[] = [];
		const plainNode: number[] = [];
		const retriedNode: number[] = [];
		for (let i = 0; i < trials; i++) {
			plainTransport.push(await time(send));
			inject429(emulator);
			retriedTransport.push(await time(send));
			plainNode.push(await time(node));
			inject429(emulator);
			retriedNode.push(await time(node));
			progress(`retry cost: trial ${i + 1}/${trials}`);
		}
		const answered429 = emulator.received.filter((r) => r.status === 429).length;
		if (answered429 !== 2 * trials) throw new Error(`expected ${2 * trials} answers 429, the emulator sent ${answered429}`);

		const row = (label: string, retried: number[], plain: number[]) => {
			const ideal = RETRY_AFTER_S * 1000 + median(plain);
			const ratio = median(retried) / ideal;
			return [
				{ metric: `${label}: time to success after one 429 (retry-after: ${RETRY_AFTER_S})`, value: round(median(retried)), unit: 'ms' },
				{
					metric: `${label}: vs ideal (${RETRY_AFTER_S} s + ${round(median(plain), 1)} ms request)`,
					value: round(ratio, 3),
					unit: '×',
					goal: '≤ 1.05×',
					pass: ratio <= 1.05,
				},
			];
		};
		emit({
			bench: 'Retry cost (429 with retry-after: 1)',
			rows: [...row('Transport', retriedTransport, plainTransport), ...row('Messages node in n8n', retriedNode, plainNode)],
			details: { trials, plainTransport, retriedTransport, plainNode, retriedNode },
			notes: ['Medians. A 429 with retry-after is waited out exactly and not counted as a retry (the request keeps its Max Retries).'],
		});
	} finally {
		await emulator.close();
		cleanupEngine();
	}
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
