/** Seeded probabilistic faults: a reproducible share of requests, the same whatever order they arrive in. */
import { FaultStore } from './faults';
import { startEmulator } from './server';
import { postJson } from './testRequest';
import type { Emulator } from './types';

const bodies = Array.from({ length: 2000 }, (_, i) => Buffer.from(JSON.stringify({ n: i })));

function fired(store: FaultStore, order: number[]): Set<number> {
	const hits = new Set<number>();
	for (const i of order) if (store.take('POST', '/v1/messages', bodies[i])) hits.add(i);
	return hits;
}

function probabilistic(seed: number, probability = 0.05): FaultStore {
	const store = new FaultStore();
	store.inject({ method: 'POST', path: '/v1/messages', probability, seed, fault: { type: 'status', status: 503 } });
	return store;
}

describe('probabilistic fault rules', () => {
	it('fire for about the given share of requests', () => {
		const hits = fired(probabilistic(7), bodies.map((_, i) => i));
		expect(hits.size).toBeGreaterThan(60);
		expect(hits.size).toBeLessThan(140);
	});

	it('are reproducible: the same seed hits the same requests in any arrival order, another seed others', () => {
		const forward = fired(probabilistic(7), bodies.map((_, i) => i));
		const backward = fired(probabilistic(7), bodies.map((_, i) => bodies.length - 1 - i));
		expect([...backward].sort((a, b) => a - b)).toEqual([...forward].sort((a, b) => a - b));
		const other = fired(probabilistic(8), bodies.map((_, i) => i));
		expect(other).not.toEqual(forward);
	});

	it('draw anew for a repeat of the same request (a retry is not doomed to fail again)', () => {
		const store = probabilistic(1, 0.5);
		const outcomes = Array.from({ length: 64 }, () => store.take('POST', '/v1/messages', bodies[0]) !== undefined);
		expect(outcomes).toContain(true);
		expect(outcomes).toContain(false);
	});

	it('honour times, other rules and the path filter', () => {
		const store = new FaultStore();
		store.inject({ path: '/v1/messages', probability: 1, times: 2, fault: { type: 'reset' } });
		store.inject({ path: '/v1/messages', fault: { type: 'hang' } });
		expect(store.take('POST', '/v1/models', bodies[0])).toBeUndefined();
		expect(store.take('POST', '/v1/messages', bodies[0])).toEqual({ type: 'reset' });
		expect(store.take('POST', '/v1/messages', bodies[1])).toEqual({ type: 'reset' });
		expect(store.take('POST', '/v1/messages', bodies[2])).toEqual({ type: 'hang' });
		expect(store.take('POST', '/v1/messages', bodies[3])).toBeUndefined();
		const never = new FaultStore();
		never.inject({ probability: 0, fault: { type: 'reset' } });
		expect(fired(never, bodies.map((_, i) => i)).size).toBe(0);
		expect(() => new FaultStore().inject({ probability: 1.5, fault: { type: 'reset' } })).toThrow(RangeError);
	});

	describe('over HTTP', () => {
		let emulator: Emulator;
		beforeAll(async () => {
			emulator = await startEmulator();
		});
		afterAll(() => emulator.close());

		it('the draw uses the request body, and received records which requests got the fault', async () => {
			emulator.faults.inject({ method: 'POST', path: '/v1/messages/count_tokens', probability: 0.5, seed: 3, fault: { type: 'status', status: 503 } });
			const send = (i: number) => postJson(emulator, '/v1/messages/count_tokens', { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: `text ${i}` }] });
			const first = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i)));
			const statuses = first.map((r) => r.status);
			expect(statuses).toContain(503);
			expect(statuses).toContain(200);
			expect(emulator.received.filter((r) => r.fault === 'status')).toHaveLength(statuses.filter((s) => s === 503).length);

			// A second emulator with the same rule, sent in reverse order: the same requests fail first time.
			const again = await startEmulator();
			try {
				again.faults.inject({ method: 'POST', path: '/v1/messages/count_tokens', probability: 0.5, seed: 3, fault: { type: 'status', status: 503 } });
				const reversed: number[] = [];
				for (let i = 39; i >= 0; i--) {
					reversed[i] = (await postJson(again, '/v1/messages/count_tokens', { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: `text ${i}` }] })).status;
				}
				expect(reversed).toEqual(statuses);
			} finally {
				await again.close();
			}
		});
	});
});
