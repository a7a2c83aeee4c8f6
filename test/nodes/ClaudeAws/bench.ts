/**
 * Benchmark (not a test): wall time of Send Message for 200 items at 200 ms gateway latency, with
 * concurrency 1 and with the default. Run: npx ts-node --transpile-only test/nodes/ClaudeAws/bench.ts [items] [latencyMs]
 */
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { DEFAULT_CONCURRENCY } from '../../../nodes/shared/descriptions';
import { startEmulator } from '../../emulator/server';
import { accessKeyCredentials } from '../../helpers/credentials';
import { cleanupEngine, runNode } from '../../helpers/runNode';

// Outside jest, Node's resolver would pick ClaudeAws.node.json (the codex file) over ClaudeAws.node.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ClaudeAws } = require('../../../nodes/ClaudeAws/ClaudeAws.node.ts') as typeof import('../../../nodes/ClaudeAws/ClaudeAws.node');

async function main(): Promise<void> {
	const items = Number(process.argv[2] ?? 200);
	const latencyMs = Number(process.argv[3] ?? 200);
	const emulator = await startEmulator({ latencyMs });
	const input = Array.from({ length: items }, (_, i) => ({ q: `question ${i}` }));
	const run = async (concurrency?: number) => {
		const started = process.hrtime.bigint();
		const result = await runNode({
			node: ClaudeAws,
			parameters: { resource: 'message', operation: 'send', prompt: '={{ $json.q }}', options: concurrency ? { concurrency } : {} },
			credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
			credentialTypes: [ClaudePlatformAwsApi],
			input,
		});
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		if (result.error || result.json.length !== items || result.json.some((j, i) => j.text !== `Echo: question ${i}`)) {
			throw new Error(`run failed: ${result.error?.message ?? 'wrong output'}`);
		}
		return ms;
	};
	try {
		await run(DEFAULT_CONCURRENCY); // warm-up: loads n8n-core and the credential chain
		const serial = await run(1);
		const parallel = await run();
		console.log(`${items} items, ${latencyMs} ms gateway latency (Send Message, streamed)`);
		console.log(`  concurrency 1:                 ${(serial / 1000).toFixed(2)} s`);
		console.log(`  concurrency ${DEFAULT_CONCURRENCY} (default):      ${(parallel / 1000).toFixed(2)} s  (${(serial / parallel).toFixed(1)}x faster)`);
	} finally {
		await emulator.close();
		cleanupEngine();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
