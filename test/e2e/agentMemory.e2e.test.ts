/**
 * examples/08: a webhook starts a session with a vault (credentials for the agent's MCP server) and a
 * memory store mounted; the workflow writes what the agent learned to the store. A second webhook, later,
 * reads it back. In a real n8n, activated like a user would.
 */
import { SEED_SUPPORT_AGENT_ID } from '../emulator/resources/agents';
import { SEED_MEMORY_STORE_ID } from '../emulator/resources/memoryStores';
import { SEED_VAULT_ID } from '../emulator/resources/vaults';
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';
import { recordForLeakScan } from '../setup/leakRecorder';

const api = new N8nApi();
const WORKFLOW_ID = 'exAgentVaultMemory01';

beforeAll(async () => {
	await api.login();
	await api.activate(WORKFLOW_ID);
	await clearReceived();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
	const response = await fetch(`${api.env.n8nUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await response.text();
	recordForLeakScan('webhook answer', text);
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

test('an event teaches the agent about a customer; the session gets the vault and the store; the lesson is stored', async () => {
	const learned = await post('claude-aws-learn', { customer: 'acme', note: 'Prefers email over phone.' });
	expect(learned.status).toBe(200);
	expect(learned.body).toEqual({ memory_id: expect.stringMatching(/^mem_/), path: expect.stringMatching(/^\/customers\/acme\/\d{8}-\d{6}-\d+\.md$/), session_id: expect.stringMatching(/^sesn_/) });

	const execution = await api.latestExecution(WORKFLOW_ID);
	expectSuccess(execution);
	const [turn] = outputOf(execution, 'Ask the Agent');
	expect(turn.json.reply).toMatch(/^Agent reply: Customer acme wrote: Prefers email over phone\./);

	const wire = await received();
	const created = wire.filter((request) => request.method === 'POST' && request.path === '/v1/sessions');
	expect(created).toHaveLength(1);
	expect(created[0].json).toMatchObject({
		agent: SEED_SUPPORT_AGENT_ID,
		vault_ids: [SEED_VAULT_ID],
		resources: [{ type: 'memory_store', memory_store_id: SEED_MEMORY_STORE_ID, access: 'read_write' }],
	});
	const write = wire.find((request) => request.method === 'POST' && request.path === `/v1/memory_stores/${SEED_MEMORY_STORE_ID}/memories`);
	expect(write?.json).toEqual({ path: learned.body.path, content: turn.json.reply });
	expect(write?.headers['anthropic-beta']).toContain('agent-memory-2026-07-22');
});

test('a later event reads back what was learned about that customer, and only that customer', async () => {
	await post('claude-aws-learn', { customer: 'acme', note: 'Renewal is due in March.' });
	await post('claude-aws-learn', { customer: 'globex', note: 'Asked for a discount.' });
	const recalled = await post('claude-aws-recall', { customer: 'acme' });
	expect(recalled.status).toBe(200);
	const contents = recalled.body.memories.map((m: { content: string }) => m.content);
	expect(contents).toHaveLength(2);
	expect(contents.join('\n')).toContain('Prefers email over phone.');
	expect(contents.join('\n')).toContain('Renewal is due in March.');
	expect(contents.join('\n')).not.toContain('discount');
	for (const memory of recalled.body.memories) expect(memory.path).toMatch(/^\/customers\/acme\//);

	const nobody = await post('claude-aws-recall', { customer: 'initech' });
	expect(nobody.body).toEqual({ memories: [] });
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});
