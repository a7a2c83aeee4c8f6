/**
 * examples/09 in a real n8n: a CSV from a Code node goes into Send Message with the xlsx skill; the node
 * uploads it for code execution, and the report Claude makes comes back as a binary property of the item.
 */
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();
const WORKFLOW_ID = 'exSkillsXlsx01';

beforeAll(async () => {
	await api.login();
	await clearReceived();
});

test('a CSV in, an Excel report out: report.xlsx on the output item, the upload deleted afterwards', async () => {
	const execution = await api.runWorkflow(WORKFLOW_ID, 'Run');
	expectSuccess(execution);
	const [report] = outputOf(execution, 'Excel Report');
	expect(Object.keys(report.binary ?? {})).toEqual(['report.xlsx']);
	expect(report.binary?.['report.xlsx']).toMatchObject({ fileName: 'report.xlsx' });
	expect(report.json).toMatchObject({ container_id: expect.stringMatching(/^container_/), files: [expect.objectContaining({ filename: 'report.xlsx' })] });

	const wire = await received();
	const message = wire.find((request) => request.method === 'POST' && request.path === '/v1/messages');
	expect(JSON.stringify(message?.json)).toContain('"container_upload"');
	expect(message?.json?.container).toMatchObject({ skills: [expect.objectContaining({ skill_id: 'xlsx' })] });
	// The CSV went up to the Files API for the container and, with Delete Uploaded Files on, was deleted after the item.
	const uploads = wire.filter((request) => request.method === 'POST' && request.path === '/v1/files');
	const deletes = wire.filter((request) => request.method === 'DELETE' && request.path.startsWith('/v1/files/'));
	expect(uploads).toHaveLength(1);
	expect(deletes).toHaveLength(1);
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});
