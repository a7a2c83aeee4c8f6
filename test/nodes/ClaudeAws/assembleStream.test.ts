/** The SSE assembler on event sequences the emulator does not produce (server tools, citations, odd orders). */
import { assembleMessageStream, MessageAssembler, MessageStreamError } from '../../../nodes/api/messages/assembleStream';

const start = { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } } };
const ev = (data: any) => ({ event: data.type, data });
const stop = ev({ type: 'message_stop' });

async function* events(list: any[]) {
	for (const e of list) yield e;
}

test('server tool use, its result block, citations and usage totals', async () => {
	const result = { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [{ type: 'web_search_result', url: 'https://example.com', title: 'Example' }] };
	const message = await assembleMessageStream(
		events([
			start,
			ev({ type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } }),
			ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query": "n8n' } }),
			ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: ' nodes"}' } }),
			ev({ type: 'content_block_stop', index: 0 }),
			ev({ type: 'content_block_start', index: 1, content_block: result }),
			ev({ type: 'content_block_stop', index: 1 }),
			ev({ type: 'content_block_start', index: 2, content_block: { type: 'text', text: '', citations: null } }),
			ev({ type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'n8n is ' } }),
			ev({ type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', url: 'https://example.com' } } }),
			ev({ type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'a tool.' } }),
			ev({ type: 'content_block_stop', index: 2 }),
			{ event: 'some_future_event', data: { type: 'some_future_event' } },
			ev({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 42, input_tokens: null, server_tool_use: { web_search_requests: 1 } } }),
			stop,
		]),
	);
	expect(message.content).toEqual([
		{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'n8n nodes' } },
		result,
		{ type: 'text', text: 'n8n is a tool.', citations: [{ type: 'web_search_result_location', url: 'https://example.com' }] },
	]);
	expect(message.stop_reason).toBe('end_turn');
	expect(message.usage).toEqual({ input_tokens: 10, output_tokens: 42, server_tool_use: { web_search_requests: 1 } });
});

test('a tool call with no input pieces keeps an empty input', async () => {
	const message = await assembleMessageStream(
		events([start, ev({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'now', input: {} } }), ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } }), ev({ type: 'content_block_stop', index: 0 }), stop]),
	);
	expect(message.content[0].input).toEqual({});
});

test('a stream without message_stop is an error, not a short message', async () => {
	const assembler = new MessageAssembler();
	assembler.add(start);
	assembler.add(ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
	assembler.add(ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Half an ans' } }));
	expect(assembler.snapshot?.content[0].text).toBe('Half an ans');
	expect(() => assembler.finish()).toThrow(MessageStreamError);
	expect(() => assembler.finish()).toThrow(/before message_stop/);
});

test('events out of order are errors', () => {
	expect(() => new MessageAssembler().add(ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } }))).toThrow(/before message_start/);
	const assembler = new MessageAssembler();
	assembler.add(start);
	expect(() => assembler.add(ev({ type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: 'x' } }))).toThrow(/never started/);
	expect(() => assembler.add(start)).toThrow(/second message/);
});

test('tool input that is not JSON is an error', () => {
	const assembler = new MessageAssembler();
	assembler.add(start);
	assembler.add(ev({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'calc', input: {} } }));
	assembler.add(ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a": ' } }));
	expect(() => assembler.add(ev({ type: 'content_block_stop', index: 0 }))).toThrow(/tool call "calc".*not valid JSON/);
});
