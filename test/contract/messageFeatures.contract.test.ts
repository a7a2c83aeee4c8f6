/**
 * Contract test for the newer Messages features: the official SDK drives the emulator with MCP servers,
 * skills in a container, container_upload, citations and search results, and unknown betas or body fields.
 */
import { BadRequestError, toFile } from '@anthropic-ai/sdk';
import type { Emulator } from '../emulator/types';
import { COUNT_TOKENS_BODY_FIELDS, MESSAGE_BODY_FIELDS } from '../emulator/resources/messageBetas';
import { createShapeChecker, type ShapeChecker } from './sdkShapes';
import { startContractEmulator, type Clients, rejection } from './harness';

const MODEL = 'claude-sonnet-4-6';
let emulator: Emulator;
let clients: Clients;
let shapes: ShapeChecker;

beforeAll(async () => {
	shapes = createShapeChecker();
	({ emulator, clients } = await startContractEmulator());
});
afterAll(async () => emulator?.close());

test("the emulator's body fields cover the SDK's MessageCreateParams and MessageCountTokensParams", () => {
	const headerParams = ['betas', 'user_profile_id', 'workspace_id'];
	const create = shapes.propertyNames('MessageCreateParams').filter((name) => !headerParams.includes(name));
	expect(create.filter((name) => !MESSAGE_BODY_FIELDS.has(name))).toEqual([]);
	const count = shapes.propertyNames('MessageCountTokensParams').filter((name) => !headerParams.includes(name));
	expect(count.filter((name) => !COUNT_TOKENS_BODY_FIELDS.has(name))).toEqual([]);
});

test('an unknown beta and an unknown body field are BadRequestErrors (400 invalid_request_error)', async () => {
	const beta = await rejection(clients.sigv4.beta.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }], betas: ['no-such-beta-2099-01-01'] }));
	expect(beta).toBeInstanceOf(BadRequestError);
	expect(beta.type).toBe('invalid_request_error');
	expect(beta.apiMessage).toMatch(/anthropic-beta/);
	const field = await rejection(clients.sigv4.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }], made_up: 1 } as any));
	expect(field).toBeInstanceOf(BadRequestError);
	expect(field.apiMessage).toBe('made_up: Extra inputs are not permitted');
});

test('MCP connector through the beta client: mcp_tool_use and mcp_tool_result blocks', async () => {
	const message = await clients.sigv4.beta.messages.create({
		model: MODEL,
		max_tokens: 500,
		betas: ['mcp-client-2025-11-20'],
		mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'crm', authorization_token: 't' }],
		tools: [{ type: 'mcp_toolset', mcp_server_name: 'crm' }],
		messages: [{ role: 'user', content: 'Look it up' }],
	});
	expect(message.content.map((block) => block.type)).toEqual(['mcp_tool_use', 'mcp_tool_result', 'text']);
	const missingBeta = await rejection(
		clients.sigv4.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'x' }], mcp_servers: [{ type: 'url', url: 'https://m.example', name: 'a' }] } as any),
	);
	expect(missingBeta.apiMessage).toMatch(/mcp-client-2025-11-20/);
});

test('skills in a container with a container_upload: a Message with container and a created, downloadable file', async () => {
	const upload = await clients.sigv4.files.upload({ file: await toFile(Buffer.from('a,b\n1,2\n'), 'data.csv', { type: 'text/csv' }) });
	const message = await clients.sigv4.messages.create({
		model: MODEL,
		max_tokens: 1000,
		container: { skills: [{ type: 'anthropic', skill_id: 'xlsx', version: 'latest' }] },
		tools: [{ type: 'code_execution_20260521', name: 'code_execution' }],
		messages: [{ role: 'user', content: [{ type: 'container_upload', file_id: upload.id }, { type: 'text', text: 'Make a report' }] }],
	});
	expect(shapes.issues('Message', message)).toEqual([]);
	expect(message.container).toMatchObject({ id: expect.stringMatching(/^container_/), skills: [{ type: 'anthropic', skill_id: 'xlsx', version: 'latest' }] });
	const result = message.content.find((block) => block.type === 'bash_code_execution_tool_result') as any;
	const fileId = result.content.content[0].file_id;
	const meta = await clients.sigv4.files.retrieveMetadata(fileId);
	expect(meta).toMatchObject({ filename: 'report.xlsx', downloadable: true });
	const bytes = Buffer.from(await (await clients.sigv4.files.download(fileId)).arrayBuffer());
	expect(bytes.toString()).toBe('emulated report.xlsx from: data.csv\n');
	const unknownSkill = await rejection(
		clients.sigv4.messages.create({ model: MODEL, max_tokens: 50, container: { skills: [{ type: 'anthropic', skill_id: 'csv' }] }, tools: [{ type: 'code_execution_20260521', name: 'code_execution' }], messages: [{ role: 'user', content: 'x' }] }),
	);
	expect(unknownSkill.status).toBe(404);
});

test('citations of a text document and a search result fit the SDK Message type, also streamed', async () => {
	const params = {
		model: MODEL,
		max_tokens: 1000,
		messages: [
			{
				role: 'user' as const,
				content: [
					{ type: 'document' as const, source: { type: 'text' as const, media_type: 'text/plain' as const, data: 'The sky is blue.' }, title: 'Sky', citations: { enabled: true } },
					{ type: 'search_result' as const, source: 'https://kb.example/a', title: 'A', content: [{ type: 'text' as const, text: 'Grass is green.' }], citations: { enabled: true } },
					{ type: 'text' as const, text: 'Colours?' },
				],
			},
		],
	};
	const message = await clients.sigv4.messages.create(params);
	expect(shapes.issues('Message', message)).toEqual([]);
	const text = message.content.find((block) => block.type === 'text') as any;
	expect(text.citations.map((c: any) => c.type)).toEqual(['char_location', 'search_result_location']);
	const streamed = await clients.sigv4.messages.stream(params).finalMessage();
	expect((streamed.content.find((block) => block.type === 'text') as any).citations).toEqual(text.citations);
});

test('a batch of a cited PDF, a cited text document and a container_upload with the docx skill: results fit MessageBatchIndividualResponse', async () => {
	const upload = await clients.sigv4.files.upload({ file: await toFile(Buffer.from('PK\u0003\u0004'), 'minutes.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }) });
	const ask = (content: any[], extra: Record<string, unknown> = {}) => ({ model: MODEL, max_tokens: 500, messages: [{ role: 'user' as const, content: [...content, { type: 'text' as const, text: 'Key figures?' }] }], ...extra });
	const pdf = { type: 'document' as const, source: { type: 'base64' as const, media_type: 'application/pdf' as const, data: Buffer.from('%PDF-1.4').toString('base64') }, title: 'report.pdf', citations: { enabled: true } };
	const csv = { type: 'document' as const, source: { type: 'text' as const, media_type: 'text/plain' as const, data: 'region,revenue\nnorth,640000\n' }, title: 'revenue.csv', citations: { enabled: true } };
	const skill = { container: { skills: [{ type: 'anthropic' as const, skill_id: 'docx', version: 'latest' }] }, tools: [{ type: 'code_execution_20260521' as const, name: 'code_execution' as const }] };
	const batch = await clients.sigv4.messages.batches.create({
		requests: [
			{ custom_id: 'pdf', params: ask([pdf]) },
			{ custom_id: 'csv', params: ask([csv]) },
			{ custom_id: 'docx', params: ask([{ type: 'container_upload', file_id: upload.id }], skill) },
			{ custom_id: 'gone', params: ask([{ type: 'container_upload', file_id: 'file_01NoSuchFile0000000000000' }], skill) },
		] as any,
	});
	for (let polls = 0; (await clients.sigv4.messages.batches.retrieve(batch.id)).processing_status !== 'ended'; polls++) {
		if (polls > 200) throw new Error('the batch did not end');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	const results = new Map<string, any>();
	for await (const line of await clients.sigv4.messages.batches.results(batch.id)) {
		expect(shapes.issues('MessageBatchIndividualResponse', line)).toEqual([]);
		results.set(line.custom_id, line.result);
	}
	const citations = (id: string) => results.get(id).message.content.find((block: any) => block.type === 'text').citations;
	expect(citations('pdf')).toEqual([expect.objectContaining({ type: 'page_location', document_index: 0, document_title: 'report.pdf' })]);
	expect(citations('csv')).toEqual([expect.objectContaining({ type: 'char_location', cited_text: 'region,revenue\nnorth,640000\n', document_title: 'revenue.csv' })]);
	expect(results.get('docx')).toMatchObject({ type: 'succeeded', message: { container: { skills: [{ skill_id: 'docx' }] } } });
	// The skill's code run is in the result as on Messages, and the file it made is in the Files API.
	const run = results.get('docx').message.content.find((block: any) => block.type === 'bash_code_execution_tool_result');
	const fileId = run.content.content[0].file_id;
	expect(await clients.sigv4.files.retrieveMetadata(fileId)).toMatchObject({ filename: 'report.docx', downloadable: true });
	expect(Buffer.from(await (await clients.sigv4.files.download(fileId)).arrayBuffer()).toString()).toBe('emulated report.docx from: minutes.docx\n');
	// Made once, when the results were first read: a second download names the same file and container.
	for await (const line of await clients.sigv4.messages.batches.results(batch.id)) {
		if (line.custom_id === 'docx') expect((line.result as any).message).toEqual(results.get('docx').message);
	}
	// Like the API, an upload that is not in the Files API fails that request, not the batch.
	expect(results.get('gone')).toMatchObject({ type: 'errored', error: { error: { type: 'not_found_error' } } });
	const plainCsv = await rejection(clients.sigv4.messages.create(ask([{ ...csv, source: { ...csv.source, media_type: 'text/csv' } }]) as any));
	expect(plainCsv).toBeInstanceOf(BadRequestError);
});
