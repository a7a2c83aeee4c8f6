/**
 * examples/03: Files node upload (binary from n8n's Convert to File) => Messages node referring to the file by
 * ID => Files node delete. (Download is not in the example: the real API only lets you download files a
 * tool created, so an upload => download example would fail on a real account.)
 */
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf, pairedIndexes } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();
const NOTES = [
	{ name: 'standup-monday.txt', text: 'Standup, Monday\n- Ada ships the invoice export on Wednesday\n- Grace reviews the API rate limits\n' },
	{ name: 'retro-friday.txt', text: 'Retro, Friday\n- Keep: pairing on incidents\n- Change: fewer meetings on Thursday\n' },
];

beforeAll(async () => {
	await api.login();
	await clearReceived();
});

test('uploads each binary, asks about it by file ID, deletes it; every step paired to its item', async () => {
	const execution = await api.runWorkflow('exFilesRoundTr01', 'Run');
	expectSuccess(execution);

	const uploaded = outputOf(execution, 'Upload');
	expect(pairedIndexes(uploaded)).toEqual([0, 1]);
	expect(uploaded.map((item) => item.json)).toEqual(
		NOTES.map((note) =>
			expect.objectContaining({
				id: expect.stringMatching(/^file_/),
				filename: note.name,
				mime_type: 'text/plain',
				size_bytes: Buffer.byteLength(note.text),
			}),
		),
	);
	const ids = uploaded.map((item) => item.json.id as string);
	expect(new Set(ids).size).toBe(2);

	const answers = outputOf(execution, 'Ask About the File');
	expect(pairedIndexes(answers)).toEqual([0, 1]);
	for (const answer of answers) expect(answer.json.text).toBe('Echo: List the action items in the attached notes. [1 document]');

	const deleted = outputOf(execution, 'Delete');
	expect(pairedIndexes(deleted)).toEqual([0, 1]);
	expect(deleted.map((item) => item.json)).toEqual(ids.map((id) => ({ id, deleted: true })));

	const wire = await received();
	const uploads = wire.filter((request) => request.method === 'POST' && request.path === '/v1/files');
	expect(uploads.map((request) => request.status)).toEqual([200, 200]);
	const messages = wire.filter((request) => request.path === '/v1/messages');
	// Both sides sort the same way (code units): localeCompare on one side only disagreed with the default sort
	// whenever two random IDs differed in case at the deciding character.
	const sources: Array<{ file_id: string }> = messages.map((request) => request.json.messages[0].content.find((block: { type: string }) => block.type === 'document').source);
	const byFileId = (a: { file_id: string }, b: { file_id: string }) => (a.file_id < b.file_id ? -1 : a.file_id > b.file_id ? 1 : 0);
	expect(sources.sort(byFileId)).toEqual([...ids].sort().map((id) => ({ type: 'file', file_id: id })));
	expect(wire.filter((request) => request.method === 'DELETE').map((request) => request.path).sort()).toEqual(ids.map((id) => `/v1/files/${id}`).sort());
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});
