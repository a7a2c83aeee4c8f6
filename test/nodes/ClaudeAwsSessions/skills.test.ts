/** Skills and skill versions through the Agents node: uploads (zip or files, streamed multipart), lists, downloads, bad input. */
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_ANTHROPIC_SKILL_ID } from '../../emulator/resources/skills';
import { readZip, writeZip } from '../../emulator/zip';
import type { INodeParameters } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsSessions } from '../../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node';
import { accessKeyCredentials } from '../../helpers/credentials';
import { runNode } from '../../helpers/runNode';
import type { BinaryInputs } from '../../helpers/binary';
import { byId, runSessions as runPlain, wire } from './helpers';

/** The Agents node with binary input files (runSessions has no binary input). */
function runSessions(em: Emulator, parameters: INodeParameters, options: { binary?: BinaryInputs[] } = {}) {
	if (!options.binary) return runPlain(em, parameters);
	return runNode({ node: ClaudeAwsSessions, parameters, credentials: { claudePlatformAwsApi: accessKeyCredentials(em) }, credentialTypes: [ClaudePlatformAwsApi], binary: options.binary });
}

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

const skillCalls = () => wire(emulator, /^\/v1\/skills/);
const skillMd = (name: string, description: string) => Buffer.from(`---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\nSteps.\n`);

function zipOf(folder: string, name = folder, description = 'Summarises invoices') {
	return writeZip([
		{ path: `${folder}/SKILL.md`, data: skillMd(name, description) },
		{ path: `${folder}/scripts/total.py`, data: Buffer.from('print(42)\n') },
	]);
}

async function createFromZip(zip: Buffer, extra: Record<string, unknown> = {}) {
	return runSessions(emulator, { resource: 'skill', operation: 'create', skillSource: 'zip', binaryPropertyName: 'data', ...extra }, { binary: [{ data: { data: zip, fileName: 'invoice-summary.zip', mimeType: 'application/zip' } }] });
}

describe('Skills', () => {
	it('creates a skill from a zip (streamed multipart files[]), gets it, lists it by source, and deletes it with its versions', async () => {
		const created = await createFromZip(zipOf('invoice-summary'), { additionalFields: { displayTitle: 'Invoice summary' } });
		expect(created.error).toBeUndefined();
		const skill = created.json[0];
		expect(skill).toMatchObject({ type: 'skill', display_name: 'Invoice summary', source: { type: 'custom' }, latest_version_id: expect.any(String) });
		const upload = skillCalls()[0];
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.headers['anthropic-beta']).toBeUndefined();

		const got = await runSessions(emulator, { resource: 'skill', operation: 'get', skillId: byId(skill.id as string) });
		expect(got.json[0]).toEqual(skill);
		const custom = await runSessions(emulator, { resource: 'skill', operation: 'list', returnAll: true, skillListSource: 'custom' });
		expect(custom.json.map((s) => s.id)).toContain(skill.id);
		expect(custom.json.map((s) => s.id)).not.toContain(SEED_ANTHROPIC_SKILL_ID);
		const one = await runSessions(emulator, { resource: 'skill', operation: 'list', limit: 1 });
		expect(one.json).toHaveLength(1);

		const refused = await runSessions(emulator, { resource: 'skill', operation: 'delete', skillId: byId(skill.id as string) });
		expect(refused.error?.message).toMatch(/still has 1 version/);
		const deleted = await runSessions(emulator, { resource: 'skill', operation: 'delete', skillId: byId(skill.id as string), deleteVersions: true });
		expect(deleted.json[0]).toEqual({ id: skill.id, type: 'skill_deleted' });
		const gone = await runSessions(emulator, { resource: 'skill', operation: 'get', skillId: byId(skill.id as string) });
		expect(gone.error?.message).toContain('404');
	});

	it("creates a skill from several binary files, keeping their folders (the files' common folder or Folder Name)", async () => {
		const result = await runSessions(
			emulator,
			{ resource: 'skill', operation: 'create', skillSource: 'files', binaryPropertyNames: '' },
			{
				binary: [
					{
						skill: { data: skillMd('report-writer', 'Writes reports'), fileName: 'home/me/report-writer/SKILL.md', mimeType: 'text/markdown' },
						script: { data: Buffer.from('echo hi\n'), fileName: 'home/me/report-writer/bin/run.sh', mimeType: 'text/x-shellscript' },
					},
				],
			},
		);
		expect(result.error).toBeUndefined();
		const skill = result.json[0];
		expect(skill.display_name).toBe('report-writer');
		const { files } = emulator.state.skills.version(skill.id, skill.latest_version_id);
		expect(files.map((f: { path: string }) => f.path).sort()).toEqual(['report-writer/SKILL.md', 'report-writer/bin/run.sh']);

		const renamed = await runSessions(
			emulator,
			{ resource: 'skill', operation: 'create', skillSource: 'files', binaryPropertyNames: 'md', folderName: 'quick-notes' },
			{ binary: [{ md: { data: skillMd('quick-notes', 'Takes notes'), fileName: 'SKILL.md', mimeType: 'text/markdown' } }] },
		);
		expect(renamed.json[0]).toMatchObject({ display_name: 'quick-notes' });
	});

	it('refuses an upload that is not a zip or not a skill folder before any request, naming the field and the item', async () => {
		const notZip = await runSessions(emulator, { resource: 'skill', operation: 'create', skillSource: 'zip' }, { binary: [{ data: { data: Buffer.from('hello'), fileName: 'notes.txt', mimeType: 'text/plain' } }] });
		expect(notZip.error?.message).toMatch(/Input Binary Field: "notes.txt" \(text\/plain\) is not a zip archive \(item 0\)/);
		const missing = await runSessions(emulator, { resource: 'skill', operation: 'create', skillSource: 'zip', binaryPropertyName: 'archive' }, { binary: [{ data: { data: zipOf('x'), fileName: 'x.zip', mimeType: 'application/zip' } }] });
		expect(missing.error?.message).toMatch(/no binary field "archive"/);
		const noSkillMd = await runSessions(emulator, { resource: 'skill', operation: 'create', skillSource: 'files', folderName: 'my-skill' }, { binary: [{ a: { data: Buffer.from('x'), fileName: 'README.md', mimeType: 'text/markdown' } }] });
		expect(noSkillMd.error?.message).toMatch(/no SKILL.md at the root of the folder "my-skill"/);
		const noFolder = await runSessions(emulator, { resource: 'skill', operation: 'create', skillSource: 'files' }, { binary: [{ a: { data: skillMd('a', 'b'), fileName: 'SKILL.md', mimeType: 'text/markdown' } }] });
		expect(noFolder.error?.message).toMatch(/Folder Name: is empty/);
		const nothing = await runSessions(emulator, { resource: 'skill', operation: 'create', skillSource: 'files' });
		expect(nothing.error?.message).toMatch(/Input Binary Fields: the item has no binary files/);
		const badId = await runSessions(emulator, { resource: 'skillVersion', operation: 'get', skillId: byId('skill_01X'), skillVersion: byId('..') });
		expect(badId.error?.message).toMatch(/Version: .*not a skill version ID/);
		expect(skillCalls()).toEqual([]);
	});

	it("the API's refusals reach the user: a zip without SKILL.md, a version whose SKILL.md names another skill", async () => {
		const bad = await createFromZip(writeZip([{ path: 'x/readme.md', data: Buffer.from('hi') }]));
		expect(bad.error?.message).toMatch(/400 invalid_request_error: files: SKILL.md is required/);
		const skill = (await createFromZip(zipOf('alpha'))).json[0];
		const other = await runSessions(emulator, { resource: 'skillVersion', operation: 'create', skillId: byId(skill.id as string), skillSource: 'zip' }, { binary: [{ data: { data: zipOf('beta'), fileName: 'beta.zip', mimeType: 'application/zip' } }] });
		expect(other.error?.message).toMatch(/does not match the skill's name 'alpha'/);
	});
});

describe('Skill versions', () => {
	it('creates a new version (latest moves), lists, gets, downloads it as a zip into binary data, and deletes it', async () => {
		const skill = (await createFromZip(zipOf('invoice-summary'))).json[0];
		const v2 = await runSessions(
			emulator,
			{ resource: 'skillVersion', operation: 'create', skillId: byId(skill.id as string), skillSource: 'zip' },
			{ binary: [{ data: { data: zipOf('invoice-summary', 'invoice-summary', 'Summarises invoices, now with VAT'), fileName: 'v2.zip', mimeType: 'application/zip' } }] },
		);
		expect(v2.json[0]).toMatchObject({ type: 'skill_version', skill_id: skill.id, name: 'invoice-summary', description: 'Summarises invoices, now with VAT' });
		expect(Number(v2.json[0].id)).toBeGreaterThan(Number(skill.latest_version_id));
		const after = await runSessions(emulator, { resource: 'skill', operation: 'get', skillId: byId(skill.id as string) });
		expect(after.json[0].latest_version_id).toBe(v2.json[0].id);

		const listed = await runSessions(emulator, { resource: 'skillVersion', operation: 'list', skillId: byId(skill.id as string), returnAll: true });
		expect(listed.json.map((v) => v.id)).toEqual([v2.json[0].id, skill.latest_version_id]);
		const got = await runSessions(emulator, { resource: 'skillVersion', operation: 'get', skillId: byId(skill.id as string), skillVersion: byId(v2.json[0].id as string) });
		expect(got.json[0]).toEqual(v2.json[0]);

		const download = await runSessions(emulator, { resource: 'skillVersion', operation: 'download', skillId: byId(skill.id as string), skillVersion: byId(v2.json[0].id as string), binaryPropertyName: 'zip' });
		expect(download.error).toBeUndefined();
		expect(download.items[0][0].binary!.zip).toMatchObject({ fileName: 'invoice-summary.zip', mimeType: 'application/zip' });
		const entries = readZip(await download.binary(0, 'zip'));
		expect(entries.map((e) => e.path).sort()).toEqual(['invoice-summary/SKILL.md', 'invoice-summary/scripts/total.py']);
		expect(entries.find((e) => e.path.endsWith('SKILL.md'))!.data.toString()).toContain('now with VAT');
		expect(wire(emulator, /\/content$/)[0].headers.accept).toBe('application/binary');

		const deleted = await runSessions(emulator, { resource: 'skillVersion', operation: 'delete', skillId: byId(skill.id as string), skillVersion: byId(v2.json[0].id as string) });
		expect(deleted.json[0]).toEqual({ id: v2.json[0].id, type: 'skill_version_deleted' });
		const gone = await runSessions(emulator, { resource: 'skillVersion', operation: 'get', skillId: byId(skill.id as string), skillVersion: byId(v2.json[0].id as string) });
		expect(gone.error?.message).toContain('404');
	});
});
