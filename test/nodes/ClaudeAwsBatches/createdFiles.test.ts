/**
 * Files Claude makes in a batch (code execution / skills): each result item carries them as binaries
 * named as the Files API names them, like Send Message, on Create Batch (Wait Until Ended + Output
 * Results) and on Get Results; Download Created Files off lists their IDs instead.
 */
import type { INodeParameters } from 'n8n-workflow';
import { byId, useHarness } from './batchesHarness';

const h = useHarness();
const filesState = () => h.emulator.state.files as any;
beforeEach(() => filesState().files.clear());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const waitFast = { waitUntilEnded: true, pollIntervalSeconds: 0.05 };
const csv = (name: string) => ({ data: Buffer.from(`region,sales\n${name},10\n`), fileName: `${name}.csv`, mimeType: 'text/csv' });
const regions = ['north', 'south', 'east'];
const input = regions.map((region) => ({ q: `Make an Excel report for ${region}` }));
const binary = regions.map((region) => ({ data: csv(region) }));
const create = (options: INodeParameters = {}): INodeParameters => ({
	operation: 'create',
	prompt: '={{ $json.q }}',
	binaryProperties: 'data',
	skills: ['xlsx'],
	options,
});
const contentDownloads = () => h.emulator.received.filter((r) => r.method === 'GET' && /^\/v1\/files\/[^/]+\/content$/.test(r.path));
const reports = (): string[] => [...filesState().files.values()].filter((file: any) => file.meta.filename === 'report.xlsx').map((file: any) => file.meta.id);

test('Create Batch, Wait Until Ended + Output Results, xlsx skill: each result item has its report as a binary, paired to its input item', async () => {
	const result = await h.run(create(waitFast), { input, binary });
	expect(result.error).toBeUndefined();
	const items = result.items[0];
	expect(items.map((item) => [item.json.custom_id, item.pairedItem])).toEqual([
		['item-0', { item: 0 }],
		['item-1', { item: 1 }],
		['item-2', { item: 2 }],
	]);
	for (let i = 0; i < regions.length; i++) {
		expect(Object.keys(items[i].binary ?? {})).toEqual(['report.xlsx']);
		expect(items[i].binary!['report.xlsx']).toMatchObject({ fileName: 'report.xlsx', mimeType: XLSX });
		const bytes = await result.binary(i, 'report.xlsx');
		// The skill read this item's own upload: the report is the one made for this request.
		expect(bytes.toString()).toBe(`emulated report.xlsx from: ${regions[i]}.csv\n`);
		expect(items[i].json).toMatchObject({
			result_type: 'succeeded',
			text: `Echo: Make an Excel report for ${regions[i]}`,
			files: [{ file_id: expect.stringMatching(/^file_/), filename: 'report.xlsx', mime_type: XLSX, size_bytes: bytes.length, binary_property: 'report.xlsx' }],
		});
		expect(items[i].json).not.toHaveProperty('created_file_ids');
	}
	// The uploads are deleted once the batch has ended; the reports Claude made stay in the Files API.
	expect(reports().sort()).toEqual(items.map((item) => (item.json.files as any)[0].file_id).sort());
	expect(reports()).toHaveLength(3);
});

test('Create Batch with Download Created Files off lists the file IDs and downloads nothing', async () => {
	const result = await h.run(create({ ...waitFast, downloadCreatedFiles: false }), { input, binary });
	expect(result.error).toBeUndefined();
	const items = result.items[0];
	expect(items.map((item) => item.binary)).toEqual([undefined, undefined, undefined]);
	const ids = items.map((item) => item.json.created_file_ids as string[]);
	ids.forEach((list) => expect(list).toEqual([expect.stringMatching(/^file_/)]));
	expect(ids.map((list) => filesState().get(list[0]).meta.filename)).toEqual(['report.xlsx', 'report.xlsx', 'report.xlsx']);
	expect(items.some((item) => 'files' in item.json)).toBe(false);
	expect(contentDownloads()).toEqual([]);
});

describe('Get Results', () => {
	async function endedSkillBatch(): Promise<string> {
		const created = await h.createBatch(['Make an Excel report', 'Just say hi'], { skills: '={{ $json.q.includes("Excel") ? ["xlsx"] : [] }}' });
		await h.waitEnded(created.id);
		return created.id;
	}

	test('the result that made a file carries it as a binary; reading the results again gives the same file', async () => {
		const id = await endedSkillBatch();
		const first = await h.run({ operation: 'getResults', batchId: byId(id) });
		expect(first.error).toBeUndefined();
		const byCustomId = new Map(first.items[0].map((item, index) => [item.json.custom_id as string, { item, index }]));
		const report = byCustomId.get('item-0')!;
		expect(Object.keys(report.item.binary ?? {})).toEqual(['report.xlsx']);
		expect((await first.binary(report.index, 'report.xlsx')).toString()).toBe('emulated report.xlsx from: no input files\n');
		expect(report.item.json.files).toEqual([expect.objectContaining({ filename: 'report.xlsx', mime_type: XLSX, binary_property: 'report.xlsx' })]);
		// A result that made no file has neither binaries nor a file list.
		const plain = byCustomId.get('item-1')!.item;
		expect(plain.binary).toBeUndefined();
		expect(plain.json).not.toHaveProperty('files');
		expect(plain.json).not.toHaveProperty('created_file_ids');

		const second = await h.run({ operation: 'getResults', batchId: byId(id), options: { downloadCreatedFiles: false } });
		const again = second.json.find((json) => json.custom_id === 'item-0')!;
		expect(again.created_file_ids).toEqual([(report.item.json.files as any)[0].file_id]);
		expect(second.items[0].every((item) => item.binary === undefined)).toBe(true);
		// The file was made once, when the batch's results were first read.
		expect(reports()).toHaveLength(1);
	});

	test('a created file that cannot be downloaded fails that result, naming the file; with Continue On Fail it is an error item paired to its input', async () => {
		const id = await endedSkillBatch();
		const listed = await h.run({ operation: 'getResults', batchId: byId(id), options: { downloadCreatedFiles: false } });
		const [fileId] = listed.json.find((json) => json.custom_id === 'item-0')!.created_file_ids as string[];
		filesState().files.delete(fileId);

		const failed = await h.run({ operation: 'getResults', batchId: byId(id) });
		expect(failed.error?.message).toContain(fileId);
		expect((failed.error as any).description).toContain(`file ${fileId}, which Claude created for the result item-0`);

		const continued = await h.run({ operation: 'getResults', batchId: '={{ $json.id }}' }, { input: [{ id }], continueOnFail: true });
		expect(continued.error).toBeUndefined();
		const items = continued.items[0];
		expect(items).toHaveLength(2);
		const errorItem = items.find((item) => item.json.custom_id === 'item-0')!;
		expect(errorItem.json).toMatchObject({ batch_id: id, file_id: fileId, error: expect.stringContaining(fileId) });
		expect(errorItem.binary).toBeUndefined();
		expect(errorItem.pairedItem).toEqual({ item: 0 });
		expect(items.find((item) => item.json.custom_id === 'item-1')!.json).toMatchObject({ result_type: 'succeeded', text: 'Echo: Just say hi' });
	});
});
