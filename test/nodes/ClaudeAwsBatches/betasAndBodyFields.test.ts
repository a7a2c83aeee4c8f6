/** Create Batch: each request's Additional Body Fields go into its params, the betas of all into the batch's header. */
import { useHarness } from './batchesHarness';

const h = useHarness();

test('the params carry the extra fields and no betas; the batch create carries the betas of every request', async () => {
	const result = await h.run(
		{
			operation: 'create',
			prompt: '={{ $json.q }}',
			options: { betas: ['context-management-2025-06-27'], otherBetas: '={{ $json.beta }}', additionalBodyFields: '={{ { "speed": $json.speed } }}' },
		},
		{ input: [{ q: 'one', speed: 'fast', beta: 'fast-mode-2026-02-01' }, { q: 'two', speed: 'standard', beta: '' }] },
	);
	expect(result.error).toBeUndefined();
	const [post] = h.requests('POST', '/v1/messages/batches');
	expect(post.headers['anthropic-beta']).toBe('context-management-2025-06-27,fast-mode-2026-02-01');
	expect(post.json.requests.map((request: any) => request.params.speed)).toEqual(['fast', 'standard']);
	for (const request of post.json.requests) expect(request.params).not.toHaveProperty('betas');
});

test('a colliding field fails that item before the batch is created', async () => {
	const result = await h.run({ operation: 'create', prompt: 'hi', options: { additionalBodyFields: '{"max_tokens": 5}' } }, { input: [{}] });
	expect(result.error?.message).toBe('Additional Body Fields (JSON): "max_tokens" is set by Max Tokens (item 0)');
	expect(h.requests('POST', '/v1/messages/batches')).toEqual([]);
});
