/**
 * A tiny hostile gateway on a local port: each test gives the handler that answers, and reads back the
 * requests it got (method, path, headers, body). For faults the emulator has no rule for: answers that
 * echo what they received, cursors that never move, bodies that trickle.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export type Handler = (request: SeenRequest, response: http.ServerResponse) => void | Promise<void>;

export interface Gateway {
	url: string;
	requests: SeenRequest[];
	close(): Promise<void>;
}

export async function startGateway(handler: Handler): Promise<Gateway> {
	const requests: SeenRequest[] = [];
	const sockets = new Set<import('node:net').Socket>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://gateway.local');
			const seen = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			requests.push(seen);
			Promise.resolve(handler(seen, res)).catch((error) => {
				res.destroy(error as Error);
			});
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'request-id': 'req_gateway01', ...headers });
	res.end(text);
}
