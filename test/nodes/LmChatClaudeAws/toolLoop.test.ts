/**
 * The tool loop at the model level, over real HTTP against the emulator: question => tool_use =>
 * tool result => final answer; once through our SDK model, once through the LangChain adapter n8n's
 * agent uses, and with thinking, whose signed blocks must go back with the tool result.
 */
import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { DynamicStructuredTool, DynamicTool } from '@langchain/core/tools';
import type { Message, Tool } from '@n8n/ai-node-sdk';
import { z } from 'zod';
import { forgetAllThinking } from '../../../nodes/LmChatClaudeAws/model/thinkingCache';
import { system, useModelHarness, user } from './harness';

const h = useModelHarness();

const calculator: Tool = {
	type: 'function',
	name: 'calculator',
	description: 'Evaluates an arithmetic expression',
	inputSchema: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
};

describe('tool loop (SDK model)', () => {
	it('asks for the tool, then answers from its result', async () => {
		const { model } = await h.supply();
		const withTools = model.withTools([calculator]);
		const question = user('Use the calculator for "6 * 7"');

		const first = await withTools.generate([system('You are precise.'), question]);
		expect(first.finishReason).toBe('tool-calls');
		const call = first.message.content.find((c) => c.type === 'tool-call');
		expect(call).toMatchObject({ type: 'tool-call', toolName: 'calculator', toolCallId: expect.stringMatching(/^toolu_/) });
		expect(JSON.parse((call as { input: string }).input)).toEqual({ expression: '6 * 7' });
		expect(first.message.content[0]).toEqual({ type: 'text', text: "I'll use the calculator tool." });

		const toolCallId = (call as { toolCallId: string }).toolCallId;
		const history: Message[] = [
			system('You are precise.'),
			question,
			first.message,
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId, result: '42' }] },
		];
		const second = await withTools.generate(history);
		expect(second.finishReason).toBe('stop');
		expect(second.message.content).toEqual([{ type: 'text', text: 'Tool result: 42' }]);

		const [, wire] = h.requests();
		expect(wire.json.system).toEqual([{ type: 'text', text: 'You are precise.' }]);
		expect(wire.json.tools).toEqual([
			{ name: 'calculator', description: 'Evaluates an arithmetic expression', input_schema: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] } },
		]);
		expect(wire.json.messages).toEqual([
			{ role: 'user', content: [{ type: 'text', text: 'Use the calculator for "6 * 7"' }] },
			{
				role: 'assistant',
				content: [
					{ type: 'text', text: "I'll use the calculator tool." },
					{ type: 'tool_use', id: toolCallId, name: 'calculator', input: { expression: '6 * 7' } },
				],
			},
			{ role: 'user', content: [{ type: 'tool_result', tool_use_id: toolCallId, content: '42' }] },
		]);
	});

	it('sends parallel results in one user turn, errors flagged, objects as JSON', async () => {
		const { model } = await h.supply();
		const weather: Tool = { type: 'function', name: 'weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
		const withTools = model.withTools([calculator, weather]);
		const question = user('Use calculator and weather for "Paris"');
		const first = await withTools.generate([question]);
		const calls = first.message.content.filter((c) => c.type === 'tool-call') as Array<{ toolCallId: string; toolName: string }>;
		expect(calls.map((c) => c.toolName)).toEqual(['calculator', 'weather']);

		const second = await withTools.generate([
			question,
			first.message,
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId: calls[0].toolCallId, result: 'division by zero', isError: true }] },
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId: calls[1].toolCallId, result: { sky: 'clear' } }] },
		]);
		expect(second.message.content).toEqual([{ type: 'text', text: 'Tool result: division by zero; {"sky":"clear"}' }]);
		const last = h.requests()[1].json.messages.at(-1);
		expect(last).toEqual({
			role: 'user',
			content: [
				{ type: 'tool_result', tool_use_id: calls[0].toolCallId, content: 'division by zero', is_error: true },
				{ type: 'tool_result', tool_use_id: calls[1].toolCallId, content: '{"sky":"clear"}' },
			],
		});
	});
});

describe('tool loop (LangChain adapter, as the AI Agent calls it)', () => {
	it('turns LangChain tools into Anthropic tools and tool_calls into tool_use and back', async () => {
		const { langchain } = await h.supply();
		const structured = new DynamicStructuredTool({
			name: 'calculator',
			description: 'Evaluates an arithmetic expression',
			schema: z.object({ expression: z.string().describe('The expression'), precise: z.boolean().optional() }),
			func: async () => '42',
		});
		// A string tool like n8n's Code tool or LangChain's Calculator: its zod schema transforms { input } to a string.
		const plain = new DynamicTool({ name: 'lookup', description: 'Looks something up', func: async () => 'found' });
		const bound = langchain.bindTools([structured, plain]);

		const ai = await bound.invoke([new SystemMessage('Be brief.'), new HumanMessage('Use the calculator for "6 * 7"')]);
		expect(ai.tool_calls).toEqual([expect.objectContaining({ name: 'calculator', args: { expression: '6 * 7' }, id: expect.stringMatching(/^toolu_/) })]);
		expect(ai.usage_metadata).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });

		const tools = h.requests()[0].json.tools;
		expect(tools[0]).toMatchObject({
			name: 'calculator',
			input_schema: { type: 'object', properties: { expression: { type: 'string', description: 'The expression' }, precise: { type: 'boolean' } }, required: ['expression'] },
		});
		expect(tools[1]).toMatchObject({ name: 'lookup', input_schema: { type: 'object', properties: { input: { type: 'string' } } } });

		const final = await bound.invoke([
			new SystemMessage('Be brief.'),
			new HumanMessage('Use the calculator for "6 * 7"'),
			ai,
			new ToolMessage({ content: '42', tool_call_id: ai.tool_calls[0].id }),
		]);
		expect(final.content).toEqual([{ type: 'text', text: 'Tool result: 42' }]);
		expect(h.requests()[1].json.messages.at(-1)).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: ai.tool_calls[0].id, content: '42' }] });
	});
});

describe('tool loop with thinking', () => {
	beforeEach(() => forgetAllThinking());

	it('sends the signed thinking and the original call back with the tool result, as n8n rebuilds the turn', async () => {
		const { model } = await h.supply({ options: { thinking: 'enabled', thinkingBudget: 1024, maxTokens: 4000 } });
		const withTools = model.withTools([calculator]);
		const question = user('Use the calculator for "2 + 2"');
		const first = await withTools.generate([question]);
		const reasoning = first.message.content[0] as { type: string; text: string; providerMetadata: { signature: string } };
		expect(reasoning).toMatchObject({ type: 'reasoning', text: 'Thinking about: Use the calculator for "2 + 2"' });
		expect(reasoning.providerMetadata.signature).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
		expect(first.usage?.outputTokenDetails?.reasoning).toBeGreaterThan(0);
		const call = first.message.content.find((c) => c.type === 'tool-call') as { toolCallId: string; toolName: string; input: string };

		// n8n's agent resumes after the tool ran with only the tool call (no text, no thinking), and its ID in the arguments.
		const rebuiltInput = JSON.stringify({ ...JSON.parse(call.input), id: call.toolCallId });
		const second = await withTools.generate([
			question,
			{ role: 'assistant', content: [{ type: 'tool-call', toolCallId: call.toolCallId, toolName: call.toolName, input: rebuiltInput }] },
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId: call.toolCallId, result: '4' }] },
		]);
		expect(second.message.content.at(-1)).toEqual({ type: 'text', text: 'Tool result: 4' });
		expect(h.requests()[1].json.messages[1].content).toEqual([
			{ type: 'thinking', thinking: reasoning.text, signature: reasoning.providerMetadata.signature },
			{ type: 'tool_use', id: call.toolCallId, name: 'calculator', input: { expression: '2 + 2' } },
		]);
	});

	it('remembers the thinking of a streamed answer the same way', async () => {
		const { model } = await h.supply({ options: { thinking: 'adaptive' } });
		const withTools = model.withTools([calculator]);
		const question = user('Use the calculator for "3 * 3"');
		let call: { id?: string; name?: string; argumentsDelta?: string } | undefined;
		let signature = '';
		for await (const chunk of withTools.stream([question])) {
			if (chunk.type === 'tool-call-delta') call = chunk;
			if (chunk.type === 'reasoning-delta' && chunk.providerMetadata?.signature) signature = String(chunk.providerMetadata.signature);
		}
		expect(call?.id).toMatch(/^toolu_/);
		await withTools.generate([
			question,
			{ role: 'assistant', content: [{ type: 'tool-call', toolCallId: call!.id, toolName: call!.name!, input: call!.argumentsDelta! }] },
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId: call!.id!, result: '9' }] },
		]);
		expect(h.requests()[1].json.messages[1].content[0]).toEqual({ type: 'thinking', thinking: 'Thinking about: Use the calculator for "3 * 3"', signature });
	});

	it('keeps a signed reasoning block the caller sent back, and never sends unsigned reasoning', async () => {
		const { model } = await h.supply({ options: { thinking: 'adaptive' } });
		await model.generate([
			user('First'),
			{
				role: 'assistant',
				content: [
					{ type: 'reasoning', text: 'kept', providerMetadata: { signature: 'c2lnbmF0dXJl' } },
					{ type: 'reasoning', text: 'unsigned, dropped' },
					{ type: 'text', text: 'Answer' },
				],
			},
			user('Second'),
		]);
		expect(h.requests()[0].json.messages[1].content).toEqual([
			{ type: 'thinking', thinking: 'kept', signature: 'c2lnbmF0dXJl' },
			{ type: 'text', text: 'Answer' },
		]);
		expect(h.requests()[0].json.thinking).toEqual({ type: 'adaptive' });
	});
});
