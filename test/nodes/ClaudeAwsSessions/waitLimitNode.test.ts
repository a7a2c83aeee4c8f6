/** The Wait Limit through the node (17.4): a limit it cannot keep fails the item before anything is sent. */
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_RESEARCH_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { byId, runSessions, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 20 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

const THIRTY_DAYS = 30 * 24 * 60 * 60;

describe('Wait Limit (Seconds) through the node', () => {
	it('Start with a 30-day limit fails naming the option and the item, and starts no session', async () => {
		const result = await runSessions(
			emulator,
			{ resource: 'session', operation: 'start', agent: byId(SEED_RESEARCH_AGENT_ID), environment: byId(SEED_ENVIRONMENT_ID), message: 'hi', options: { waitSeconds: THIRTY_DAYS } },
			{ input: [{}, {}] },
		);
		expect(result.error?.message).toMatch(/^Wait Limit \(Seconds\): is 2592000; it can be at most 604800 \(7 days\) \(item 0\)$/);
		expect(wire(emulator, /^\/v1\/sessions/).filter((r) => r.method === 'POST')).toEqual([]);
	});

	it('Send Message with a limit from an expression that is not a number fails before the send', async () => {
		const result = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId('sesn_011Any'), message: 'hi', options: { waitSeconds: '={{ "later" }}' } });
		expect(result.error?.message).toMatch(/^Wait Limit \(Seconds\): "later" is not a number of seconds \(item 0\)$/);
		expect(wire(emulator)).toEqual([]);
	});
});
