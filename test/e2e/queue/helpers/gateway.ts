/**
 * Another client of the same workspace, straight to the emulator process (signed like any SigV4 client,
 * independent of the package): makes work appear while n8n's main process is down.
 */
import { TEST_REGION, TEST_WORKSPACE_ID } from '../../../emulator/fixtures';
import { SEED_SUPPORT_AGENT_ID } from '../../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../../emulator/resources/environments';
import { MANAGED_AGENTS_HEADERS, signedRequest, type TestResponse } from '../../../emulator/signedTestClient';
import type { Emulator } from '../../../emulator/types';
import { e2eEnv } from '../../helpers/n8nApi';

function emulator(): Emulator {
	// signedRequest only reads the port and the region.
	return { port: Number(new URL(e2eEnv().emulatorUrl).port), region: TEST_REGION } as Emulator;
}

async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<any> {
	const response: TestResponse = await signedRequest(emulator(), { method, path, body, headers });
	if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${response.text}`);
	return response.json;
}

/** A message batch with one request per custom ID. */
export async function createBatch(customIds: string[]): Promise<{ id: string }> {
	return await call(
		'POST',
		'/v1/messages/batches',
		{
			requests: customIds.map((customId) => ({
				custom_id: customId,
				params: { model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: `Request ${customId}` }] },
			})),
		},
		{ 'anthropic-version': '2023-06-01', 'anthropic-workspace-id': TEST_WORKSPACE_ID },
	);
}

/** A session of the seeded support agent that starts with `question` (it goes idle with a reply). */
export async function startSession(question: string): Promise<{ id: string }> {
	return await call(
		'POST',
		'/v1/sessions',
		{
			agent: SEED_SUPPORT_AGENT_ID,
			environment_id: SEED_ENVIRONMENT_ID,
			initial_events: [{ type: 'user.message', content: [{ type: 'text', text: question }] }],
		},
		MANAGED_AGENTS_HEADERS,
	);
}

export async function sessionStatus(id: string): Promise<string> {
	return (await call('GET', `/v1/sessions/${id}`, undefined, MANAGED_AGENTS_HEADERS)).status;
}

export async function batchStatus(id: string): Promise<string> {
	return (await call('GET', `/v1/messages/batches/${id}`, undefined, { 'anthropic-version': '2023-06-01', 'anthropic-workspace-id': TEST_WORKSPACE_ID }))
		.processing_status;
}
