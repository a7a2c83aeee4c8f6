/** Betas and Additional Body Fields (JSON): what they add to a request, and the bad inputs refused before any request. */
import { send, useHarness } from './harness';

const h = useHarness();

const CONTEXT_MANAGEMENT = { edits: [{ type: 'clear_tool_uses_20250919' }] };

describe('Send Message', () => {
	test('Betas and Other Betas go into the anthropic-beta header, once each, and never into the body', async () => {
		const result = await h.run(send({ options: { betas: ['context-management-2025-06-27', 'compact-2026-01-12'], otherBetas: 'context-management-2025-06-27, fast-mode-2026-02-01' } }));
		expect(result.error).toBeUndefined();
		const [request] = h.requests();
		expect(request.headers['anthropic-beta']).toBe('context-management-2025-06-27,compact-2026-01-12,fast-mode-2026-02-01');
		expect(request.json).not.toHaveProperty('betas');
		expect(result.json[0].text).toBe('Echo: Hello there');
	});

	test('Additional Body Fields are merged into the body as they are', async () => {
		const result = await h.run(send({ options: { betas: ['context-management-2025-06-27'], additionalBodyFields: JSON.stringify({ context_management: CONTEXT_MANAGEMENT, cache_control: { type: 'ephemeral' } }) } }));
		expect(result.error).toBeUndefined();
		expect(h.requests()[0].json).toMatchObject({ context_management: CONTEXT_MANAGEMENT, cache_control: { type: 'ephemeral' }, messages: [{ role: 'user', content: 'Hello there' }] });
	});

	test('an expression that gives an object works like JSON text; the default {} adds nothing', async () => {
		await h.run(send({ options: { additionalBodyFields: '={{ { "cache_control": { "type": "ephemeral" } } }}' } }));
		await h.run(send({ options: { additionalBodyFields: '{}' } }));
		const [withExpression, withDefault] = h.requests();
		expect(withExpression.json.cache_control).toEqual({ type: 'ephemeral' });
		expect(Object.keys(withDefault.json).sort()).toEqual(['max_tokens', 'messages', 'model', 'stream']);
	});

	test('a beta the API does not know is refused by the API with its 400, shown with type and message', async () => {
		const result = await h.run(send({ options: { otherBetas: 'no-such-beta-2099-01-01' } }));
		expect(result.error?.message).toMatch(/400/);
		expect(JSON.stringify((result.error as any).description ?? '') + result.error?.message).toMatch(/anthropic-beta/);
	});

	test('a body field the API does not know is refused by the API (400 invalid_request_error), not dropped', async () => {
		const result = await h.run(send({ options: { additionalBodyFields: '{"made_up_field": 1}' } }));
		expect(`${result.error?.message} ${(result.error as any)?.description}`).toMatch(/made_up_field: Extra inputs are not permitted/);
	});

	describe.each([
		['a field the form sets (tools)', { additionalBodyFields: '{"tools": []}' }, 'Additional Body Fields (JSON): "tools" is set by Tools (JSON) / Built-in Tools (item 0)'],
		['the model', { additionalBodyFields: '{"model": "claude-opus-5"}' }, 'Additional Body Fields (JSON): "model" is set by Model (item 0)'],
		['stream', { additionalBodyFields: '{"stream": false}' }, 'Additional Body Fields (JSON): "stream" is set by the node (Send Message always streams) (item 0)'],
		['speed, which the Speed option sets', { additionalBodyFields: '{"speed": "fast"}' }, 'Additional Body Fields (JSON): "speed" is set by Speed (item 0)'],
		['inference_geo, which the Inference Region option sets', { additionalBodyFields: '{"inference_geo": "us"}' }, 'Additional Body Fields (JSON): "inference_geo" is set by Inference Region (item 0)'],
		['betas in the body', { additionalBodyFields: '{"betas": ["x"]}' }, 'Additional Body Fields (JSON): "betas" is set by Betas / Other Betas (item 0)'],
		['a list', { additionalBodyFields: '[{"speed": "fast"}]' }, 'Additional Body Fields (JSON): must be a JSON object of body fields, not a list (item 0)'],
		['a number', { additionalBodyFields: '42' }, 'Additional Body Fields (JSON): must be a JSON object of body fields, not number (item 0)'],
		['JSON that does not parse', { additionalBodyFields: '{"speed": ' }, /^Additional Body Fields \(JSON\): is not valid JSON: .+ \(item 0\)$/],
		['a beta name with a space or line break', { otherBetas: 'good-one, bad one' }, 'Other Betas: "bad one" is not a beta name (item 0)'],
	])('%s', (_name, options, message) => {
		test('fails before any request, naming the parameter and the item', async () => {
			const result = await h.run(send({ options }));
			expect(result.error?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
			expect(h.emulator.received).toEqual([]);
		});
	});
});

describe('Count Tokens', () => {
	test('sends the betas as the header and the extra fields in the body', async () => {
		const result = await h.run({
			resource: 'message',
			operation: 'countTokens',
			prompt: 'Count me',
			options: { betas: ['context-management-2025-06-27'], additionalBodyFields: JSON.stringify({ context_management: CONTEXT_MANAGEMENT }) },
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0].input_tokens).toEqual(expect.any(Number));
		const [request] = h.requests('/v1/messages/count_tokens');
		expect(request.headers['anthropic-beta']).toBe('context-management-2025-06-27');
		expect(request.json).toMatchObject({ context_management: CONTEXT_MANAGEMENT });
		expect(request.json).not.toHaveProperty('betas');
	});

	test('passes speed through Additional Body Fields: Count Tokens has no Speed field, and the count API takes it', async () => {
		const result = await h.run({ resource: 'message', operation: 'countTokens', prompt: 'Count me', options: { additionalBodyFields: '{"speed": "standard"}' } });
		expect(result.error).toBeUndefined();
		expect(result.json[0].input_tokens).toEqual(expect.any(Number));
		expect(h.requests('/v1/messages/count_tokens')[0].json).toMatchObject({ speed: 'standard' });
	});

	test('still refuses what its own form sets (tools)', async () => {
		const result = await h.run({ resource: 'message', operation: 'countTokens', prompt: 'Count me', options: { additionalBodyFields: '{"tools": []}' } });
		expect(result.error?.message).toBe('Additional Body Fields (JSON): "tools" is set by Tools (JSON) / Built-in Tools (item 0)');
		expect(h.emulator.received).toEqual([]);
	});
});
