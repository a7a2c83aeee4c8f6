/** Create Batch: each request's Additional Body Fields, Speed and Inference Region go into its params, the betas of all into the batch's header. */
import { useHarness } from './batchesHarness';

const h = useHarness();

test('the params carry the extra fields and no betas; the batch create carries the betas of every request', async () => {
	const result = await h.run(
		{
			operation: 'create',
			prompt: '={{ $json.q }}',
			options: { betas: ['context-management-2025-06-27'], otherBetas: '={{ $json.beta }}', additionalBodyFields: '={{ { "cache_control": { "type": "ephemeral", "ttl": $json.ttl } } }}' },
		},
		{ input: [{ q: 'one', ttl: '5m', beta: 'compact-2026-01-12' }, { q: 'two', ttl: '1h', beta: '' }] },
	);
	expect(result.error).toBeUndefined();
	const [post] = h.requests('POST', '/v1/messages/batches');
	expect(post.headers['anthropic-beta']).toBe('context-management-2025-06-27,compact-2026-01-12');
	expect(post.json.requests.map((request: any) => request.params.cache_control.ttl)).toEqual(['5m', '1h']);
	for (const request of post.json.requests) expect(request.params).not.toHaveProperty('betas');
});

test('Speed and Inference Region go into each request, per item; a fast item brings the fast-mode beta to the batch header', async () => {
	const result = await h.run(
		{ operation: 'create', prompt: '={{ $json.q }}', options: { speed: '={{ $json.speed }}', inferenceGeo: '={{ $json.geo }}' } },
		{ input: [{ q: 'one', speed: 'fast', geo: 'us' }, { q: 'two', speed: 'standard', geo: 'global' }] },
	);
	expect(result.error).toBeUndefined();
	const [post] = h.requests('POST', '/v1/messages/batches');
	expect(post.headers['anthropic-beta']).toBe('fast-mode-2026-02-01');
	expect(post.json.requests.map((request: any) => [request.params.speed, request.params.inference_geo])).toEqual([
		['fast', 'us'],
		['standard', 'global'],
	]);
});

test('a bad Speed or Inference Region fails that item before the batch is created', async () => {
	const result = await h.run({ operation: 'create', prompt: 'hi', options: { inferenceGeo: '={{ "eu" }}' } }, { input: [{}] });
	expect(result.error?.message).toBe('Inference Region: "eu" is not one of us, global (item 0)');
	expect(h.requests('POST', '/v1/messages/batches')).toEqual([]);
});

test('a colliding field fails that item before the batch is created', async () => {
	const result = await h.run({ operation: 'create', prompt: 'hi', options: { additionalBodyFields: '{"max_tokens": 5}' } }, { input: [{}] });
	expect(result.error?.message).toBe('Additional Body Fields (JSON): "max_tokens" is set by Max Tokens (item 0)');
	expect(h.requests('POST', '/v1/messages/batches')).toEqual([]);
});
