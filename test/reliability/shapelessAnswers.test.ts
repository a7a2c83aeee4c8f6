/**
 * Issue 17.11: an answer that is not what it claims is an error, never an empty success. A 3xx is not
 * a success; a 2xx without the fields the operation depends on names what was missing.
 */
import { byId, runFiles, useEmulator } from '../nodes/ClaudeAwsFiles/filesHarness';
import { ClaudeAwsBatches } from '../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { accessKeyCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';

const { emulator } = useEmulator();
const FILE = 'file_01ShapelessAnswer000000';
const BATCH = 'msgbatch_01ShapelessAnswer00000';

const runBatches = (parameters: Record<string, unknown>) =>
	runNode({
		node: ClaudeAwsBatches,
		parameters: { resource: 'batch', ...parameters },
		credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator()) },
		credentialTypes: [ClaudePlatformAwsApi],
	});

describe('answers that are not what they claim', () => {
	it('Files > Get on a 200 with an empty object names the missing field', async () => {
		emulator().faults.inject({ method: 'GET', path: `/v1/files/${FILE}`, fault: { type: 'status', status: 200, body: {} } });
		const result = await runFiles(emulator(), { operation: 'get', fileId: byId(FILE) });
		expect(result.error?.message).toBe('200 invalid_response: The gateway\'s answer has no "id", which a file always has. (item 0)');
	});

	it('Batches > Get on an empty 200 is an error, not {}', async () => {
		emulator().faults.inject({ method: 'GET', path: `/v1/messages/batches/${BATCH}`, fault: { type: 'status', status: 200, rawBody: '' } });
		const result = await runBatches({ operation: 'get', batchId: byId(BATCH) });
		expect(result.error?.message).toBe('200 invalid_response: The gateway answered with an empty body where a message batch was expected. (item 0)');
	});

	it('Batches > Get on a batch without request_counts names it instead of crashing', async () => {
		emulator().faults.inject({ method: 'GET', path: `/v1/messages/batches/${BATCH}`, fault: { type: 'status', status: 200, body: { id: BATCH, processing_status: 'ended' } } });
		const result = await runBatches({ operation: 'getResults', batchId: byId(BATCH) });
		expect(result.error?.message).toBe('200 invalid_response: The gateway\'s answer has no "request_counts", which a message batch always has. (item 0)');
	});

	it('Files > Download on metadata without a file name names it', async () => {
		emulator().faults.inject({ method: 'GET', path: `/v1/files/${FILE}`, fault: { type: 'status', status: 200, body: { id: FILE } } });
		const result = await runFiles(emulator(), { operation: 'download', fileId: byId(FILE) });
		expect(result.error?.message).toBe('200 invalid_response: The gateway\'s answer has no "filename", which a file always has. (item 0)');
		expect(emulator().received.filter((r) => r.path.endsWith('/content'))).toHaveLength(0);
	});

	it.each([301, 302, 307, 308])('Files > Delete on a %i is an error, not "deleted: true"', async (status) => {
		emulator().faults.inject({ method: 'DELETE', path: `/v1/files/${FILE}`, fault: { type: 'status', status, rawBody: '', headers: { location: 'https://elsewhere.example/' } } });
		const result = await runFiles(emulator(), { operation: 'delete', fileId: byId(FILE) });
		expect(result.error?.message).toMatch(new RegExp(`^${status} `));
		expect(result.json).toEqual([]);
	});

	it('Files > Download on a 302 saves nothing', async () => {
		emulator().faults.inject({ method: 'GET', path: `/v1/files/${FILE}`, fault: { type: 'status', status: 200, body: { id: FILE, filename: 'a.txt', size_bytes: 4, downloadable: true } } });
		emulator().faults.inject({ method: 'GET', path: `/v1/files/${FILE}/content`, fault: { type: 'status', status: 302, rawBody: '<html>moved</html>', headers: { location: 'https://elsewhere.example/' } } });
		const result = await runFiles(emulator(), { operation: 'download', fileId: byId(FILE) });
		expect(result.error?.message).toMatch(/^302 /);
		expect(result.json).toEqual([]);
	});
});
