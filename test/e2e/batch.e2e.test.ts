/**
 * examples/04: documents => Files upload => one Message Batch (Wait Until Ended, Output Results) => a Set node
 * that reads the ORIGINAL document through pairing. The emulator returns batch results shuffled, so correct
 * titles next to correct summaries prove the pairing.
 */
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf, pairedIndexes } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();
const TITLES = ['Supply contract', 'Office lease', 'Support agreement'];

beforeAll(async () => {
	await api.login();
	await clearReceived();
});

test('one batch for all documents; each summary lands on the document that asked for it', async () => {
	const execution = await api.runWorkflow('exDocBatch000001', 'Run', 120_000);
	expectSuccess(execution);

	const uploads = outputOf(execution, 'Upload');
	const results = outputOf(execution, 'Summarize in a Batch');
	expect(pairedIndexes(results)).toEqual([0, 1, 2]);
	expect(results.map((item) => [item.json.custom_id, item.json.result_type])).toEqual([
		['item-0', 'succeeded'],
		['item-1', 'succeeded'],
		['item-2', 'succeeded'],
	]);

	const summaries = outputOf(execution, 'Summary per Document');
	expect(summaries.map((item) => item.json)).toEqual(
		TITLES.map((title, index) => ({
			title,
			file_id: uploads[index].json.id,
			result: 'succeeded',
			summary: `Echo: Summarize the ${title} in one sentence. [1 document]`,
		})),
	);

	const wire = await received();
	const creates = wire.filter((request) => request.method === 'POST' && request.path === '/v1/messages/batches');
	expect(creates).toHaveLength(1);
	const requests = creates[0].json.requests as Array<{ custom_id: string; params: { messages: Array<{ content: Array<{ type: string; source?: unknown }> }> } }>;
	expect(requests.map((request) => request.custom_id)).toEqual(['item-0', 'item-1', 'item-2']);
	expect(requests.map((request) => request.params.messages[0].content.find((block) => block.type === 'document')?.source)).toEqual(
		uploads.map((upload) => ({ type: 'file', file_id: upload.json.id })),
	);
	// The results file was downloaded once, after the batch had ended.
	expect(wire.filter((request) => /\/v1\/messages\/batches\/[^/]+\/results$/.test(request.path))).toHaveLength(1);
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});
