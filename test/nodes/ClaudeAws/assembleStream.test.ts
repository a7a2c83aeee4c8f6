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

// 17.10: a hostile or broken gateway chooses the block indexes; none may write outside the content list.
describe('block indexes that are not the next block (or a started one) fail as a malformed stream', () => {
	const started = () => {
		const assembler = new MessageAssembler();
		assembler.add(start);
		return assembler;
	};
	const text = { type: 'text', text: '' };

	test.each([
		['"__proto__"', '__proto__'],
		['"length"', 'length'],
		['"0" (a string)', '0'],
		['-1', -1],
		['1.5', 1.5],
		['1e9', 1e9],
		['null', null],
		['missing', undefined],
		['1 (skips block 0)', 1],
	])('content_block_start with index %s', (_name, index) => {
		const assembler = started();
		const error = (() => {
			try {
				assembler.add(ev({ type: 'content_block_start', index, content_block: text }));
			} catch (e) {
				return e as Error;
			}
			return undefined;
		})();
		expect(error).toBeInstanceOf(MessageStreamError);
		expect(error?.message).toMatch(/^The event stream was malformed: content_block_start /);
		expect(assembler.snapshot?.content).toEqual([]);
		expect(assembler.snapshot?.content.length).toBe(0);
		expect(Object.prototype.hasOwnProperty.call(Array.prototype, 'type')).toBe(false);
		expect(({} as Record<string, unknown>).type).toBeUndefined();
	});

	test.each(['__proto__', 'length', -1, 0.5, 1e9, 1, '0'])('content_block_delta and content_block_stop with index %p', (index) => {
		const assembler = started();
		assembler.add(ev({ type: 'content_block_start', index: 0, content_block: text }));
		expect(() => assembler.add(ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: 'polluted' } }))).toThrow(/^The event stream was malformed: content_block_delta /);
		expect(() => assembler.add(ev({ type: 'content_block_stop', index }))).toThrow(/^The event stream was malformed: content_block_stop /);
		expect((Array.prototype as unknown as Record<string, unknown>).text).toBeUndefined();
		expect(assembler.snapshot?.content).toEqual([text]);
	});

	test('a repeated start of block 0 is not the next block either', () => {
		const assembler = started();
		assembler.add(ev({ type: 'content_block_start', index: 0, content_block: text }));
		expect(() => assembler.add(ev({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'x', input: {} } }))).toThrow(/index 0 where block 1 comes next/);
	});

	test('a start without a content block, or a message_start without a message, is malformed', () => {
		expect(() => started().add(ev({ type: 'content_block_start', index: 0 }))).toThrow(/malformed: content_block_start 0 carries no content block/);
		expect(() => started().add(ev({ type: 'content_block_start', index: 0, content_block: 'text' }))).toThrow(/carries no content block/);
		expect(() => new MessageAssembler().add(ev({ type: 'message_start', message: null }))).toThrow(/malformed: message_start carries no message/);
		expect(() => new MessageAssembler().add(ev({ type: 'message_start', message: { id: 'm', content: 'abc', usage: {} } }))).toThrow(/message_start carries no message/);
	});

	test('a usage key "__proto__" in message_delta is not applied', () => {
		const assembler = started();
		assembler.add(ev({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: JSON.parse('{"output_tokens": 3, "__proto__": {"polluted": true}}') }));
		assembler.add(stop);
		const message = assembler.finish();
		expect(message.usage).toEqual({ input_tokens: 10, output_tokens: 3 });
		expect((message.usage as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('blocks in order still assemble (0, 1, 2 with deltas between)', async () => {
		const message = await assembleMessageStream(
			events([
				start,
				ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
				ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'a' } }),
				ev({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
				ev({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'b' } }),
				ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'c' } }),
				ev({ type: 'content_block_stop', index: 1 }),
				ev({ type: 'content_block_stop', index: 0 }),
				stop,
			]),
		);
		expect(message.content.map((b) => b.text)).toEqual(['ac', 'b']);
	});
});
