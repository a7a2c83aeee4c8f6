/**
 * The dropdown searches read one page at a time through the API layer: the right path and beta header,
 * a filter that matches name or ID, and a next-page token that always moves.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { searchAgents, searchFiles, searchModels } from '../../nodes/shared/methods/listSearch';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/types';
import { accessKeyCredentials } from '../helpers/credentials';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
	emulator.clearReceived();
	emulator.faults.clear();
});

function context(): ILoadOptionsFunctions {
	return {
		getCredentials: async () => accessKeyCredentials(emulator),
		getNode: () => ({ id: 'n1', name: 'Dropdown', type: 'claudeAws', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { claudePlatformAwsApi: { id: 'cred-1', name: 'c' } } }),
	} as unknown as ILoadOptionsFunctions;
}

describe('dropdown searches', () => {
	it('lists models, filtered by name or ID', async () => {
		const all = await searchModels.call(context());
		expect(all.results.length).toBeGreaterThan(1);
		const first = all.results[0];
		const filtered = await searchModels.call(context(), first.value as string);
		expect(filtered.results.map((r) => r.value)).toContain(first.value);
		expect(filtered.results.every((r) => `${r.name} ${r.value}`.toLowerCase().includes(String(first.value).toLowerCase()))).toBe(true);
		expect(emulator.received.map((r) => r.path)).toEqual(['/v1/models', '/v1/models']);
	});

	it('leaves retired models out and marks deprecated ones with their retirement date', async () => {
		const names: string[] = [];
		let token: string | undefined;
		do {
			const page = await searchModels.call(context(), undefined, token);
			names.push(...page.results.map((r) => r.name));
			token = page.paginationToken as string | undefined;
		} while (token);
		expect(names).toContain('Claude Opus 4.5 (claude-opus-4-5) — deprecated, retires 2027-01-22');
		expect(names).toContain('Claude Haiku 5.5 (claude-haiku-5-5)');
		expect(names.filter((name) => name.includes('claude-sonnet-4-5'))).toEqual([]);
	});

	it('sends the Managed Agents beta header for agents', async () => {
		const agents = await searchAgents.call(context());
		expect(agents.results.length).toBeGreaterThan(0);
		expect(emulator.received[0].headers['anthropic-beta']).toContain('managed-agents-2026-04-01');
	});

	it('a gateway that repeats the cursor it was given ends the dropdown instead of paging forever', async () => {
		emulator.faults.inject({ method: 'GET', path: '/v1/files', times: 2, fault: { type: 'status', status: 200, body: { data: [{ id: 'file_01a', filename: 'a.txt' }], next_page: 'cursor-1' } } });
		const first = await searchFiles.call(context());
		expect(first.paginationToken).toBe('cursor-1');
		const again = await searchFiles.call(context(), undefined, 'cursor-1');
		expect(again.results.map((r) => r.value)).toEqual(['file_01a']);
		expect(again.paginationToken).toBeUndefined();
	});
});
