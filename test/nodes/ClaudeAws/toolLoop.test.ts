/** The tool loop and schema conversion through their seams (fake send, fake tools, zod schemas). */
import { z } from 'zod';
import { toToolDefinition } from '../../../nodes/ClaudeAws/actions/message/connectedTools';
import { runToolLoop } from '../../../nodes/ClaudeAws/actions/message/toolLoop';
import { toJsonSchema } from '../../../nodes/api/messages/toolSchema';
import type { Message, MessageParams } from '../../../nodes/api/messages/types';

const reply = (stop_reason: string, content: any[], usage = { input_tokens: 5, output_tokens: 2 }): Message => ({ id: 'msg', type: 'message', role: 'assistant', model: 'm', content, stop_reason, stop_sequence: null, usage });
const params: MessageParams = { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

test('rounds stop at Max Tool Iterations; usage is summed over every request', async () => {
	const sent: MessageParams[] = [];
	const send = async (p: MessageParams) => {
		sent.push(p);
		return reply('tool_use', [{ type: 'tool_use', id: `t${sent.length}`, name: 'echo', input: { n: sent.length } }]);
	};
	const tool = { name: 'echo', invoke: async (input: any) => ({ got: input.n }) };
	const result = await runToolLoop(params, send, [tool], 3);
	expect(sent).toHaveLength(4);
	expect(result.toolCalls.map((c) => c.output)).toEqual(['{"got":1}', '{"got":2}', '{"got":3}']);
	expect(result.usage).toEqual({ input_tokens: 20, output_tokens: 8 });
	expect(sent[3].messages).toHaveLength(7);
	expect(params.messages).toHaveLength(1);
});

test('a paused server-tool turn is sent back to continue', async () => {
	const sent: MessageParams[] = [];
	const answers = [reply('pause_turn', [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }]), reply('end_turn', [{ type: 'text', text: 'done' }])];
	const result = await runToolLoop(params, async (p) => (sent.push(p), answers.shift()!), [], 5);
	expect(result.message.content).toEqual([{ type: 'text', text: 'done' }]);
	expect(sent[1].messages).toEqual([{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }] }]);
});

test('zod schemas become JSON schemas: optional, defaults, enums, arrays, nullable, nested, integers', () => {
	const schema = z.object({
		query: z.string().describe('What to find'),
		limit: z.number().int().default(10),
		kind: z.enum(['a', 'b']).optional(),
		tags: z.array(z.string()),
		note: z.string().nullable(),
		where: z.object({ lat: z.number(), lon: z.number() }),
		mode: z.union([z.literal('x'), z.literal('y')]),
	});
	expect(toJsonSchema(schema)).toEqual({
		type: 'object',
		properties: {
			query: { type: 'string', description: 'What to find' },
			limit: { type: 'integer', default: 10 },
			kind: { type: 'string', enum: ['a', 'b'] },
			tags: { type: 'array', items: { type: 'string' } },
			note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
			where: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } }, required: ['lat', 'lon'] },
			mode: { anyOf: [{ const: 'x' }, { const: 'y' }] },
		},
		required: ['query', 'tags', 'note', 'where', 'mode'],
	});
});

test('a JSON schema is used as is; a plain-value schema is wrapped as "input"; no schema is an empty object', () => {
	const json = { type: 'object', properties: { a: { type: 'string' } } };
	expect(toToolDefinition({ name: 't', description: 'd', schema: json, invoke: async () => '' })).toEqual({ name: 't', description: 'd', input_schema: json });
	expect(toJsonSchema(z.string())).toEqual({ type: 'object', properties: { input: { type: 'string' } }, required: ['input'] });
	expect(toJsonSchema(undefined)).toEqual({ type: 'object', properties: {} });
	// n8n's plain-text tools: z.object({ input: z.string().optional() }).transform(...)
	expect(toJsonSchema(z.object({ input: z.string().optional() }).transform((o) => o.input))).toEqual({ type: 'object', properties: { input: { type: 'string' } } });
});
