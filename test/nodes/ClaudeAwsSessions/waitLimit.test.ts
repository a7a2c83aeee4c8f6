/** The Wait Limit (17.4): its range is checked before any request, and a long limit never fires at once (fake timers). */
import { PassThrough } from 'node:stream';
import type { IExecuteFunctions } from 'n8n-workflow';
import { TurnFollower, TurnTimeoutError, type TurnClients } from '../../../nodes/ClaudeAwsSessions/helpers/turn';
import { MAX_WAIT_SECONDS, readWaitSettings } from '../../../nodes/ClaudeAwsSessions/helpers/wait';

const SESSION_ID = 'sesn_011Wait';
const DAY_MS = 24 * 60 * 60 * 1000;

/** An events client whose stream stays open and silent (or says what `write` gives), and a history of `history`. */
function fakeClients(write?: string, history: unknown[] = []): TurnClients & { opened: () => number } {
	let opened = 0;
	const events = {
		stream: async () => {
			opened++;
			const body = new PassThrough();
			if (write) body.write(write);
			return { status: 200, headers: {}, requestId: 'req_stream', body };
		},
	};
	const api = { paginate: async () => history, request: async () => ({ id: SESSION_ID, usage: null }) };
	return { api: api as never, events: events as never, opened: () => opened };
}

describe('Wait Limit (Seconds)', () => {
	const context = (options: Record<string, unknown>, waitForReply = true) =>
		({
			getNode: () => ({ name: 'Claude on AWS Agents', type: 'n8n-nodes-claude-aws.claudeAwsSessions', typeVersion: 1, position: [0, 0], parameters: {} }),
			getNodeParameter: (name: string, _item: number, fallback: unknown) => (name === 'options' ? options : name === 'waitForReply' ? waitForReply : fallback),
		}) as unknown as IExecuteFunctions;

	it.each([
		[{ waitSeconds: 30 * 24 * 60 * 60 }, /^Wait Limit \(Seconds\): is 2592000; it can be at most 604800 \(7 days\) \(item 3\)$/],
		[{ waitSeconds: MAX_WAIT_SECONDS + 1 }, /at most 604800/],
		[{ waitSeconds: 'soon' }, /^Wait Limit \(Seconds\): "soon" is not a number of seconds \(item 3\)$/],
		[{ waitSeconds: Infinity }, /is not a number of seconds/],
	])('%j is refused before any request, naming the option and the item', (options, message) => {
		expect(() => readWaitSettings(context(options), 3)).toThrow(message);
	});

	it('the default, 7 days and small values are taken; without Wait for Reply nothing is checked', () => {
		expect(readWaitSettings(context({}), 0)).toEqual({ waitMs: 300_000, includeEvents: false });
		expect(readWaitSettings(context({ waitSeconds: MAX_WAIT_SECONDS, includeEvents: true }), 0)).toEqual({ waitMs: MAX_WAIT_SECONDS * 1000, includeEvents: true });
		expect(readWaitSettings(context({ waitSeconds: '90' }), 0).waitMs).toBe(90_000);
		expect(readWaitSettings(context({ waitSeconds: 0.2 }), 0).waitMs).toBe(1000);
		expect(() => readWaitSettings(context({ waitSeconds: 30 * 24 * 60 * 60 }, false), 0)).not.toThrow();
	});
});

describe('a long wait', () => {
	afterEach(() => jest.useRealTimers());

	it('a wait beyond the timer range (2^31-1 ms) does not time out at once, and does at its end', async () => {
		jest.useFakeTimers();
		const clients = fakeClients();
		let outcome: unknown;
		const waitMs = 30 * DAY_MS;
		void new TurnFollower(clients, SESSION_ID).follow(undefined, { waitMs }).then(
			() => (outcome = 'ended'),
			(error) => (outcome = error),
		);
		await jest.advanceTimersByTimeAsync(1);
		expect(clients.opened()).toBe(1);
		await jest.advanceTimersByTimeAsync(2 ** 31);
		expect(outcome).toBeUndefined();
		await jest.advanceTimersByTimeAsync(waitMs - 2 ** 31 - 2);
		expect(outcome).toBeUndefined();
		await jest.advanceTimersByTimeAsync(10);
		expect(outcome).toBeInstanceOf(TurnTimeoutError);
		expect((outcome as Error).message).toBe(`Session ${SESSION_ID} did not finish its turn within 2592000 seconds; it may still be running.`);
	});
});
