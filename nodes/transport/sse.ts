/**
 * Server-sent events, parsed as the WHATWG spec says: any line ending, chunk boundaries anywhere
 * (even inside a multi-byte character), comments, multi-line data. Written here rather than taken
 * from a library because it must also tell a finished stream from one that was cut.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

export interface SseMessage {
	event: string;
	data: string;
	id?: string;
}

export async function* parseSse(stream: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<SseMessage> {
	const decoder = new StringDecoder('utf8');
	let buffer = '';
	let event = '';
	let data: string[] = [];
	let id: string | undefined;
	let pendingCR = false;

	function* takeLines(text: string, final: boolean): Generator<string> {
		buffer += text;
		let start = 0;
		for (let i = 0; i < buffer.length; i++) {
			const ch = buffer.charCodeAt(i);
			if (ch === 10 /* \n */ || ch === 13 /* \r */) {
				if (ch === 10 && pendingCR && i === start) {
					// second half of a \r\n split across chunks
					pendingCR = false;
					start = i + 1;
					continue;
				}
				pendingCR = false;
				yield buffer.slice(start, i);
				if (ch === 13) {
					if (i + 1 < buffer.length) {
						if (buffer.charCodeAt(i + 1) === 10) i++;
					} else {
						pendingCR = true;
					}
				}
				start = i + 1;
			}
		}
		buffer = buffer.slice(start);
		if (final && buffer.length > 0) {
			yield buffer;
			buffer = '';
		}
	}

	function* handleLine(line: string): Generator<SseMessage> {
		if (line === '') {
			if (data.length > 0 || event) {
				yield { event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) };
			}
			event = '';
			data = [];
			return;
		}
		if (line.startsWith(':')) return;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'event') event = value;
		else if (field === 'data') data.push(value);
		else if (field === 'id' && !value.includes('\0')) id = value;
	}

	for await (const chunk of stream) {
		const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
		for (const line of takeLines(text, false)) yield* handleLine(line);
	}
	for (const line of takeLines(decoder.end(), true)) yield* handleLine(line);
	// A final event without its blank line is incomplete by the spec and is dropped; the caller decides
	// from the events it saw whether the stream finished.
}
