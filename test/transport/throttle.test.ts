/** The shared throttle with its `now` seam: the in-flight limit as a function of 429s and successes, no clock read. */
import { RequestThrottle } from '../../nodes/transport/throttle';

// The pause timer is a real setTimeout: faked here so no test leaves one behind.
beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
afterEach(() => {
	jest.clearAllTimers();
	jest.useRealTimers();
});

function throttleAt(max: number) {
	const clock = { now: 1_000_000 };
	return { throttle: new RequestThrottle(max, () => clock.now), clock };
}

describe('in-flight limit', () => {
	it('17.1: a burst of 429s asking for no wait halves the limit once per episode, not down to 1', async () => {
		const { throttle, clock } = throttleAt(64);
		const slots = await Promise.all(Array.from({ length: 64 }, () => throttle.acquire()));
		for (let i = 0; i < 50; i++) {
			throttle.rateLimited(0);
			clock.now += 5;
		}
		expect(throttle.currentLimit).toBe(32);
		// A new episode, a second later: one more halving.
		clock.now += 1000;
		throttle.rateLimited(0);
		expect(throttle.currentLimit).toBe(16);
		for (const slot of slots) slot.release();
	});

	it('an episode lasts as long as the pause the gateway asked for', async () => {
		const { throttle, clock } = throttleAt(64);
		const slots = await Promise.all(Array.from({ length: 64 }, () => throttle.acquire()));
		throttle.rateLimited(5000);
		clock.now += 4000;
		throttle.rateLimited(5000);
		expect(throttle.currentLimit).toBe(32);
		clock.now += 1001 + 5000;
		throttle.rateLimited(100);
		expect(throttle.currentLimit).toBe(16);
		for (const slot of slots) slot.release();
	});

	it('grows back by one per window of `limit` successes, up to the maximum', async () => {
		const { throttle, clock } = throttleAt(8);
		const slots = await Promise.all(Array.from({ length: 8 }, () => throttle.acquire()));
		throttle.rateLimited(0);
		expect(throttle.currentLimit).toBe(4);
		for (const slot of slots) slot.release();
		clock.now += 10_000;
		const grown: number[] = [];
		for (let i = 0; i < 4 + 5 + 6 + 7 + 20; i++) {
			throttle.succeeded();
			grown.push(throttle.currentLimit);
		}
		expect(grown[3]).toBe(5);
		expect(grown[8]).toBe(6);
		expect(Math.max(...grown)).toBe(8);
	});

	it('never lets more than the limit through at once; the rest wait in order', async () => {
		const { throttle } = throttleAt(2);
		const order: number[] = [];
		const first = await throttle.acquire();
		const second = await throttle.acquire();
		const waiting = [0, 1, 2].map((i) => throttle.acquire().then((slot) => (order.push(i), slot)));
		await Promise.resolve();
		expect(order).toEqual([]);
		first.release();
		const a = await waiting[0];
		second.release();
		const b = await waiting[1];
		a.release();
		const c = await waiting[2];
		expect(order).toEqual([0, 1, 2]);
		b.release();
		c.release();
	});
});
