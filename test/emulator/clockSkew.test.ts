/** The gateway's clock can be moved, so a client whose clock is off meets the real SigV4 date check (still +-5 minutes). */
import { startEmulator } from './server';
import { bearerRequest, signedRequest } from './testRequest';
import type { Emulator } from './types';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
afterEach(() => emulator.setClockSkew(0));

const MINUTE = 60_000;

describe('clock skew', () => {
	it('a gateway 10 minutes ahead refuses a signature made now as expired', async () => {
		emulator.setClockSkew(10 * MINUTE);
		const res = await signedRequest(emulator, { path: '/v1/models' });
		expect(res.status).toBe(403);
		expect(res.json.error).toEqual({ type: 'permission_error', message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than /) });
	});

	it('a gateway 10 minutes behind refuses it as not yet current', async () => {
		emulator.setClockSkew(-10 * MINUTE);
		const res = await signedRequest(emulator, { path: '/v1/models' });
		expect(res.status).toBe(403);
		expect(res.json.error.message).toMatch(/^Signature not yet current: /);
	});

	it('keeps the 5-minute tolerance: 4 minutes either way still passes, 0 is the default', async () => {
		expect(emulator.now() - Date.now()).toBeLessThan(50);
		for (const skew of [4 * MINUTE, -4 * MINUTE, 0]) {
			emulator.setClockSkew(skew);
			expect((await signedRequest(emulator, { path: '/v1/models' })).status).toBe(200);
		}
	});

	it('short-term API keys expire by the gateway clock too', async () => {
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
		emulator.setClockSkew(13 * 60 * MINUTE);
		const res = await bearerRequest(emulator, { path: '/v1/models' });
		expect(res.status).toBe(401);
		expect(res.json.error.message).toBe('The API key has expired. Generate a new short-term API key.');
	});
});
