/**
 * Issue 17.1: every retry costs something. A gateway that always answers 429 and asks for no wait
 * (retry-after 0, negative, a past date, retry-after-ms 0) or for 1 ms must end in a clear 429 after a
 * bounded number of requests, and must not halve the shared in-flight limit down to 1. Counts, not times.
 */
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../nodes/ClaudeAws/ClaudeAws.node';
import { ClaudeAwsClient } from '../../nodes/transport/client';
import { MAX_RATE_LIMIT_WAITS } from '../../nodes/transport/constants';
import { ClaudeApiError } from '../../nodes/transport/errors';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { accessKeyCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import { json, startGateway, type Gateway } from './helpers/gateway';

let gateway: Gateway;
let retryHeaders: Record<string, string> = {};
beforeAll(async () => {
	gateway = await startGateway((_request, res) =>
		json(res, 429, { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' } }, retryHeaders),
	);
});
afterAll(() => gateway.close());
beforeEach(() => {
	gateway.requests.length = 0;
});

function client(maxRetries: number, maxConcurrency?: number): ClaudeAwsClient {
	return new ClaudeAwsClient({
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		baseUrl: gateway.url,
		auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
		maxRetries,
		maxConcurrency,
	});
}

async function failure(promise: Promise<unknown>): Promise<ClaudeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as ClaudeApiError;
	}
	throw new Error('expected a failure');
}

describe('17.1 a gateway that always answers 429', () => {
	it.each([
		['retry-after: 0', { 'retry-after': '0' }],
		['retry-after: -1', { 'retry-after': '-1' }],
		['retry-after: a date in the past', { 'retry-after': 'Wed, 01 Jan 2020 00:00:00 GMT' }],
		['retry-after-ms: 0', { 'retry-after-ms': '0' }],
	])('with %s and Max Retries 1: a 429 error after 2 requests', async (_name, headers) => {
		retryHeaders = headers;
		const error = await failure(client(1).request({ method: 'GET', path: '/v1/models' }));
		expect(error).toBeInstanceOf(ClaudeApiError);
		expect(error).toMatchObject({ status: 429, errorType: 'rate_limit_error', reason: 'rate_limited', retries: 1 });
		expect(gateway.requests).toHaveLength(2);
	});

	it('with retry-after-ms: 1 and Max Retries 0: the rate-limit waits are capped in number', async () => {
		retryHeaders = { 'retry-after-ms': '1' };
		const error = await failure(client(0).request({ method: 'GET', path: '/v1/models' }));
		expect(error).toMatchObject({ status: 429, reason: 'rate_limited' });
		expect(gateway.requests).toHaveLength(MAX_RATE_LIMIT_WAITS + 1);
	});

	it('the Messages node with Max Retries 0 ends with a clear 429 error after one request', async () => {
		retryHeaders = { 'retry-after': '0' };
		const result = await runNode({
			node: ClaudeAws,
			parameters: { resource: 'message', operation: 'send', prompt: 'hello', options: { maxRetries: 0 } },
			credentials: { claudePlatformAwsApi: accessKeyCredentials({ url: gateway.url }) },
			credentialTypes: [ClaudePlatformAwsApi],
		});
		expect(result.error?.message).toBe('429 rate_limit_error: Number of requests has exceeded your rate limit (item 0)');
		expect((result.error as { description?: string }).description).toMatch(/^Rate limited by the gateway\. Lower the node's concurrency/);
		expect(gateway.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(1);
	});

	it('a burst of such 429s halves the shared in-flight limit once, not down to 1', async () => {
		retryHeaders = { 'retry-after': '0' };
		const c = client(1, 64);
		const errors = await Promise.all(Array.from({ length: 32 }, () => failure(c.request({ method: 'GET', path: '/v1/models' }))));
		expect(errors.every((e) => e.status === 429)).toBe(true);
		expect(gateway.requests).toHaveLength(64);
		// One halving per episode (a second at least); a slow machine may stretch the burst over two.
		expect((c as unknown as { throttle: { currentLimit: number } }).throttle.currentLimit).toBeGreaterThanOrEqual(16);
	});
});
