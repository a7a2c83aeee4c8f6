/** Agent Skills, container reuse and the files Claude makes: "a CSV in, an Excel report out" in one node. */
import { send, useHarness } from './harness';

const h = useHarness();
beforeEach(() => (h.emulator.state.files as any).files.clear());

const CSV = { data: Buffer.from('region,sales\nnorth,10\nsouth,20\n'), fileName: 'sales.csv', mimeType: 'text/csv' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const stored = () => [...(h.emulator.state.files as any).files.values()].map((file: any) => file.meta.filename);

test('a CSV in, an Excel report out: the xlsx skill gets the upload, the report is a binary of the output item', async () => {
	const result = await h.run(send({ prompt: 'Make an Excel report of these sales', binaryProperties: 'data', skills: ['xlsx'] }), { binary: [{ data: CSV }] });
	expect(result.error).toBeUndefined();
	const [request] = h.requests();
	expect(request.json.container).toEqual({ skills: [{ type: 'anthropic', skill_id: 'xlsx', version: 'latest' }] });
	expect(request.json.tools).toEqual([{ type: 'code_execution_20260521', name: 'code_execution' }]);
	expect(request.json.messages[0].content[0]).toEqual({ type: 'container_upload', file_id: expect.stringMatching(/^file_/) });

	const [item] = result.items[0];
	expect(Object.keys(item.binary ?? {})).toEqual(['report.xlsx']);
	const report = item.binary!['report.xlsx'];
	expect(report).toMatchObject({ fileName: 'report.xlsx', mimeType: XLSX });
	const bytes = await result.binary(0, 'report.xlsx');
	expect(bytes.toString()).toBe('emulated report.xlsx from: sales.csv\n');
	expect(item.json).toMatchObject({
		text: 'Echo: Make an Excel report of these sales',
		container_id: expect.stringMatching(/^container_/),
		files: [{ file_id: expect.stringMatching(/^file_/), filename: 'report.xlsx', mime_type: XLSX, size_bytes: bytes.length, binary_property: 'report.xlsx' }],
	});
	// The uploaded CSV is deleted after the item; the report Claude made stays in the Files API.
	expect(stored()).toEqual(['report.xlsx']);
});

test('several skills make several files; Download Created Files off leaves them as IDs', async () => {
	const result = await h.run(send({ skills: ['docx', 'pptx'], options: { downloadCreatedFiles: false } }));
	expect(result.error).toBeUndefined();
	expect(result.items[0][0].binary).toBeUndefined();
	expect(result.json[0].created_file_ids).toEqual([expect.stringMatching(/^file_/), expect.stringMatching(/^file_/)]);
	expect(h.emulator.received.filter((r) => r.path.endsWith('/content'))).toEqual([]);
});

const seedSkill = (id: string) => (h.emulator.state.skills as any).skills.set(id, { type: 'skill', id, display_name: id, latest_version_id: '1', source: { type: 'custom' }, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });

test('custom skills by ID (and version, from the list or by ID), with the code execution tool only once', async () => {
	seedSkill('skill_01AbCd');
	seedSkill('skill_02Ef');
	const result = await h.run(
		send({ builtInTools: { codeExecution: true }, customSkills: { values: [{ skillId: { __rl: true, mode: 'list', value: 'skill_01AbCd' }, version: '3' }, { skillId: 'skill_02Ef' }] } }),
	);
	expect(result.error).toBeUndefined();
	const [request] = h.requests();
	expect(request.json.container.skills).toEqual([{ type: 'custom', skill_id: 'skill_01AbCd', version: '3' }, { type: 'custom', skill_id: 'skill_02Ef' }]);
	expect(request.json.tools.filter((tool: any) => tool.name === 'code_execution')).toHaveLength(1);
});

test('Container ID continues in an earlier container; the output names it', async () => {
	const first = await h.run(send({ skills: ['pdf'], options: { downloadCreatedFiles: false } }));
	const containerId = first.json[0].container_id as string;
	const second = await h.run(send({ builtInTools: { codeExecution: true }, options: { containerId: '={{ $json.container_id }}' } }), { input: [{ container_id: containerId }] });
	expect(second.error).toBeUndefined();
	expect(h.requests()[1].json.container).toEqual({ id: containerId });
	expect(second.json[0].container_id).toBe(containerId);
});

test('raw output (Simplify off) also carries the created files as binaries', async () => {
	const result = await h.run(send({ skills: ['xlsx'], simplify: false }));
	expect(result.error).toBeUndefined();
	expect(result.json[0].container).toMatchObject({ id: expect.stringMatching(/^container_/) });
	expect(Object.keys(result.items[0][0].binary ?? {})).toEqual(['report.xlsx']);
});

describe.each([
	['a custom skill without an ID', { customSkills: { values: [{ skillId: '' }] } }, 'Custom Skills: skill 1 has no Skill ID (item 0)'],
	['a custom skill ID with a slash', { customSkills: { values: [{ skillId: '../skill' }] } }, 'Custom Skills: "../skill" is not a skill ID (item 0)'],
	['a skill that is not Anthropic\'s', { skills: '={{ ["xlsx", "csv"] }}' }, 'Skills: "csv" is not one of Anthropic\'s skills (item 0)'],
	['a container ID with spaces', { options: { containerId: 'my container' } }, 'Container ID: "my container" is not a container ID (item 0)'],
	['container in Additional Body Fields', { options: { additionalBodyFields: '{"container": "x"}' } }, 'Additional Body Fields (JSON): "container" is set by Skills / Custom Skills / Container ID (item 0)'],
])('%s', (_name, parameters, message) => {
	test('fails before any request, naming the parameter and the item', async () => {
		const result = await h.run(send(parameters as any));
		expect(result.error?.message).toBe(message);
		expect(h.emulator.received).toEqual([]);
	});
});

test('a custom skill that does not exist is named before the message is sent', async () => {
	const result = await h.run(send({ customSkills: { values: [{ skillId: { __rl: true, mode: 'id', value: 'skill_missing' } }] } }));
	expect(result.error?.message).toBe('Custom Skills: there is no skill "skill_missing" in this workspace (item 0)');
	expect(h.requests()).toEqual([]);
	expect(h.emulator.received.filter((r) => r.method === 'POST')).toEqual([]);
});

test('the Custom Skills list is served by the Skills API', () => {
	const { ClaudeAws } = require('../../../nodes/ClaudeAws/ClaudeAws.node');
	expect(typeof new ClaudeAws().methods.listSearch.searchSkills).toBe('function');
});
