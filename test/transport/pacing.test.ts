/**
 * Pacing from the gateway's rate-limit headers, against the emulator's limiter (real HTTP, nothing mocked):
 * once an answer has told the limit, requests wait for room instead of drawing 429s; clients of the same
 * credential (concurrent executions) share what they learned; without headers the back-off still gets
 * every request through. Asserted on what the gateway answered, never on elapsed time.
 */
import { resetPacers } from '../../nodes/transport/pacer';
import { clientFromCredential } from '../../nodes/shared/client';
import { accessKeyCredentials } from '../helpers/credentials';
import { useEmulator } from '../helpers/emulator';
import { bearerRequest } from '../emulator/testRequest';

const env = useEmulator();
beforeEach(() => resetPacers());

const BODY = { model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hello there' }] };

function client(name = 'Claude on AWS', concurrency = 8) {
	return clientFromCredential(accessKeyCredentials(env.emulator), { maxConcurrency: concurrency }, name);
}

async function sendAll(c: ReturnType<typeof client>, count: number): Promise<string[]> {
	const replies = await Promise.all(Array.from({ length: count }, () => c.request<{ content: Array<{ text: string }> }>({ method: 'POST', path: '/v1/messages', body: BODY })));
	return replies.map((r) => r.content[0].text);
}

const statuses = () => env.emulator.received.filter((r) => r.path === '/v1/messages').map((r) => r.status);
const count429 = () => statuses().filter((s) => s === 429).length;

describe('requests per minute', () => {
	it('the emulator sends the limit, what remains and when it is full again (RFC 3339), on 2xx and 429 alike', async () => {
		env.emulator.setRateLimit({ perSecond: 20, burst: 2 });
		const c = client('headers', 1);
		const raw = await c.stream({ method: 'GET', path: '/v1/models' });
		raw.body.resume();
		expect(raw.headers['anthropic-ratelimit-requests-limit']).toBe('1200');
		expect(raw.headers['anthropic-ratelimit-requests-remaining']).toBe('1');
		expect(Date.parse(String(raw.headers['anthropic-ratelimit-requests-reset']))).toBeGreaterThan(Date.now() - 1000);
		expect(String(raw.headers['anthropic-ratelimit-requests-reset'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
		env.emulator.setRateLimit({ perSecond: 0.5, burst: 1 });
		await bearerRequest(env.emulator, { path: '/v1/models' });
		const refused = await bearerRequest(env.emulator, { path: '/v1/models' });
		expect(refused.status).toBe(429);
		expect(refused.headers['retry-after']).toBe('2');
		expect(refused.headers['anthropic-ratelimit-requests-limit']).toBe('30');
		expect(refused.headers['anthropic-ratelimit-requests-remaining']).toBe('0');
	});

	it('after the first answers, no request is answered 429: only the blind first burst can be', async () => {
		env.emulator.setRateLimit({ perSecond: 20, burst: 4 });
		const texts = await sendAll(client(), 40);
		expect(texts).toEqual(Array(40).fill('Echo: Hello there'));
		// 8 went out before any answer: at most 8 - 4 of them could be refused; the other 32 waited for room.
		expect(count429()).toBeLessThanOrEqual(4);
		const firstOk = statuses().indexOf(200);
		const refusedLater = statuses().slice(firstOk + 8).filter((s) => s === 429);
		expect(refusedLater).toEqual([]);
	});

	it('a second execution of the same credential starts from what the first learned: not one 429', async () => {
		env.emulator.setRateLimit({ perSecond: 20, burst: 4 });
		const first = client('shared credential', 1);
		await sendAll(first, 6);
		env.emulator.clearReceived();
		await sendAll(client('shared credential'), 20);
		expect(statuses()).toHaveLength(20);
		expect(count429()).toBe(0);
	});

	it('another credential has its own pacer (and learns the limit from its own 429s)', async () => {
		env.emulator.setRateLimit({ perSecond: 20, burst: 4 });
		await sendAll(client('credential A', 1), 6);
		env.emulator.clearReceived();
		await sendAll(client('credential B'), 20);
		expect(count429()).toBeGreaterThan(0);
	});

	it('without headers, the back-off still brings every request through', async () => {
		env.emulator.setRateLimit({ perSecond: 20, burst: 4, headers: false });
		const c = client();
		const raw = await c.stream({ method: 'GET', path: '/v1/models' });
		raw.body.resume();
		expect(Object.keys(raw.headers).filter((h) => h.startsWith('anthropic-ratelimit'))).toEqual([]);
		const texts = await sendAll(c, 30);
		expect(texts).toEqual(Array(30).fill('Echo: Hello there'));
		expect(count429()).toBeGreaterThan(0);
	});
});

describe('tokens per minute', () => {
	it('the emulator counts input and output tokens and says the tightest as tokens-*', async () => {
		env.emulator.setRateLimit({ inputTokensPerMinute: 60_000, outputTokensPerMinute: 600 });
		const raw = await client('tpm headers', 1).stream({ method: 'POST', path: '/v1/messages', body: BODY });
		raw.body.resume();
		const h = raw.headers;
		expect(h['anthropic-ratelimit-requests-limit']).toBeUndefined();
		expect(h['anthropic-ratelimit-input-tokens-limit']).toBe('60000');
		expect(Number(h['anthropic-ratelimit-input-tokens-remaining'])).toBeLessThan(60_000);
		expect(h['anthropic-ratelimit-output-tokens-limit']).toBe('600');
		expect(Number(h['anthropic-ratelimit-output-tokens-remaining'])).toBeLessThan(600);
		expect(h['anthropic-ratelimit-tokens-limit']).toBe('600');
	});

	it('no 429 once the first answer told the limit', async () => {
		// 240 output tokens per minute is 4 per second: the bucket holds far fewer replies than are sent.
		env.emulator.setRateLimit({ outputTokensPerMinute: 240 });
		const c = client('tpm', 4);
		const first = await c.request<{ usage: { output_tokens: number } }>({ method: 'POST', path: '/v1/messages', body: BODY });
		const sends = Math.ceil(240 / first.usage.output_tokens) + 4;
		const texts = await sendAll(c, sends);
		expect(texts).toEqual(Array(sends).fill('Echo: Hello there'));
		expect(count429()).toBe(0);
	});
});
