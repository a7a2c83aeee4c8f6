/** Documents of any type: with code execution, a file Claude cannot read directly is uploaded and attached as container_upload. */
import { containerUploadLimits } from '../../../nodes/shared/messageForm/containerFiles';
import { send, useHarness } from './harness';

const h = useHarness();
const defaults = { ...containerUploadLimits };
afterEach(() => Object.assign(containerUploadLimits, defaults));
beforeEach(() => (h.emulator.state.files as any).files.clear());

const CSV = { data: Buffer.from('region,sales\nnorth,10\nsouth,20\n'), fileName: 'sales.csv', mimeType: 'text/csv' };
const XLSX = { data: Buffer.from('PK\u0003\u0004 not really a workbook'), fileName: 'sales.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const withCode = (extra: Record<string, unknown> = {}) => send({ prompt: 'Summarize the sales', binaryProperties: 'data', builtInTools: { codeExecution: true }, ...extra });
const stored = () => [...(h.emulator.state.files as any).files.values()].map((file: any) => file.meta.filename);

test('the CSV is uploaded to the Files API, attached as container_upload before the prompt, and deleted after the item', async () => {
	const result = await h.run(withCode(), { binary: [{ data: CSV }] });
	expect(result.error).toBeUndefined();
	const [upload] = h.emulator.received.filter((r) => r.method === 'POST' && r.path === '/v1/files');
	expect(upload.headers['content-type']).toMatch(/^multipart\/form-data/);
	const [message] = h.requests();
	const fileId = message.json.messages[0].content[0].file_id;
	expect(message.json.messages[0].content).toEqual([{ type: 'container_upload', file_id: expect.stringMatching(/^file_/) }, { type: 'text', text: 'Summarize the sales' }]);
	expect(message.json.tools).toEqual([{ type: 'code_execution_20260521', name: 'code_execution' }]);
	expect(h.emulator.received.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/v1/files/${fileId}`]);
	expect(stored()).toEqual([]);
	expect(result.json[0].text).toBe('Echo: Summarize the sales');
});

test('with Delete Uploaded Files off the upload stays', async () => {
	const result = await h.run(withCode({ options: { deleteUploadedFiles: false } }), { binary: [{ data: CSV }] });
	expect(result.error).toBeUndefined();
	expect(stored()).toEqual(['sales.csv']);
	expect(h.emulator.received.filter((r) => r.method === 'DELETE')).toEqual([]);
});

test('an upload is deleted even when the message then fails', async () => {
	h.emulator.faults.inject({ method: 'POST', path: '/v1/messages', fault: { type: 'status', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'Bad' } } } });
	const result = await h.run(withCode(), { binary: [{ data: CSV }] });
	expect(result.error).toBeDefined();
	expect(stored()).toEqual([]);
});

test('a Files API file can be attached for code execution by its ID', async () => {
	const file = (h.emulator.state.files as any).addFile('data.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK');
	const result = await h.run(send({ builtInTools: { codeExecution: true }, fileAttachments: { values: [{ fileId: file.id, type: 'container_upload' }] } }));
	expect(result.error).toBeUndefined();
	expect(h.requests()[0].json.messages[0].content[0]).toEqual({ type: 'container_upload', file_id: file.id });
});

test('without code execution a CSV (any text/* file) is read as a plain-text document, which can be cited; nothing is uploaded', async () => {
	const result = await h.run(send({ prompt: 'Which region sold most?', binaryProperties: 'data', binaryCitations: true }), { binary: [{ data: CSV }] });
	expect(result.error).toBeUndefined();
	expect(h.requests()[0].json.messages[0].content[0]).toEqual({ type: 'document', source: { type: 'text', media_type: 'text/plain', data: CSV.data.toString() }, title: 'sales.csv', citations: { enabled: true } });
	expect(h.emulator.received.filter((r) => r.path.startsWith('/v1/files'))).toEqual([]);
	expect(result.json[0].citations).toEqual([expect.objectContaining({ type: 'char_location', cited_text: 'region,sales\nnorth,10\nsouth,20\n', document_index: 0, document_title: 'sales.csv' })]);
});

describe('bad input, before any request', () => {
	test('without code execution the error says how to turn it on', async () => {
		const result = await h.run(send({ binaryProperties: 'data' }), { binary: [{ data: XLSX }] });
		expect(result.error?.message).toBe(`Attachments (Binary Properties): binary property "data" is ${XLSX.mimeType} (sales.xlsx), which Claude cannot read without code execution (item 0)`);
		expect((result.error as any).description).toMatch(/turn on Built-in Tools > Code Execution or pick a Skill/);
		expect(h.emulator.received).toEqual([]);
	});

	test('Count Tokens does not upload', async () => {
		const result = await h.run({ resource: 'message', operation: 'countTokens', prompt: 'x', binaryProperties: 'data', builtInTools: { codeExecution: true } }, { binary: [{ data: CSV }] });
		expect(result.error?.message).toMatch(/^Attachments \(Binary Properties\): binary property "data" is text\/csv \(sales.csv\): Count Tokens does not upload files/);
		expect(h.emulator.received).toEqual([]);
	});

	test('a file over the Files limit', async () => {
		containerUploadLimits.maxBytes = 10;
		const result = await h.run(withCode(), { binary: [{ data: CSV }] });
		expect(result.error?.message).toMatch(/^Attachments \(Binary Properties\): binary property "data" is .+ more than the Files API's limit/);
		expect(h.emulator.received).toEqual([]);
	});
});
