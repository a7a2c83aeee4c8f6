/**
 * Connected n8n tools (the Tools input): the tool sub-node is a real node type whose supplyData hands a
 * LangChain DynamicStructuredTool to the engine, which gives it to our node through getInputConnectionData.
 */
import { DynamicStructuredTool } from '@langchain/core/tools';
import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type ISupplyDataFunctions, type SupplyData } from 'n8n-workflow';
import { z } from 'zod';
import { send, useHarness } from './harness';

const h = useHarness();

const calls: unknown[] = [];

class WeatherTool implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Weather Tool',
		name: 'weatherToolTest',
		group: ['transform'],
		version: 1,
		description: 'Test tool',
		defaults: { name: 'Weather Tool' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties: [{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false }],
	};

	async supplyData(this: ISupplyDataFunctions): Promise<SupplyData> {
		const fail = this.getNodeParameter('fail', 0) as boolean;
		const tool = new DynamicStructuredTool({
			name: 'get_weather',
			description: 'Current weather of a city',
			schema: z.object({ city: z.string().describe('City name'), days: z.number().int().optional() }),
			func: async (input: { city: string }) => {
				calls.push(input);
				if (fail) throw new Error('weather service down');
				return `Sunny in ${input.city}`;
			},
		});
		return { response: tool };
	}
}

const weather = (parameters = {}) => ({ node: WeatherTool, parameters, connectionType: NodeConnectionTypes.AiTool });

beforeEach(() => {
	calls.length = 0;
});

test('Claude calls a connected tool, the node runs it and returns the final answer with the calls made', async () => {
	const result = await h.run(send({ prompt: 'Use get_weather for city: Paris' }), { subNodes: [weather()] });
	expect(result.error).toBeUndefined();
	const [first, second] = h.requests();
	expect(first.json.tools).toEqual([
		{
			name: 'get_weather',
			description: 'Current weather of a city',
			input_schema: { type: 'object', properties: { city: { type: 'string', description: 'City name' }, days: { type: 'integer' } }, required: ['city'] },
		},
	]);
	expect(calls).toEqual([{ city: 'Paris' }]);
	const toolUseId = second.json.messages[1].content.find((b: any) => b.type === 'tool_use').id;
	expect(second.json.messages).toEqual([
		{ role: 'user', content: 'Use get_weather for city: Paris' },
		{ role: 'assistant', content: [expect.objectContaining({ type: 'text' }), { type: 'tool_use', id: toolUseId, name: 'get_weather', input: { city: 'Paris' }, caller: { type: 'direct' } }] },
		{ role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUseId, content: 'Sunny in Paris' }] },
	]);
	expect(h.requests()).toHaveLength(2);
	expect(result.json[0]).toEqual(
		expect.objectContaining({
			text: 'Tool result: Sunny in Paris',
			stop_reason: 'end_turn',
			tool_calls: [{ id: toolUseId, name: 'get_weather', input: { city: 'Paris' }, output: 'Sunny in Paris' }],
		}),
	);
	// Usage covers both requests.
	const usage = result.json[0].usage as Record<string, number>;
	expect(usage.input_tokens).toBeGreaterThan(0);
	expect(usage.output_tokens).toBeGreaterThan(0);
});

test('Max Tool Iterations 0: the tool is not run and the call is returned for the workflow', async () => {
	const result = await h.run(send({ prompt: 'Use get_weather for city: Oslo', options: { maxToolIterations: 0 } }), { subNodes: [weather()] });
	expect(h.requests()).toHaveLength(1);
	expect(calls).toEqual([]);
	expect(result.json[0].stop_reason).toBe('tool_use');
	expect(result.json[0].tool_calls).toEqual([{ id: expect.stringMatching(/^toolu_/), name: 'get_weather', input: { city: 'Oslo' } }]);
});

test('a tool that throws is reported to Claude as an error result; the item does not fail', async () => {
	const result = await h.run(send({ prompt: 'Use get_weather for city: Rome' }), { subNodes: [weather({ fail: true })] });
	expect(result.error).toBeUndefined();
	const toolResult = h.requests()[1].json.messages[2].content[0];
	expect(toolResult).toEqual({ type: 'tool_result', tool_use_id: expect.any(String), content: expect.stringContaining('weather service down'), is_error: true });
	expect(result.json[0].tool_calls).toEqual([expect.objectContaining({ name: 'get_weather', is_error: true })]);
});

test('when Claude also calls a tool defined in Tools (JSON), every call is left for the workflow', async () => {
	const lookup = { name: 'lookup', description: 'Look up', input_schema: { type: 'object', properties: { term: { type: 'string' } }, required: ['term'] } };
	const result = await h.run(send({ prompt: 'Use get_weather and lookup for city: Bern', toolsJson: JSON.stringify([lookup]) }), { subNodes: [weather()] });
	expect(h.requests()).toHaveLength(1);
	expect(h.requests()[0].json.tools.map((t: any) => t.name)).toEqual(['lookup', 'get_weather']);
	expect(calls).toEqual([]);
	expect((result.json[0].tool_calls as any[]).map((c) => c.name)).toEqual(['lookup', 'get_weather']);
});

test('a connected tool named like a Tools (JSON) tool is a parameter error before any request', async () => {
	const clash = { name: 'get_weather', input_schema: { type: 'object' } };
	const result = await h.run(send({ toolsJson: JSON.stringify([clash]) }), { subNodes: [weather()] });
	expect(result.error?.message).toBe('Tools (JSON): two tools are named "get_weather"; tool names must be unique (connected tools included) (item 0)');
	expect(h.emulator.received).toEqual([]);
});

test('Count Tokens counts the connected tools too', async () => {
	const result = await h.run({ resource: 'message', operation: 'countTokens', prompt: 'Hello there' }, { subNodes: [weather()] });
	expect(result.error).toBeUndefined();
	const body = h.requests('/v1/messages/count_tokens')[0].json;
	expect(body.tools.map((t: any) => t.name)).toEqual(['get_weather']);
	expect(result.json[0].input_tokens).toBeGreaterThan(3);
});
