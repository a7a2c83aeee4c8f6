/**
 * Issue 17.2: Return All against a gateway whose cursor does not move (`next_page` or `last_id` the
 * same as before, or one seen earlier) stops with an error naming the path, instead of paging without end.
 */
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsFiles } from '../../nodes/ClaudeAwsFiles/ClaudeAwsFiles.node';
import { ClaudeAwsClient } from '../../nodes/transport/client';
import { ClaudeStreamError } from '../../nodes/transport/errors';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { accessKeyCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import { json, startGateway, type Gateway, type SeenRequest } from './helpers/gateway';

let gateway: Gateway;
let answer: (request: SeenRequest) => unknown;
beforeAll(async () => {
	gateway = await startGateway((request, res) => json(res, 200, answer(request)));
});
afterAll(() => gateway.close());
beforeEach(() => {
	gateway.requests.length = 0;
});

const client = () =>
	new ClaudeAwsClient({
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		baseUrl: gateway.url,
		auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
	});

async function failure(promise: Promise<unknown>): Promise<any> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected a failure');
}

const file = (n: number) => ({ type: 'file', id: `file_${n}`, filename: `f${n}.txt`, size_bytes: 1, created_at: '2026-01-01T00:00:00Z' });

describe('17.2 a cursor that does not move', () => {
	it('page style: next_page the same as the one just sent is an error after two requests', async () => {
		answer = (request) => ({ data: [file(Number(request.query.get('page') ? 2 : 1))], next_page: 'page_STUCK' });
		const error = await failure(client().paginate({ method: 'GET', path: '/v1/files' }, { style: 'page', returnAll: true }));
		expect(error).toBeInstanceOf(ClaudeStreamError);
		expect(error.reason).toBe('cursor_repeated');
		expect(error.message).toBe('GET /v1/files sent the page cursor "page_STUCK" again after 2 pages; stopped instead of paging without end.');
		expect(error.path).toBe('/v1/files');
		expect(gateway.requests).toHaveLength(2);
	});

	it('page style: a cycle (A, B, A) is caught too', async () => {
		const next: Record<string, string> = { '': 'A', A: 'B', B: 'A' };
		answer = (request) => ({ data: [file(gateway.requests.length)], next_page: next[request.query.get('page') ?? ''] });
		const error = await failure(client().paginate({ method: 'GET', path: '/v1/agents' }, { style: 'page', returnAll: true }));
		expect(error.message).toMatch(/^GET \/v1\/agents sent the page cursor "A" again after 3 pages/);
		expect(gateway.requests).toHaveLength(3);
	});

	it('ID style: has_more with a last_id that does not move', async () => {
		answer = () => ({ data: [{ id: 'claude-x', type: 'model' }], has_more: true, first_id: 'claude-x', last_id: 'claude-x' });
		const error = await failure(client().paginate({ method: 'GET', path: '/v1/models' }, { style: 'id', returnAll: true, pageSize: 1 }));
		expect(error.message).toMatch(/^GET \/v1\/models sent the page cursor "claude-x" again/);
		expect(gateway.requests).toHaveLength(2);
		expect(gateway.requests[1].query.get('after_id')).toBe('claude-x');
	});

	it('a cursor that moves is followed to the end', async () => {
		answer = (request) => {
			const page = Number(request.query.get('page') ?? '0');
			return { data: [file(page)], next_page: page < 4 ? String(page + 1) : null };
		};
		const all = await client().paginate({ method: 'GET', path: '/v1/files' }, { style: 'page', returnAll: true });
		expect(all).toHaveLength(5);
	});

	it('Files > List with Return All fails with that error and says what happened', async () => {
		answer = () => ({ data: [file(1)], next_page: 'page_STUCK' });
		const result = await runNode({
			node: ClaudeAwsFiles,
			parameters: { resource: 'file', operation: 'list', returnAll: true },
			credentials: { claudePlatformAwsApi: accessKeyCredentials({ url: gateway.url }) },
			credentialTypes: [ClaudePlatformAwsApi],
		});
		expect(result.error?.message).toBe('GET /v1/files sent the page cursor "page_STUCK" again after 2 pages; stopped instead of paging without end. (item 0)');
		expect((result.error as { description?: string }).description).toMatch(/page cursor of \/v1\/files that it had sent before/);
		expect(gateway.requests).toHaveLength(2);
	});
});
