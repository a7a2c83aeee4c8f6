/**
 * Puts things in the emulator for the dropdowns to list (files, batches, sessions), through the package's own
 * transport with the test keys: a seeded item is then exactly what a user would have created.
 */
import { Readable } from 'node:stream';
import { createClient, multipartFile, MANAGED_AGENTS_BETA, type ClaudeAwsClient } from '../../../nodes/transport';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../../emulator/fixtures';
import { e2eEnv } from '../../e2e/helpers/n8nApi';

export { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
export { SEED_RESEARCH_AGENT_ID, SEED_SUPPORT_AGENT_ID } from '../../emulator/resources/agents';

let client: ClaudeAwsClient | undefined;
function gateway(): ClaudeAwsClient {
	client ??= createClient({
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		baseUrl: e2eEnv().emulatorUrl,
		auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
	});
	return client;
}

export async function uploadFile(fileName: string, contentType: string, content: Buffer): Promise<{ id: string; filename: string }> {
	const body = multipartFile({ fieldName: 'file', fileName, contentType, open: async () => Readable.from([content]), size: content.length });
	return await gateway().request({
		method: 'POST',
		path: '/v1/files',
		stream: { open: body.open, contentType: body.contentType, contentLength: body.contentLength },
		idempotent: false,
	});
}

export async function createBatch(prompts: string[]): Promise<{ id: string }> {
	return await gateway().request({
		method: 'POST',
		path: '/v1/messages/batches',
		body: {
			requests: prompts.map((prompt, index) => ({
				custom_id: `browser-${index}`,
				params: { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: prompt }] },
			})),
		},
		idempotent: false,
	});
}

export async function startSession(agentId: string, environmentId: string, title: string): Promise<{ id: string }> {
	return await gateway().request({
		method: 'POST',
		path: '/v1/sessions',
		body: { agent: agentId, environment_id: environmentId, title },
		betas: [MANAGED_AGENTS_BETA],
		idempotent: false,
	});
}

/** Sends a user message and waits until the emulated agent has answered (the session is idle again). */
export async function converse(sessionId: string, text: string): Promise<void> {
	await gateway().request({
		method: 'POST',
		path: `/v1/sessions/${sessionId}/events`,
		body: { events: [{ type: 'user.message', content: [{ type: 'text', text }] }] },
		betas: [MANAGED_AGENTS_BETA],
		idempotent: false,
	});
	const deadline = Date.now() + 20_000;
	for (;;) {
		const session = await gateway().request<{ status: string }>({ method: 'GET', path: `/v1/sessions/${sessionId}`, betas: [MANAGED_AGENTS_BETA] });
		if (session.status === 'idle') return;
		if (Date.now() > deadline) throw new Error(`session ${sessionId} still ${session.status} after 20 s`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
