/**
 * How each resource of the matrix is run through its node (n8n-core's real engine, real HTTP), which
 * route its faults hit, what a complete and correct output is, and what it creates on the gateway.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../../nodes/ClaudeAws/ClaudeAws.node';
import { ClaudeAwsBatches } from '../../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node';
import { ClaudeAwsFiles } from '../../../nodes/ClaudeAwsFiles/ClaudeAwsFiles.node';
import { ClaudeAwsSessions } from '../../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node';
import { clientFromCredential } from '../../../nodes/shared/client';
import { SEED_RESEARCH_AGENT_ID } from '../../emulator/resources/agents';
import type { BatchesState } from '../../emulator/resources/batches';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import type { FilesState } from '../../emulator/resources/files';
import type { Emulator } from '../../emulator/types';
import { accessKeyCredentials } from '../../helpers/credentials';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../../helpers/runNode';
import type { FaultId } from './faults';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export interface Target {
	method: string;
	path: string | RegExp;
	/** What the faulted request is, for the table. */
	what: string;
}

export interface RunSettings {
	credentials: ICredentialDataDecryptedObject;
	/** Node option Timeout (Seconds). */
	timeoutSeconds?: number;
}

export interface Driver {
	resource: string;
	target(fault: FaultId): Target;
	/** Set-up that must not meet the faults (a batch to read, a file to download). */
	prepare?(emulator: Emulator): Promise<void>;
	run(emulator: Emulator, settings: RunSettings): Promise<RunNodeResult>;
	/** Asserts the output is complete and correct. */
	expectComplete(result: RunNodeResult, emulator: Emulator): Promise<void> | void;
	/** Objects this run creates on the gateway (only for non-idempotent creates). */
	created?(emulator: Emulator): number;
}

const tuning = (settings: RunSettings): INodeParameters => ({ maxRetries: 2, ...(settings.timeoutSeconds ? { timeoutSeconds: settings.timeoutSeconds } : {}) });

function run(node: RunNodeOptions['node'], settings: RunSettings, options: Omit<RunNodeOptions, 'node' | 'credentials' | 'credentialTypes'>): Promise<RunNodeResult> {
	return runNode({ node, credentials: { claudePlatformAwsApi: settings.credentials }, credentialTypes: [ClaudePlatformAwsApi], ...options });
}

const PROMPTS = ['Reliability check one', 'Reliability check two', 'Reliability check three'];

export const messages: Driver = {
	resource: 'Messages',
	target: () => ({ method: 'POST', path: '/v1/messages', what: 'POST /v1/messages (streamed)' }),
	run: (_emulator, settings) =>
		run(ClaudeAws, settings, {
			parameters: { resource: 'message', operation: 'send', prompt: '={{ $json.text }}', options: tuning(settings) },
			input: [{ text: PROMPTS[0] }],
		}),
	expectComplete(result) {
		expect(result.json).toEqual([
			{ text: `Echo: ${PROMPTS[0]}`, stop_reason: 'end_turn', usage: expect.objectContaining({ output_tokens: expect.any(Number) }), model: expect.any(String), id: expect.stringMatching(/^msg_/) },
		]);
		expect(result.items[0][0].pairedItem).toEqual({ item: 0 });
	},
};

const batchesState = (emulator: Emulator) => emulator.state.batches as BatchesState;

export const batchCreate: Driver = {
	resource: 'Batches create',
	target: () => ({ method: 'POST', path: '/v1/messages/batches', what: 'POST /v1/messages/batches' }),
	run: (_emulator, settings) =>
		run(ClaudeAwsBatches, settings, {
			parameters: { resource: 'batch', operation: 'create', prompt: '={{ $json.text }}', options: tuning(settings) },
			input: PROMPTS.map((text) => ({ text })),
		}),
	expectComplete(result, emulator) {
		expect(result.json).toHaveLength(1);
		const batch = result.json[0];
		expect(batch).toMatchObject({ type: 'message_batch', processing_status: 'in_progress', request_counts: expect.objectContaining({ processing: 3 }) });
		const stored = batchesState(emulator).batches.get(String(batch.id));
		expect(stored?.requests.map((r) => r.params.messages[0].content)).toEqual(PROMPTS);
		expect(result.items[0][0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	},
	created: (emulator) => batchesState(emulator).batches.size,
};

/** Enough result lines for the download to come in several chunks, so a cut lands mid-way. */
const RESULT_PROMPTS = Array.from({ length: 40 }, (_, i) => `Result line ${i} of the reliability batch`);

/** The batch Get Results reads in each test, made once per test file without faults. */
let endedBatchId = '';

export const batchResults: Driver = {
	resource: 'Batches results',
	target: () => ({ method: 'GET', path: /^\/v1\/messages\/batches\/[^/]+\/results$/, what: 'GET …/batches/{id}/results (JSONL)' }),
	async prepare(emulator) {
		if (endedBatchId && batchesState(emulator).batches.has(endedBatchId)) return;
		batchesState(emulator).processingMs = 20;
		const client = clientFromCredential(accessKeyCredentials(emulator));
		const requests = RESULT_PROMPTS.map((text, i) => ({ custom_id: `item-${i}`, params: { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: text }] } }));
		const batch = await client.request({ method: 'POST', path: '/v1/messages/batches', body: { requests } });
		endedBatchId = batch.id;
		await new Promise((resolve) => setTimeout(resolve, 40));
	},
	run: (_emulator, settings) =>
		run(ClaudeAwsBatches, settings, {
			parameters: { resource: 'batch', operation: 'getResults', batchId: byId(endedBatchId), options: tuning(settings) },
			input: [{}],
		}),
	expectComplete(result) {
		const byCustomId = Object.fromEntries(result.json.map((json) => [json.custom_id, json]));
		expect(result.json).toHaveLength(RESULT_PROMPTS.length);
		RESULT_PROMPTS.forEach((text, i) => expect(byCustomId[`item-${i}`]).toMatchObject({ result_type: 'succeeded', text: `Echo: ${text}`, batch_id: endedBatchId }));
	},
};

const filesState = (emulator: Emulator) => emulator.state.files as FilesState;
/** Every byte value, so any re-encoding on the way shows; large enough to arrive in several chunks. */
export const FILE_BYTES = Buffer.from(Array.from({ length: 256 * 1024 }, (_, i) => (i * 7 + (i >> 8)) % 256));

export const fileUpload: Driver = {
	resource: 'Files upload',
	target: () => ({ method: 'POST', path: '/v1/files', what: 'POST /v1/files (streamed multipart)' }),
	run: (_emulator, settings) =>
		run(ClaudeAwsFiles, settings, {
			parameters: { resource: 'file', operation: 'upload', options: tuning(settings) },
			binary: [{ data: { data: FILE_BYTES, fileName: 'ledger.bin', mimeType: 'application/octet-stream' } }],
		}),
	async expectComplete(result, emulator) {
		expect(result.json).toEqual([expect.objectContaining({ type: 'file', filename: 'ledger.bin', size_bytes: FILE_BYTES.length, id: expect.stringMatching(/^file_/) })]);
		const stored = filesState(emulator).get(String(result.json[0].id));
		const { readFile } = await import('node:fs/promises');
		expect((await readFile(stored!.path)).equals(FILE_BYTES)).toBe(true);
	},
	created: (emulator) => filesState(emulator).files.size,
};

let downloadId = '';

export const fileDownload: Driver = {
	resource: 'Files download',
	target: () => ({ method: 'GET', path: /^\/v1\/files\/[^/]+\/content$/, what: 'GET /v1/files/{id}/content (streamed)' }),
	async prepare(emulator) {
		if (downloadId && filesState(emulator).get(downloadId)) return;
		downloadId = filesState(emulator).addFile('chart.bin', 'application/octet-stream', FILE_BYTES, { downloadable: true }).id;
	},
	run: (_emulator, settings) =>
		run(ClaudeAwsFiles, settings, {
			parameters: { resource: 'file', operation: 'download', fileId: byId(downloadId), options: tuning(settings) },
			input: [{}],
		}),
	async expectComplete(result) {
		expect(result.json).toEqual([expect.objectContaining({ id: downloadId, filename: 'chart.bin' })]);
		expect((await result.binary(0)).equals(FILE_BYTES)).toBe(true);
	},
};

const STREAM_FAULTS = new Set<FaultId>(['sseCut', 'sseErrorEvent']);
const sessionsState = (emulator: Emulator) => emulator.state.sessions as { byId: Map<string, unknown> };

export const sessionStart: Driver = {
	resource: 'Sessions start-and-wait',
	target: (fault) =>
		STREAM_FAULTS.has(fault)
			? { method: 'GET', path: /^\/v1\/sessions\/[^/]+\/events\/stream$/, what: 'GET /v1/sessions/{id}/events/stream (SSE)' }
			: { method: 'POST', path: '/v1/sessions', what: 'POST /v1/sessions' },
	run: (_emulator, settings) =>
		run(ClaudeAwsSessions, settings, {
			parameters: {
				resource: 'session',
				operation: 'start',
				agent: byId(SEED_RESEARCH_AGENT_ID),
				environment: byId(SEED_ENVIRONMENT_ID),
				message: '={{ $json.text }}',
				options: { waitSeconds: 20, ...tuning(settings) },
			},
			input: [{ text: PROMPTS[0] }],
		}),
	expectComplete(result) {
		expect(result.json).toEqual([expect.objectContaining({ status: 'idle', stop_reason: 'end_turn', reply: `Agent reply: ${PROMPTS[0]}`, session_id: expect.stringMatching(/^sesn_/) })]);
		expect(result.items[0][0].pairedItem).toEqual({ item: 0 });
	},
	created: (emulator) => sessionsState(emulator).byId.size,
};

/** The session Send Message talks to in each test: a fresh idle one, made without faults. */
let idleSessionId = '';
const userMessages = (emulator: Emulator) =>
	((sessionsState(emulator).byId.get(idleSessionId) as { events: Array<{ type: string }> } | undefined)?.events ?? []).filter((e) => e.type === 'user.message').length;

export const sessionSend: Driver = {
	resource: 'Sessions send message',
	target: (fault) =>
		STREAM_FAULTS.has(fault)
			? { method: 'GET', path: /^\/v1\/sessions\/[^/]+\/events\/stream$/, what: 'GET /v1/sessions/{id}/events/stream (SSE)' }
			: { method: 'POST', path: /^\/v1\/sessions\/[^/]+\/events$/, what: 'POST /v1/sessions/{id}/events' },
	async prepare(emulator) {
		const client = clientFromCredential(accessKeyCredentials(emulator));
		const session = await client.request({ method: 'POST', path: '/v1/sessions', betas: ['managed-agents-2026-04-01'], body: { agent: SEED_RESEARCH_AGENT_ID, environment_id: SEED_ENVIRONMENT_ID } });
		idleSessionId = session.id;
	},
	run: (_emulator, settings) =>
		run(ClaudeAwsSessions, settings, {
			parameters: { resource: 'session', operation: 'sendMessage', sessionId: byId(idleSessionId), message: '={{ $json.text }}', options: { waitSeconds: 20, ...tuning(settings) } },
			input: [{ text: PROMPTS[1] }],
		}),
	expectComplete(result) {
		expect(result.json).toEqual([expect.objectContaining({ status: 'idle', stop_reason: 'end_turn', reply: `Agent reply: ${PROMPTS[1]}`, session_id: idleSessionId })]);
		expect(result.items[0][0].pairedItem).toEqual({ item: 0 });
	},
	/** The user messages the session got: a send that is repeated would be a second turn. */
	created: userMessages,
};

export const DRIVERS = { messages, batchCreate, batchResults, fileUpload, fileDownload, sessionStart, sessionSend };
