/**
 * Create Batch From Items with files Claude cannot read directly: with code execution they are uploaded to
 * the Files API and attached as container_upload; they stay while the batch may need them, are deleted once
 * it has ended (Wait Until Ended), and a failure leaves none behind.
 */
import type { INodeParameters } from 'n8n-workflow';
import { containerUploadLimits } from '../../../nodes/shared/messageForm/containerFiles';
import type { BinaryInputs } from '../../helpers/runNode';
import { useHarness } from './batchesHarness';

const h = useHarness();
const defaults = { ...containerUploadLimits };
let filesMaxBytes: number;
beforeEach(() => {
	filesState().files.clear();
	filesMaxBytes = filesState().maxBytes;
});
afterEach(() => {
	Object.assign(containerUploadLimits, defaults);
	filesState().maxBytes = filesMaxBytes;
});

const filesState = () => h.emulator.state.files as any;
const stored = (): string[] => [...filesState().files.keys()];
const csv = (name: string, text = 'region,sales\nnorth,10\n') => ({ data: Buffer.from(text), fileName: name, mimeType: 'text/csv' });
const create = (options: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters => ({
	operation: 'create',
	prompt: '={{ $json.q }}',
	binaryProperties: 'data',
	builtInTools: { codeExecution: true },
	options,
	...extra,
});
const input = (n: number) => Array.from({ length: n }, (_, i) => ({ q: `Summarize sheet ${i}` }));
const sheets = (n: number) => Array.from({ length: n }, (_, i) => ({ data: csv(`sheet-${i}.csv`) }));
const batchPosts = () => h.requests('POST', '/v1/messages/batches');
const uploadsOf = (request: any): string[] => request.params.messages[0].content.filter((b: any) => b.type === 'container_upload').map((b: any) => b.file_id);

test('without waiting: each request has a container_upload of a file the Files API holds, and the output lists the files to delete later', async () => {
	const result = await h.run(create(), { input: input(2), binary: sheets(2) });
	expect(result.error).toBeUndefined();
	const [post] = batchPosts();
	const ids = post.json.requests.map(uploadsOf);
	expect(ids).toEqual([[expect.stringMatching(/^file_01/)], [expect.stringMatching(/^file_01/)]]);
	expect(post.json.requests[0].params.messages[0].content).toEqual([{ type: 'container_upload', file_id: ids[0][0] }, { type: 'text', text: 'Summarize sheet 0' }]);
	expect(stored().sort()).toEqual(ids.flat().sort());
	expect(ids.flat().map((id: string) => filesState().get(id).meta.filename)).toEqual(['sheet-0.csv', 'sheet-1.csv']);
	// Every file was uploaded before the batch was created, and none deleted.
	const paths = h.emulator.received.map((r) => `${r.method} ${r.path}`);
	expect(paths).toEqual(['POST /v1/files', 'POST /v1/files', 'POST /v1/messages/batches']);
	expect(result.json[0].uploaded_file_ids).toEqual(ids.flat());
});

test('with Wait Until Ended the batch is answered from the files, which are deleted after the results are read', async () => {
	const result = await h.run(create({ waitUntilEnded: true, pollIntervalSeconds: 0.05 }), { input: input(2), binary: sheets(2) });
	expect(result.error).toBeUndefined();
	expect(result.json.map((json) => [json.custom_id, json.result_type, json.text])).toEqual([
		['item-0', 'succeeded', 'Echo: Summarize sheet 0'],
		['item-1', 'succeeded', 'Echo: Summarize sheet 1'],
	]);
	expect(result.items[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(result.json.some((json) => 'uploaded_file_ids' in json)).toBe(false);
	const ids = batchPosts()[0].json.requests.flatMap(uploadsOf);
	expect(stored()).toEqual([]);
	const paths = h.emulator.received.map((r) => `${r.method} ${r.path}`);
	const resultsAt = paths.findIndex((p) => p.endsWith('/results'));
	expect(paths.slice(resultsAt + 1)).toEqual(ids.map((id: string) => `DELETE /v1/files/${id}`));
});

test('with Wait Until Ended and Delete Uploaded Files off, each result lists its own files', async () => {
	const result = await h.run(create({ waitUntilEnded: true, pollIntervalSeconds: 0.05, deleteUploadedFiles: false }), { input: input(2), binary: sheets(2) });
	expect(result.error).toBeUndefined();
	const ids = batchPosts()[0].json.requests.map(uploadsOf);
	expect(result.json.map((json) => json.uploaded_file_ids)).toEqual(ids);
	expect(stored().sort()).toEqual(ids.flat().sort());
	expect(h.requests('DELETE')).toEqual([]);
});

describe('failures leave no file behind', () => {
	test('a later item that cannot be planned fails before any upload', async () => {
		const result = await h.run(create(), { input: input(3), binary: [sheets(1)[0], sheets(1)[0], undefined] });
		expect(result.error?.message).toBe('Attachments (Binary Properties): the input item has no binary property "data" (item 2)');
		expect(h.emulator.received).toEqual([]);
	});

	test('a binary over the Files limit fails before any upload, naming the parameter and the item', async () => {
		containerUploadLimits.maxBytes = 30;
		const result = await h.run(create(), { input: input(2), binary: [{ data: csv('small.csv') }, { data: csv('big.csv', 'x,'.repeat(40)) }] });
		expect(result.error?.message).toMatch(/^Attachments \(Binary Properties\): binary property "data" is .+, more than the Files API's limit of .+ MiB \(item 1\)$/);
		expect(h.emulator.received).toEqual([]);
	});

	test('with Continue On Fail, an item that cannot be planned uploads nothing and the others are batched with their files', async () => {
		const result = await h.run(create(), { input: input(3), binary: [sheets(1)[0], undefined, sheets(1)[0]], continueOnFail: true });
		expect(result.error).toBeUndefined();
		const [post] = batchPosts();
		expect(post.json.requests.map((r: any) => r.custom_id)).toEqual(['item-0', 'item-2']);
		expect(stored().sort()).toEqual(post.json.requests.flatMap(uploadsOf).sort());
		expect(h.requests('POST', '/v1/files')).toHaveLength(2);
		expect(result.items[0][1]).toMatchObject({ json: { error: expect.stringMatching(/no binary property "data" \(item 1\)$/) }, pairedItem: { item: 1 } });
	});

	test('an upload that fails on a later item deletes the earlier uploads, and the error says so', async () => {
		filesState().maxBytes = 30;
		const result = await h.run(create(), { input: input(2), binary: [{ data: csv('small.csv') }, { data: csv('big.csv', 'x,'.repeat(40)) }] });
		expect(result.error?.message).toMatch(/^413 request_too_large: File is larger than the maximum of 30 bytes\. \(item 1\)$/);
		expect((result.error as any).description).toMatch(/Files uploaded for earlier items were deleted\.$/);
		expect(stored()).toEqual([]);
		expect(batchPosts()).toEqual([]);
	});

	test('with Continue On Fail, the item whose upload fails has its own uploads deleted and the others go into the batch', async () => {
		filesState().maxBytes = 30;
		const binary: BinaryInputs[] = [{ data: csv('a.csv') }, { data: csv('b.csv'), extra: csv('big.csv', 'x,'.repeat(40)) }, { data: csv('c.csv') }];
		const result = await h.run(create({}, { binaryProperties: '={{ $json.files }}' }), { input: [{ q: 'a', files: 'data' }, { q: 'b', files: 'data, extra' }, { q: 'c', files: 'data' }], binary, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const [post] = batchPosts();
		expect(post.json.requests.map((r: any) => r.custom_id)).toEqual(['item-0', 'item-2']);
		const ids = post.json.requests.flatMap(uploadsOf);
		expect(stored().sort()).toEqual([...ids].sort());
		expect(result.json[0].uploaded_file_ids).toEqual(ids);
		const failed = result.items[0][1];
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.json.error).toMatch(/^413 request_too_large: .+ \(item 1\)$/);
		expect(failed.json.errorDescription).toMatch(/Files uploaded for this item were deleted\.$/);
		// b.csv went up and was deleted again.
		expect(h.requests('DELETE')).toHaveLength(1);
	});

	test('a batch create that fails deletes the uploads; a delete that fails is named in the error', async () => {
		h.emulator.faults.inject({ method: 'POST', path: '/v1/messages/batches', fault: { type: 'status', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'Bad batch' } } } });
		h.emulator.faults.inject({ method: 'DELETE', path: /^\/v1\/files\//, fault: { type: 'status', status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'No' } } } });
		const result = await h.run(create(), { input: input(2), binary: sheets(2) });
		expect(result.error?.message).toBe('400 invalid_request_error: Bad batch');
		const [kept] = stored();
		expect(stored()).toHaveLength(1);
		expect((result.error as any).description).toMatch(new RegExp(`Files uploaded for the requests not sent could not be deleted \\(delete them with Files > Delete\\): ${kept}\\.$`));
	});

	test('a batch create that may have reached the gateway keeps its files and says so', async () => {
		h.emulator.faults.inject({ method: 'POST', path: '/v1/messages/batches', fault: { type: 'reset' } });
		const result = await h.run(create(), { input: input(1), binary: sheets(1) });
		expect(result.error).toBeDefined();
		const [kept] = stored();
		expect(kept).toMatch(/^file_01/);
		expect((result.error as any).description).toContain(`Files uploaded for the batches that were or may have been created stay (the batches need them; delete them once they have ended): ${kept}.`);
	});
});
