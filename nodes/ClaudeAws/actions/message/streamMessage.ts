/** One Messages call, streamed (so long answers never hit the non-streaming limits) and assembled. */
import type { ClaudeAwsClient } from '../../../transport/client';
import { assembleMessageStream, isMessageStop } from './assembleStream';
import type { Message, MessageParams } from './types';

export async function streamMessage(client: ClaudeAwsClient, params: MessageParams, signal?: AbortSignal): Promise<Message> {
	return await assembleMessageStream(client.sse({ method: 'POST', path: '/v1/messages', body: { ...params, stream: true }, signal }, isMessageStop));
}
