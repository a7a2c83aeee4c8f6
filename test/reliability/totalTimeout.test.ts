/**
 * Issue 17.3: the idle timeout only catches silence. A gateway trickling one byte every 300 ms is cut
 * by the total time limit, and the error says which limit was hit. Event streams are held to it only
 * up to the response head unless the call asks for more (an agent's stream may rightly last long).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { INode } from 'n8n-workflow';
import { clientFromCredential } from '../../nodes/shared/client';
import { toNodeError } from '../../nodes/shared/errors';
import { accessKeyCredentials } from '../helpers/credentials';
import { ClaudeAwsClient } from '../../nodes/transport/client';
import type { ConnectionConfig } from '../../nodes/transport/config';
import { ClaudeConnectionError, ClaudeStreamError } from '../../nodes/transport/errors';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { startGateway, type Gateway } from './helpers/gateway';

const NODE: INode = { id: '1', name: 'Claude', type: 'n8n-nodes-claude-aws.claudeAws', typeVersion: 1, position: [0, 0], parameters: {} };
let gateway: Gateway;
let mode: 'trickleBody' | 'trickleSse' | 'hangAfterHead' | 'sseEvents';
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
	gateway = await startGateway((_request, res) => {
		if (mode === 'hangAfterHead') {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.write('{');
			return;
		}
		if (mode === 'sseEvents') {
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			let n = 0;
			const timer = setInterval(() => {
				if (++n < 8) res.write('event: ping\ndata: {"type":"ping"}\n\n');
				else {
					clearInterval(timer);
					res.end('event: message_stop\ndata: {"type":"message_stop"}\n\n');
				}
			}, 100);
			timers.add(timer);
			res.on('close', () => clearInterval(timer));
			return;
		}
		// One byte every 300 ms of a body that would take a minute.
		res.writeHead(200, { 'content-type': mode === 'trickleBody' ? 'application/json' : 'text/event-stream' });
		const body = `{"data":[${'0,'.repeat(100)}0]}`;
		let i = 0;
		const timer = setInterval(() => {
			if (i < body.length) res.write(body[i++]);
		}, 300);
		timers.add(timer);
		res.on('close', () => clearInterval(timer));
	});
});
afterAll(async () => {
	for (const timer of timers) clearInterval(timer);
	await gateway.close();
});
beforeEach(() => {
	gateway.requests.length = 0;
});

function client(baseUrl: string, overrides: Partial<ConnectionConfig> = {}): ClaudeAwsClient {
	return new ClaudeAwsClient({
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		baseUrl,
		auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
		maxRetries: 0,
		...overrides,
	});
}

async function failure(promise: Promise<unknown>): Promise<any> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected a failure');
}

async function drain(stream: AsyncIterable<unknown>): Promise<number> {
	let n = 0;
	for await (const _ of stream) n++;
	return n;
}

describe('17.3 total time limit', () => {
	it('a JSON answer trickled one byte per 300 ms is cut by the total limit, not waited out; the error says so', async () => {
		mode = 'trickleBody';
		const error = await failure(client(gateway.url, { timeoutMs: 5000, totalTimeoutMs: 1200 }).request({ method: 'GET', path: '/v1/models' }));
		expect(error).toBeInstanceOf(ClaudeConnectionError);
		expect(error.reason).toBe('timeout_total');
		expect(error.message).toBe('GET /v1/models failed: the whole answer did not arrive within 1200 ms (total time limit) (ETIMEDOUT).');
		expect(toNodeError(NODE, error, 0).description).toMatch(/too slowly to finish within the total time limit/);
		expect(gateway.requests).toHaveLength(1);
	});

	it('a per-request totalTimeoutMs overrides the client\'s', async () => {
		mode = 'trickleBody';
		const error = await failure(client(gateway.url, { timeoutMs: 5000 }).request({ method: 'GET', path: '/v1/models', totalTimeoutMs: 700 }));
		expect(error.message).toMatch(/within 700 ms \(total time limit\)/);
	});

	it('the n8n side can set it: clientFromCredential passes totalTimeoutMs through', async () => {
		mode = 'trickleBody';
		const c = clientFromCredential(accessKeyCredentials({ url: gateway.url }), { totalTimeoutMs: 600, maxRetries: 0 });
		expect(c.config.totalTimeoutMs).toBe(600);
		const error = await failure(c.request({ method: 'GET', path: '/v1/models' }));
		expect(error.reason).toBe('timeout_total');
	});

	it('silence after the head is the idle limit, and says so', async () => {
		mode = 'hangAfterHead';
		const error = await failure(client(gateway.url, { timeoutMs: 500, totalTimeoutMs: 60_000 }).request({ method: 'GET', path: '/v1/models' }));
		expect(error).toBeInstanceOf(ClaudeConnectionError);
		expect(error.reason).toBe('timeout_idle');
		expect(error.message).toMatch(/no answer within 500 ms \(ETIMEDOUT\)/);
		expect(toNodeError(NODE, error, 0).description).toMatch(/did not answer in time/);
	});

	it('a response head trickled byte by byte is cut by the total limit too', async () => {
		const sockets = new Set<net.Socket>();
		const server = net.createServer((socket) => {
			sockets.add(socket);
			const head = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}';
			let i = 0;
			const timer = setInterval(() => (i < head.length ? socket.write(head[i++]) : clearInterval(timer)), 300);
			socket.on('close', () => clearInterval(timer));
			socket.on('error', () => undefined);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const error = await failure(client(url, { timeoutMs: 5000, totalTimeoutMs: 900 }).request({ method: 'GET', path: '/v1/models' }));
			expect(error.reason).toBe('timeout_total');
			expect(error.message).toMatch(/no complete response head arrived within 900 ms \(total time limit\)/);
		} finally {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('an event stream that asks for a total limit is cut by it, as a stream error naming the limit', async () => {
		mode = 'trickleSse';
		const stream = client(gateway.url, { timeoutMs: 5000 }).sse({ method: 'POST', path: '/v1/messages', body: {}, totalTimeoutMs: 800 }, () => false);
		const error = await failure(drain(stream));
		expect(error).toBeInstanceOf(ClaudeStreamError);
		expect(error.reason).toBe('timeout_total');
		expect(error.message).toBe('The event stream broke off: the whole answer did not arrive within 800 ms (total time limit).');
		expect(toNodeError(NODE, error, 0).description).toMatch(/It did not finish within the total time limit\./);
	});

	it('an event stream that does not ask for one is held to the client\'s limit only until its head: a longer stream completes', async () => {
		mode = 'sseEvents';
		const events = await drain(client(gateway.url, { timeoutMs: 5000, totalTimeoutMs: 300 }).sse({ method: 'POST', path: '/v1/messages', body: {} }, (e) => e.event === 'message_stop'));
		expect(events).toBe(1);
	});
});
