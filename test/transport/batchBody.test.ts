/**
 * A batch creation body built request by request (api/batchBody.ts) and sent by the transport as a stream
 * with its exact length and its real SigV4 payload hash, against the emulator's independent verifier.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/types';
import type { BatchesState } from '../emulator/resources/batches';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { ClaudeAwsClient } from '../../nodes/transport/client';
import { ClaudeApiError } from '../../nodes/transport/errors';
import { BatchBodyBuilder, openBody, serializeRequest, type BatchBody } from '../../nodes/api/batchBody';
import { batches } from '../../nodes/api/batches';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.faults.clear();
	emulator.clearReceived();
});

const client = () =>
	new ClaudeAwsClient({
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		baseUrl: emulator.url,
		auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
		maxRetries: 2,
	});

const params = (text: string) => ({ model: 'claude-sonnet-4-6', max_tokens: 50, messages: [{ role: 'user' as const, content: text }] });

function build(count: number, text = (i: number) => `Question ${i}: ünïcödé ✓ "quoted"\n`): BatchBody {
	const builder = new BatchBodyBuilder();
	for (let i = 0; i < count; i++) builder.add(serializeRequest(`doc-${i}`, params(text(i))));
	return builder.finish();
}

async function bytesOf(body: BatchBody): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of await openBody(body)) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

describe('BatchBodyBuilder', () => {
	it('makes {"requests":[...]} in compact chunks whose length and SHA-256 are those of the bytes', async () => {
		const body = build(5000);
		const bytes = await bytesOf(body);
		expect(body.chunks.length).toBeGreaterThan(1);
		expect(bytes.length).toBe(body.bytes);
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(body.sha256);
		const parsed = JSON.parse(bytes.toString('utf8'));
		expect(parsed.requests).toHaveLength(5000);
		expect(parsed.requests[4999]).toEqual({ custom_id: 'doc-4999', params: params('Question 4999: ünïcödé ✓ "quoted"\n') });
		// A second stream of the same body (a retry) gives the same bytes.
		expect((await bytesOf(body)).equals(bytes)).toBe(true);
	});

	it('predicts the size with one more request exactly, and an empty body is the envelope', async () => {
		const builder = new BatchBodyBuilder();
		const empty = { ...builder };
		expect(empty.bytes).toBe(Buffer.byteLength('{"requests":[]}'));
		const first = serializeRequest('a', params('x'));
		const second = serializeRequest('b', params('y'));
		const predicted = [builder.bytesWith(first)];
		builder.add(first);
		predicted.push(builder.bytesWith(second));
		builder.add(second);
		const body = builder.finish();
		expect(predicted).toEqual([Buffer.byteLength(`{"requests":[${first.json}]}`), body.bytes]);
		expect((await bytesOf(body)).length).toBe(body.bytes);
	});

	it("takes a request's betas out of its params and gathers them for the create's header", () => {
		const builder = new BatchBodyBuilder();
		builder.add(serializeRequest('a', { ...params('x'), betas: ['b-1', 'b-2'] } as never));
		builder.add(serializeRequest('b', { ...params('y'), betas: ['b-2'] } as never));
		const body = builder.finish();
		expect(body.betas).toEqual(['b-1', 'b-2']);
		expect(Buffer.concat(body.chunks).toString()).not.toContain('betas');
	});
});

describe('a streamed body with its payload hash', () => {
	it('is signed with the real hash and an exact Content-Length, and the gateway gets every request', async () => {
		const body = build(3000);
		const batch = await batches.create(client(), body);
		const [received] = emulator.received.filter((r) => r.path === '/v1/messages/batches');
		expect(received.status).toBe(200);
		expect(received.headers['x-amz-content-sha256']).toBe(body.sha256);
		expect(received.headers['content-length']).toBe(String(body.bytes));
		expect(received.headers['transfer-encoding']).toBeUndefined();
		expect(received.bodyBytes).toBe(body.bytes);
		const stored = (emulator.state.batches as BatchesState).batches.get(batch.id)!;
		expect(stored.requests.map((r) => r.custom_id)).toEqual(Array.from({ length: 3000 }, (_, i) => `doc-${i}`));
	});

	it('is refused when the bytes are not those the hash was taken of', async () => {
		const body = build(10);
		const other = build(10, (i) => `Other ${i}`);
		const before = (emulator.state.batches as BatchesState).batches.size;
		const sent = client().request({
			method: 'POST',
			path: '/v1/messages/batches',
			idempotent: false,
			stream: { open: () => openBody(other), contentType: 'application/json', contentLength: other.bytes, sha256: body.sha256 },
		});
		await expect(sent).rejects.toBeInstanceOf(ClaudeApiError);
		await expect(sent).rejects.toMatchObject({ status: 403 });
		expect(emulator.received.at(-1)!.errorType).toBe('permission_error');
		expect((emulator.state.batches as BatchesState).batches.size).toBe(before);
	});

	it('is opened again, whole, when the gateway answers that it did not process the create', async () => {
		const body = build(200);
		emulator.faults.inject({ path: '/v1/messages/batches', times: 1, fault: { type: 'status', status: 529 } });
		const before = (emulator.state.batches as BatchesState).batches.size;
		await batches.create(client(), body);
		const posts = emulator.received.filter((r) => r.path === '/v1/messages/batches');
		expect(posts.map((r) => r.status)).toEqual([529, 200]);
		expect(posts[1].bodyBytes).toBe(body.bytes);
		expect((emulator.state.batches as BatchesState).batches.size).toBe(before + 1);
	});

	it('a stream without a hash is still sent as UNSIGNED-PAYLOAD (uploads)', async () => {
		const content = Buffer.from('{"requests":[]}');
		await client()
			.request({ method: 'POST', path: '/v1/messages/batches', idempotent: false, stream: { open: async () => Readable.from([content]), contentType: 'application/json', contentLength: content.length } })
			.catch(() => undefined);
		expect(emulator.received.at(-1)!.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
	});
});
