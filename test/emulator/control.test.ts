/** The /_emulator/ control routes another process (the real-n8n e2e suite) uses: received requests and faults. */
import { TEST_API_KEY } from './fixtures';
import { startEmulator } from './server';
import { bearerRequest } from './testRequest';
import type { Emulator } from './types';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
afterEach(() => emulator.faults.clear());

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: await response.json() };
}

it('lists gateway requests without control calls and without credential headers; DELETE clears them', async () => {
	await control('DELETE', '/_emulator/received');
	await bearerRequest(emulator, { path: '/v1/models' });
	const { status, json } = await control('GET', '/_emulator/received');
	expect(status).toBe(200);
	expect(json.data.map((r: { method: string; path: string; auth: string; status: number }) => [r.method, r.path, r.auth, r.status])).toEqual([['GET', '/v1/models', 'bearer', 200]]);
	expect(json.data[0].headers.authorization).toBe('[redacted]');
	expect(JSON.stringify(json)).not.toContain(TEST_API_KEY);
	await control('DELETE', '/_emulator/received');
	expect((await control('GET', '/_emulator/received')).json.data).toEqual([]);
});

it('injects a fault for the next matching gateway request only, by exact path or regex', async () => {
	expect((await control('POST', '/_emulator/faults', { method: 'GET', path: '/v1/models', fault: { type: 'status', status: 529 } })).status).toBe(200);
	expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(529);
	expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
	await control('POST', '/_emulator/faults', { path_regex: '^/v1/models/', times: 2, fault: { type: 'status', status: 503 } });
	expect((await bearerRequest(emulator, { path: '/v1/models/claude-haiku-4-5' })).status).toBe(503);
	await control('DELETE', '/_emulator/faults');
	expect((await bearerRequest(emulator, { path: '/v1/models/claude-haiku-4-5' })).status).toBe(200);
});

it('refuses a fault without a path (it would lock the control routes out) or with a bad count', async () => {
	const noPath = await control('POST', '/_emulator/faults', { fault: { type: 'reset' } });
	expect(noPath.status).toBe(400);
	expect(noPath.json.error.message).toBe('path or path_regex is required.');
	expect((await control('POST', '/_emulator/faults', { path: '/v1/models', times: 0, fault: { type: 'reset' } })).status).toBe(400);
	expect((await control('POST', '/_emulator/faults', { path: '/v1/models' })).status).toBe(400);
	expect((await control('GET', '/_emulator/received')).status).toBe(200);
});
