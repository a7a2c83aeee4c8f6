/** Rich events: images and documents from binary data or Files API IDs on Start and Send Message; Define Outcome; both tool result kinds. */
import type { INodeParameters } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsSessions } from '../../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_RESEARCH_AGENT_ID, SEED_SUPPORT_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { accessKeyCredentials } from '../../helpers/credentials';
import { runNode } from '../../helpers/runNode';
import type { BinaryInputs } from '../../helpers/binary';
import { byId, runSessions, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 20 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function runWithBinary(parameters: INodeParameters, binary: BinaryInputs) {
	return runNode({
		node: ClaudeAwsSessions,
		parameters,
		credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
		input: [{}],
		binary: [binary],
	});
}

const startParams = (extra: INodeParameters): INodeParameters => ({
	resource: 'session',
	operation: 'start',
	agent: byId(SEED_RESEARCH_AGENT_ID),
	environment: byId(SEED_ENVIRONMENT_ID),
	...extra,
});

describe('Images and documents', () => {
	it('Start sends binary images, PDFs and text and Files API files before the text, and the agent sees them', async () => {
		const fileId = emulator.state.files.addFile('spec.pdf', 'application/pdf', '%PDF-1.4').id as string;
		const result = await runWithBinary(
			startParams({
				message: 'What is in these?',
				binaryProperties: 'photo, report,notes',
				fileAttachments: { values: [{ fileId, type: 'document' }] },
			}),
			{
				photo: { data: PNG, fileName: 'photo.png', mimeType: 'image/png' },
				report: { data: Buffer.from('%PDF-1.4 report'), fileName: 'report.pdf', mimeType: 'application/pdf' },
				notes: { data: Buffer.from('plain notes'), fileName: 'notes.txt', mimeType: 'text/plain' },
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.json[0].reply).toBe('Agent reply: What is in these? (with 1 image and 3 documents)');
		const content = (wire(emulator, /^\/v1\/sessions$/)[0].json as any).initial_events[0].content;
		expect(content).toEqual([
			{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') } },
			{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from('%PDF-1.4 report').toString('base64') }, title: 'report.pdf' },
			{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain notes' }, title: 'notes.txt' },
			{ type: 'document', source: { type: 'file', file_id: fileId } },
			{ type: 'text', text: 'What is in these?' },
		]);
	});

	it('Send Message carries an image to a running conversation; an expression giving no text leaves the image alone', async () => {
		const started = await runSessions(emulator, startParams({ message: 'first' }));
		const sessionId = started.json[0].session_id as string;
		const sent = await runWithBinary({ resource: 'session', operation: 'sendMessage', sessionId: byId(sessionId), message: "={{ '' }}", binaryProperties: 'data' }, { data: { data: PNG, fileName: 'a.png', mimeType: 'image/png' } });
		expect(sent.error).toBeUndefined();
		expect(sent.json[0]).toMatchObject({ session_id: sessionId, reply: 'Agent reply:  (with 1 image and 0 documents)' });
	});

	it('a binary that Claude cannot read, a missing binary property and a bad file ID fail before any request, naming the field and the item', async () => {
		const zip = await runWithBinary(startParams({ message: 'x', binaryProperties: 'data' }), { data: { data: Buffer.from('PK'), fileName: 'a.zip', mimeType: 'application/zip' } });
		expect(zip.error?.message).toContain('Attachments (Binary Properties): binary property "data" is application/zip (a.zip), which Claude cannot read (item 0)');
		const missing = await runWithBinary(startParams({ message: 'x', binaryProperties: 'photo' }), { data: { data: PNG, mimeType: 'image/png' } });
		expect(missing.error?.message).toContain('Attachments (Binary Properties): the input item has no binary property "photo" (item 0)');
		const badId = await runSessions(emulator, startParams({ message: 'x', fileAttachments: { values: [{ fileId: '..', type: 'image' }] } }));
		expect(badId.error?.message).toContain('Attachments (Files API): file 1: ".." is not a file ID (item 0)');
		const empty = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId('sesn_01Any'), message: '  ' });
		expect(empty.error?.message).toContain('Message: is empty (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});
});

describe('Define Outcome', () => {
	it('sends user.define_outcome with its rubric and waits for the turn', async () => {
		const started = await runSessions(emulator, startParams({ message: 'ready' }));
		const sessionId = started.json[0].session_id as string;
		const result = await runSessions(emulator, {
			resource: 'session',
			operation: 'defineOutcome',
			sessionId: byId(sessionId),
			outcome: 'A haiku about the sea',
			rubric: 'Three lines, 5-7-5.',
			maxIterations: 5,
			options: { includeEvents: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ session_id: sessionId, reply: 'Agent reply: A haiku about the sea', stop_reason: 'end_turn' });
		const sent = (wire(emulator, /\/events$/).find((r) => r.method === 'POST')!.json as any).events[0];
		expect(sent).toEqual({ type: 'user.define_outcome', description: 'A haiku about the sea', rubric: { type: 'text', content: 'Three lines, 5-7-5.' }, max_iterations: 5 });
		const echo = (emulator.state.sessions.get(sessionId).events as any[]).find((e) => e.type === 'user.define_outcome');
		expect(echo?.outcome_id).toMatch(/^outc_/);
		expect((result.json[0].events as any[]).map((e) => e.type)).toEqual(['session.status_running', 'agent.message', 'session.status_idle']);
	});

	it('takes a rubric file and refuses a bad rubric file ID or too many iterations before any request', async () => {
		const fileRubric = await runSessions(emulator, { resource: 'session', operation: 'defineOutcome', sessionId: byId('sesn_01Any'), outcome: 'x', rubricSource: 'file', rubricFileId: 'a b' });
		expect(fileRubric.error?.message).toContain('Rubric File ID: "a b" is not a file ID (item 0)');
		const noRubric = await runSessions(emulator, { resource: 'session', operation: 'defineOutcome', sessionId: byId('sesn_01Any'), outcome: 'x', rubric: "={{ '' }}" });
		expect(noRubric.error?.message).toContain('Rubric: is empty (item 0)');
		const many = await runSessions(emulator, { resource: 'session', operation: 'defineOutcome', sessionId: byId('sesn_01Any'), outcome: 'x', rubric: 'y', maxIterations: 21 });
		expect(many.error?.message).toContain('Max Iterations: must be a whole number from 0 to 20 (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});
});

describe('Send Tool Result, both kinds', () => {
	it('answers an agent.custom_tool_use with user.custom_tool_result (the default, as saved workflows have it)', async () => {
		const started = await runSessions(emulator, { ...startParams({ message: 'please lookup_order 42' }), agent: byId(SEED_SUPPORT_AGENT_ID) });
		const pending = (started.json[0].pending_tool_uses as any[])[0];
		expect(pending).toMatchObject({ type: 'agent.custom_tool_use', answer_with: 'sendToolResult' });
		const answered = await runSessions(emulator, { resource: 'session', operation: 'sendToolResult', sessionId: byId(started.json[0].session_id as string), toolUseId: pending.id, result: 'shipped' });
		expect(answered.json[0].reply).toBe('Agent reply: tool said shipped');
		expect((wire(emulator, /\/events$/).find((r) => r.method === 'POST')!.json as any).events[0]).toEqual({ type: 'user.custom_tool_result', custom_tool_use_id: pending.id, content: [{ type: 'text', text: 'shipped' }] });
	});

	it('answers an agent.tool_use with user.tool_result, with an image as the result', async () => {
		const started = await runSessions(emulator, startParams({ message: 'run it [[agent_tool]]' }));
		const pending = (started.json[0].pending_tool_uses as any[])[0];
		expect(pending).toMatchObject({ type: 'agent.tool_use', name: 'bash' });
		const answered = await runWithBinary(
			{ resource: 'session', operation: 'sendToolResult', sessionId: byId(started.json[0].session_id as string), toolKind: 'tool', toolUseId: pending.id, result: 'Tue', binaryProperties: 'shot' },
			{ shot: { data: PNG, fileName: 'shot.png', mimeType: 'image/png' } },
		);
		expect(answered.error).toBeUndefined();
		expect(answered.json[0].reply).toBe('Agent reply: tool said Tue');
		const event = (wire(emulator, /\/events$/).find((r) => r.method === 'POST')!.json as any).events[0];
		expect(event).toEqual({
			type: 'user.tool_result',
			tool_use_id: pending.id,
			content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') } }, { type: 'text', text: 'Tue' }],
		});
		const wrongKind = await runSessions(emulator, { resource: 'session', operation: 'sendToolResult', sessionId: byId(started.json[0].session_id as string), toolKind: 'tool', toolUseId: 'sevt_01NotPending', result: 'x' });
		expect(wrongKind.error?.message).toMatch(/400.*not a pending agent.tool_use/);
	});
});
