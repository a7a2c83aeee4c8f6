/** Reading an SSE answer to its final event: JSON events, `error` events as errors, a cut stream as an error, never a short answer. */
import type { IncomingMessage } from 'node:http';
import { ClaudeApiError, ClaudeStreamError } from './errors';
import { streamBrokeOff } from './failures';
import { parseSse } from './sse';
import { decodeSseEvent, type SseEvent, type WireContext } from './wireErrors';

export async function* readEventStream<T>(response: IncomingMessage, context: WireContext, isFinal?: (event: SseEvent<T>) => boolean): AsyncGenerator<SseEvent<T>> {
	let finished = false;
	try {
		try {
			// Not destroyed when we stop at the final event: see finishInBackground.
			const chunks = { [Symbol.asyncIterator]: () => response.iterator({ destroyOnReturn: false }) };
			for await (const message of parseSse(chunks)) {
				if (message.event === 'ping') continue;
				const event = decodeSseEvent<T>(message, context);
				// Set before the yield: a consumer that stops at the final event has still read a whole stream.
				if (isFinal?.(event)) finished = true;
				yield event;
				if (finished) return;
			}
		} catch (error) {
			if (error instanceof ClaudeApiError || error instanceof ClaudeStreamError) throw error;
			throw streamBrokeOff(error, response, context);
		}
		if (isFinal && !finished) {
			throw new ClaudeStreamError('The event stream ended before it was complete; the partial answer was discarded.', context.path, context.requestId);
		}
	} finally {
		if (!response.complete) {
			if (finished) finishInBackground(response);
			else response.destroy();
		}
	}
}

/**
 * After the final event only the end of the chunked body is still in flight. Reading it returns the
 * keep-alive socket to the pool; destroying the response would cost every streamed message a new
 * connection (and TLS handshake). A server that keeps the stream open past the grace period is cut.
 */
function finishInBackground(response: IncomingMessage, graceMs = 5_000): void {
	const timer = setTimeout(() => response.destroy(), graceMs);
	timer.unref();
	response.once('close', () => clearTimeout(timer));
	response.resume();
}
