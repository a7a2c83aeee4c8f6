/** Model: List (pagination, limit) and Get (incl. 404); Message: Count Tokens. */
import { MODELS } from '../../emulator/resources/modelCatalog';
import { useHarness } from './harness';

const h = useHarness();

test('List with Return All follows the ID pages to the end, newest first', async () => {
	const result = await h.run({ resource: 'model', operation: 'list', returnAll: true });
	expect(result.error).toBeUndefined();
	// Without a lifecycle filter the gateway lists active and deprecated models, not retired ones.
	const listed = MODELS.filter((m) => m.lifecycle !== 'retired');
	expect(result.json.map((m) => m.id)).toEqual(listed.map((m) => m.id));
	expect(result.items[0].every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('List with a limit asks for only that many', async () => {
	const result = await h.run({ resource: 'model', operation: 'list', returnAll: false, limit: 3 });
	expect(result.json.map((m) => m.id)).toEqual(MODELS.slice(0, 3).map((m) => m.id));
	expect(h.requests('/v1/models')).toHaveLength(1);
	expect(h.requests('/v1/models')[0].query.limit).toBe('3');
});

test('Get returns one model, from the list or by ID, per item', async () => {
	const result = await h.run(
		{ resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		{ input: [{ id: 'claude-sonnet-5-5' }, { id: 'claude-haiku-4-5' }] },
	);
	expect(result.json).toEqual([expect.objectContaining({ id: 'claude-sonnet-5-5', type: 'model' }), expect.objectContaining({ id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5' })]);
	expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

test('Get of an unknown model: 404 with the API message and request ID', async () => {
	const result = await h.run({ resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: 'claude-unknown-1' } });
	expect(result.error?.message).toBe('404 not_found_error: model: claude-unknown-1 (item 0)');
	expect((result.error as any).description).toMatch(/Nothing was found at \/v1\/models\/claude-unknown-1.*Request ID: req_/);
	expect((result.error as any).httpCode).toBe('404');
});

test.each(['..', '.', 'claude/../files', ' .. '])('Get of %j sends nothing and names the Model field and the item (17.7)', async (id) => {
	const result = await h.run(
		{ resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		{ input: [{ id: 'claude-sonnet-5-5' }, { id }] },
	);
	expect(result.error?.message).toMatch(/^Model: ".*" is not a model ID \(item 1\)$/);
	expect(h.emulator.received.filter((r) => r.path !== '/v1/models/claude-sonnet-5-5')).toEqual([]);
});

test('Get with Continue On Fail: a bad ID fails its own item only, without a request', async () => {
	const result = await h.run(
		{ resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		{ input: [{ id: '..' }, { id: 'claude-haiku-4-5' }], continueOnFail: true },
	);
	expect(result.json[0]).toEqual({ error: 'Model: ".." is not a model ID (item 0)', errorDescription: expect.stringContaining('bare model ID') });
	expect(result.json[1]).toMatchObject({ id: 'claude-haiku-4-5' });
	expect(h.emulator.received.map((r) => r.path)).toEqual(['/v1/models/claude-haiku-4-5']);
});

test('List failing at the gateway says what failed, as a node error', async () => {
	h.emulator.faults.inject({ path: '/v1/models', fault: { type: 'status', status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'Not allowed to list models' } } } });
	const result = await h.run({ resource: 'model', operation: 'list', returnAll: false, limit: 3 });
	expect(result.error?.message).toBe('403 permission_error: Not allowed to list models');
	expect((result.error as any).description).toMatch(/GET \/v1\/models answered 403 permission_error/);
	expect((result.error as any).httpCode).toBe('403');
});

test('Count Tokens sends the same inputs without max tokens and returns input_tokens', async () => {
	const result = await h.run({
		resource: 'message',
		operation: 'countTokens',
		prompt: 'Count me please',
		system: 'Be brief',
		toolsJson: JSON.stringify([{ name: 'lookup', input_schema: { type: 'object' } }]),
		options: { thinking: 'adaptive', promptCaching: '5m' },
	});
	expect(result.error).toBeUndefined();
	const cache = { type: 'ephemeral', ttl: '5m' };
	expect(h.requests('/v1/messages/count_tokens')[0].json).toEqual({
		model: 'claude-sonnet-5-5',
		system: [{ type: 'text', text: 'Be brief', cache_control: cache }],
		messages: [{ role: 'user', content: [{ type: 'text', text: 'Count me please', cache_control: cache }] }],
		tools: [{ name: 'lookup', input_schema: { type: 'object' }, cache_control: cache }],
		thinking: { type: 'adaptive' },
	});
	expect(result.json).toEqual([{ input_tokens: expect.any(Number) }]);
	expect(result.json[0].input_tokens).toBeGreaterThan(5);
});

test('Count Tokens checks its inputs before any request too', async () => {
	const result = await h.run({ resource: 'message', operation: 'countTokens', prompt: '={{ $json.q }}' }, { input: [{ q: '' }] });
	expect(result.error?.message).toBe('Prompt: is empty (item 0)');
	expect(h.emulator.received).toEqual([]);
});
