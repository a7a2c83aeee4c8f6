/**
 * examples/10 in a real n8n: a PDF, a Word document and a CSV (made by a Code node) go into one Message Batch.
 * The PDF and the CSV are answered with citations, the Word document through the docx skill from a file the
 * node uploaded; every answer lands on the document that asked for it (the emulator shuffles batch results).
 */
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf, pairedIndexes } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();
const WORKFLOW_ID = 'exMixedDocBatch1';
const prompt = (title: string) => `Echo: What are the key facts and figures in "${title}"? Quote the document for each one.`;

beforeAll(async () => {
	await api.login();
	await clearReceived();
});

test('one answer per document, paired to it; citations with the cited text and title for the PDF and the CSV; an answer for the DOCX', async () => {
	const execution = await api.runWorkflow(WORKFLOW_ID, 'Run', 120_000);
	expectSuccess(execution);

	const results = outputOf(execution, 'Ask in a Batch');
	expect(pairedIndexes(results)).toEqual([0, 1, 2]);
	expect(results.map((item) => item.json.result_type)).toEqual(['succeeded', 'succeeded', 'succeeded']);

	const answers = outputOf(execution, 'Answer per Document').map((item) => item.json);
	expect(answers).toEqual([
		{
			title: 'Quarterly report',
			kind: 'pdf',
			result: 'succeeded',
			answer: `${prompt('Quarterly report')} [1 document]`,
			citations: [{ cited_text: 'Page 1 of quarterly-report.pdf', document_title: 'quarterly-report.pdf' }],
		},
		{ title: 'Board minutes', kind: 'docx', result: 'succeeded', answer: prompt('Board minutes'), citations: [] },
		{
			title: 'Revenue by region',
			kind: 'csv',
			result: 'succeeded',
			answer: `${prompt('Revenue by region')} [1 document]`,
			citations: [{ cited_text: 'region,quarter,revenue_eur\nnorth,Q3,6400', document_title: 'revenue-by-region.csv' }],
		},
	]);
	expect(results[1].json.container_id).toMatch(/^container_/);
	// The file the docx skill made (the emulator's skill always makes one) is a binary of the DOCX's result.
	expect(Object.keys(results[1].binary ?? {})).toEqual(['report.docx']);
	expect(results[1].json.files).toEqual([expect.objectContaining({ filename: 'report.docx', binary_property: 'report.docx' })]);
	expect(results[0].binary).toBeUndefined();

	const wire = await received();
	const [create] = wire.filter((request) => request.method === 'POST' && request.path === '/v1/messages/batches');
	const params = (create.json.requests as Array<{ params: any }>).map((request) => request.params);
	expect(params[1].messages[0].content[0]).toEqual({ type: 'container_upload', file_id: expect.stringMatching(/^file_/) });
	expect(params[1].container).toMatchObject({ skills: [expect.objectContaining({ skill_id: 'docx' })] });
	expect(params[2].messages[0].content[0].source).toMatchObject({ type: 'text', media_type: 'text/plain' });
	// Only the DOCX was uploaded, before the batch was created, and it was deleted once the batch had ended
	// (after the results, and the report the skill made, were read).
	const paths = wire.map((request) => `${request.method} ${request.path}`);
	const fileId = params[1].messages[0].content[0].file_id;
	const reportId = (results[1].json.files as Array<{ file_id: string }>)[0].file_id;
	expect(paths.filter((path) => path.includes('/v1/files'))).toEqual([
		'POST /v1/files',
		`GET /v1/files/${reportId}`,
		`GET /v1/files/${reportId}/content`,
		`DELETE /v1/files/${fileId}`,
	]);
	expect(paths.indexOf('POST /v1/files')).toBeLessThan(paths.indexOf('POST /v1/messages/batches'));
	expect(paths.indexOf(`DELETE /v1/files/${fileId}`)).toBeGreaterThan(paths.findIndex((path) => path.endsWith('/results')));
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});
