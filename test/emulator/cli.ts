/**
 * `npm run emulator`: runs the gateway emulator until Ctrl+C, for trying the nodes in a local n8n.
 * Flags: --port <n> (or PORT env, default 8787; 0 picks a free port), --host <h>, --latency <ms>, --region <r>,
 * --rate-limit <requests per second> (gateway-wide token bucket, 429 with retry-after), --burst <n> (bucket size,
 * default the rate), --input-tpm / --output-tpm <tokens per minute> (token limits of POST /v1/messages),
 * --no-ratelimit-headers (no anthropic-ratelimit-* headers, only retry-after on a 429), --quiet.
 * The printed AWS keys are AWS's documented example keys; they only work against this emulator.
 */
import { startEmulator } from './server';
import {
	TEST_ACCESS_KEY_ID,
	TEST_API_KEY,
	TEST_SECRET_ACCESS_KEY,
	TEST_SESSION_TOKEN,
	TEST_TEMP_ACCESS_KEY_ID,
	TEST_TEMP_SECRET_ACCESS_KEY,
	TEST_WEBHOOK_SECRET,
	TEST_WORKSPACE_ID,
} from './fixtures';

function flag(name: string): string | undefined {
	const args = process.argv.slice(2);
	const index = args.indexOf(`--${name}`);
	if (index >= 0) return args[index + 1];
	const inline = args.find((arg) => arg.startsWith(`--${name}=`));
	return inline?.slice(name.length + 3);
}

function numberFlag(name: string, fallback: number): number {
	const raw = flag(name);
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) {
		console.error(`--${name} must be a non-negative number, got '${raw}'`);
		process.exit(2);
	}
	return value;
}

async function main(): Promise<void> {
	const emulator = await startEmulator({
		port: numberFlag('port', Number(process.env.PORT ?? 8787)),
		host: flag('host') ?? '127.0.0.1',
		region: flag('region'),
		latencyMs: numberFlag('latency', 0),
		quiet: process.argv.includes('--quiet'),
	});
	const rateLimit = numberFlag('rate-limit', 0);
	const inputTokensPerMinute = numberFlag('input-tpm', 0);
	const outputTokensPerMinute = numberFlag('output-tpm', 0);
	if (rateLimit > 0 || inputTokensPerMinute > 0 || outputTokensPerMinute > 0) {
		const burst = flag('burst') === undefined ? undefined : numberFlag('burst', rateLimit);
		const headers = !process.argv.includes('--no-ratelimit-headers');
		emulator.setRateLimit({ perSecond: rateLimit || undefined, burst, inputTokensPerMinute, outputTokensPerMinute, headers });
	}
	const lines = [
		'',
		`Claude Platform on AWS emulator listening on ${emulator.url}`,
		'',
		`  Region                 ${emulator.region}`,
		...(rateLimit > 0 ? [`  Rate limit             ${rateLimit} requests/s (429 with retry-after above it)`] : []),
		...(inputTokensPerMinute || outputTokensPerMinute ? [`  Token limits           ${inputTokensPerMinute || '-'} input / ${outputTokensPerMinute || '-'} output tokens per minute`] : []),
		`  Workspace ID           ${TEST_WORKSPACE_ID}`,
		`  Access key ID          ${TEST_ACCESS_KEY_ID}`,
		`  Secret access key      ${TEST_SECRET_ACCESS_KEY}`,
		`  Temporary key ID       ${TEST_TEMP_ACCESS_KEY_ID}`,
		`  Temporary secret       ${TEST_TEMP_SECRET_ACCESS_KEY}`,
		`  Session token          ${TEST_SESSION_TOKEN}`,
		`  Short-term API key     ${TEST_API_KEY}`,
		`  Webhook secret         ${TEST_WEBHOOK_SECRET}`,
		'',
		'n8n credential "Claude Platform on AWS API":',
		'  Authentication         AWS Access Keys (or Short-Term API Key with the key above)',
		`  Region                 ${emulator.region}`,
		`  Workspace ID           ${TEST_WORKSPACE_ID}`,
		`  Access Key ID          ${TEST_ACCESS_KEY_ID}`,
		`  Secret Access Key      ${TEST_SECRET_ACCESS_KEY}`,
		`  Base URL               ${emulator.url}`,
		'',
		'Replies are deterministic ("Echo: <your text>"); see test/emulator/resources/messageReply.ts.',
		'These are AWS example keys: they only work here. Ctrl+C to stop.',
		'',
	];
	console.log(lines.join('\n'));

	const stop = async () => {
		await emulator.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
