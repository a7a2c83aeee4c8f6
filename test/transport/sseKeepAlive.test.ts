/**
 * A streamed message read to its final event gives its keep-alive connection back for the next request
 * (found by the items-throughput benchmark: every Send Message item used to open a new connection).
 */
import net from 'node:net';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/types';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { ClaudeAwsClient } from '../../nodes/transport/client';

let emulator: Emulator;
let connects: jest.SpyInstance;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	connects = jest.spyOn(net.Socket.prototype, 'connect');
});
afterEach(() => connects.mockRestore());

const body = { model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hello there' }], stream: true };
const isStop = (event: { event: string }) => event.event === 'message_stop';

function client(): ClaudeAwsClient {
	return new ClaudeAwsClient({
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		baseUrl: emulator.url,
		auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
	});
}

// First in the file: the connection pool (one per test file) is still empty, so the count below is exact.
test('a stream left before its final event is not reused: the next request gets a new connection', async () => {
	const claude = client();
	for await (const event of claude.sse({ method: 'POST', path: '/v1/messages', body }, isStop)) {
		if (event.event === 'message_start') break;
	}
	await new Promise((resolve) => setTimeout(resolve, 20));
	connects.mockClear();
	const events: string[] = [];
	for await (const event of claude.sse({ method: 'POST', path: '/v1/messages', body }, isStop)) events.push(event.event);
	expect(events.at(-1)).toBe('message_stop');
	expect(connects).toHaveBeenCalledTimes(1);
});

test('sequential streamed messages share one connection', async () => {
	const claude = client();
	// A first request, so any connection left from earlier tests is settled.
	for await (const event of claude.sse({ method: 'POST', path: '/v1/messages', body }, isStop)) void event;
	await new Promise((resolve) => setTimeout(resolve, 100));
	connects.mockClear();
	for (let i = 0; i < 5; i++) {
		const events: string[] = [];
		for await (const event of claude.sse({ method: 'POST', path: '/v1/messages', body }, isStop)) events.push(event.event);
		expect(events.at(-1)).toBe('message_stop');
		// The closing bytes of the chunked body arrive just after the final event.
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	// Without reuse this is 5; one new connection is tolerated for a machine so busy that 100 ms was not enough.
	expect(connects.mock.calls.length).toBeLessThanOrEqual(1);
});
