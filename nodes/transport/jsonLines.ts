/** JSON Lines read line by line from a stream, never holding more than one line and one chunk. */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

export class JsonLinesError extends Error {
	constructor(
		message: string,
		readonly lineNumber: number,
	) {
		super(message);
		this.name = 'JsonLinesError';
	}
}

export async function* readJsonLines<T = unknown>(stream: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<T> {
	const decoder = new StringDecoder('utf8');
	let rest = '';
	let lineNumber = 0;
	const parse = (line: string): T => {
		lineNumber++;
		try {
			return JSON.parse(line) as T;
		} catch {
			throw new JsonLinesError(`line ${lineNumber} is not valid JSON (the download may have been cut)`, lineNumber);
		}
	};
	for await (const chunk of stream) {
		rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
		let newline = rest.indexOf('\n');
		let start = 0;
		while (newline !== -1) {
			const line = rest.slice(start, newline).trim();
			if (line) yield parse(line);
			else lineNumber++;
			start = newline + 1;
			newline = rest.indexOf('\n', start);
		}
		rest = rest.slice(start);
	}
	rest += decoder.end();
	if (rest.trim()) yield parse(rest.trim());
}
