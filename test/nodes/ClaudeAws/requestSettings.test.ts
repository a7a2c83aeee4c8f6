/**
 * The request settings of issue 19 on Send Message: Inference Region, Speed (with the fast-mode beta it
 * brings), Disable Parallel Tool Use, and the web tools' settings; what the emulator receives, what the
 * user sees in the output, and the 400 of a model too old for inference_geo with its hint.
 */
import { send, useHarness } from './harness';

const h = useHarness();

const TOOL = { name: 'lookup', description: 'Look a thing up', input_schema: { type: 'object', properties: {} } };

describe('Inference Region and Speed', () => {
	test('are sent as inference_geo and speed; Fast adds the fast-mode beta to the header; the usage says how it was served', async () => {
		const result = await h.run(send({ options: { inferenceGeo: 'us', speed: 'fast', otherBetas: 'compact-2026-01-12' } }));
		expect(result.error).toBeUndefined();
		const [request] = h.requests();
		expect(request.json).toMatchObject({ inference_geo: 'us', speed: 'fast' });
		expect(request.headers['anthropic-beta']).toBe('fast-mode-2026-02-01,compact-2026-01-12');
		expect(result.json[0].usage).toMatchObject({ inference_geo: 'us', speed: 'fast' });
	});

	test('Standard sends speed without a beta; without the options nothing is sent and the workspace default applies', async () => {
		await h.run(send({ options: { speed: 'standard', inferenceGeo: 'global' } }));
		await h.run(send());
		const [standard, plain] = h.requests();
		expect(standard.json).toMatchObject({ speed: 'standard', inference_geo: 'global' });
		expect(standard.headers['anthropic-beta']).toBeUndefined();
		expect(plain.json).not.toHaveProperty('speed');
		expect(plain.json).not.toHaveProperty('inference_geo');
	});

	test('an expression per item picks each item its own region', async () => {
		const result = await h.run(send({ options: { inferenceGeo: '={{ $json.geo }}' } }), { input: [{ geo: 'us' }, { geo: 'global' }] });
		expect(result.error).toBeUndefined();
		expect(h.requests().map((request) => request.json.inference_geo).sort()).toEqual(['global', 'us']);
	});

	test('a model older than Claude 4.6 refuses inference_geo with a 400; the error keeps the API message and says what to do', async () => {
		const result = await h.run(send({ modelId: { __rl: true, mode: 'id', value: 'claude-haiku-4-5' }, options: { inferenceGeo: 'us' } }));
		expect(result.error?.message).toBe(
			'400 invalid_request_error: inference_geo: claude-haiku-4-5 does not support inference_geo; it is available on Claude 4.6 models and newer. (item 0)',
		);
		expect((result.error as { description?: string }).description).toMatch(/^The model does not take Inference Region \(inference_geo\): only Claude 4\.6 models and newer do\./);
	});

	test('Count Tokens has neither option and sends neither field', async () => {
		const result = await h.run({ resource: 'message', operation: 'countTokens', prompt: 'Count me' });
		expect(result.error).toBeUndefined();
		const [request] = h.requests('/v1/messages/count_tokens');
		expect(request.json).not.toHaveProperty('inference_geo');
		expect(request.json).not.toHaveProperty('speed');
	});
});

describe('Disable Parallel Tool Use', () => {
	test.each([
		['auto', {}, { type: 'auto', disable_parallel_tool_use: true }],
		['any', {}, { type: 'any', disable_parallel_tool_use: true }],
		['tool', { toolChoiceName: 'lookup' }, { type: 'tool', name: 'lookup', disable_parallel_tool_use: true }],
	])('with Tool Choice %s it goes into tool_choice', async (toolChoice, extra, expected) => {
		const result = await h.run(send({ toolsJson: JSON.stringify([TOOL]), toolChoice, ...extra, disableParallelToolUse: true }));
		expect(result.error).toBeUndefined();
		expect(h.requests()[0].json.tool_choice).toEqual(expected);
	});

	test('off (the default) leaves Auto unsent, as before; None never carries it', async () => {
		await h.run(send({ toolsJson: JSON.stringify([TOOL]) }));
		await h.run(send({ toolsJson: JSON.stringify([TOOL]), toolChoice: 'none', disableParallelToolUse: true }));
		const [auto, none] = h.requests();
		expect(auto.json).not.toHaveProperty('tool_choice');
		expect(none.json.tool_choice).toEqual({ type: 'none' });
	});
});

describe('web tool settings', () => {
	test('web search takes the user location; web fetch blocked domains, citations and max content tokens', async () => {
		const result = await h.run(
			send({
				builtInTools: {
					webSearch: true,
					webSearchUserCity: 'San Francisco',
					webSearchUserRegion: 'California',
					webSearchUserCountry: 'us',
					webSearchUserTimezone: 'America/Los_Angeles',
					webFetch: true,
					webFetchBlockedDomains: 'ads.example.com, tracker.example.org',
					webFetchCitations: true,
					webFetchMaxContentTokens: 20000,
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const tools = h.requests()[0].json.tools;
		expect(tools.find((tool: any) => tool.name === 'web_search')).toEqual({
			type: 'web_search_20260318',
			name: 'web_search',
			user_location: { type: 'approximate', city: 'San Francisco', region: 'California', country: 'US', timezone: 'America/Los_Angeles' },
		});
		expect(tools.find((tool: any) => tool.name === 'web_fetch')).toEqual({
			type: 'web_fetch_20260318',
			name: 'web_fetch',
			blocked_domains: ['ads.example.com', 'tracker.example.org'],
			citations: { enabled: true },
			max_content_tokens: 20000,
		});
	});

	test('a location with only some parts sends those parts; none sends no user_location', async () => {
		await h.run(send({ builtInTools: { webSearch: true, webSearchUserTimezone: 'Europe/Berlin' } }));
		await h.run(send({ builtInTools: { webSearch: true, webSearchUserCity: '  ' } }));
		const [some, none] = h.requests();
		expect(some.json.tools[0].user_location).toEqual({ type: 'approximate', timezone: 'Europe/Berlin' });
		expect(none.json.tools[0]).not.toHaveProperty('user_location');
	});
});
