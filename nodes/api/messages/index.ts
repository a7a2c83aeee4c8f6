/** messages: create (always streamed, so long answers never hit the non-streaming limits) and count_tokens. */
import type { ClaudeAwsClient } from '../../transport/client';
import { route } from '../path';
import { call, defineNoun } from '../resource';
import { assembleMessageStream, isMessageStop } from './assembleStream';
import type { CountTokensParams, Message, MessageParams } from './types';

export const MESSAGE = defineNoun('message', 'id');

export const messages = {
	noun: MESSAGE,
	/** One Messages call, streamed and assembled into the Message the non-streaming call would return. */
	stream: (client: ClaudeAwsClient, params: MessageParams, signal?: AbortSignal): Promise<Message> =>
		assembleMessageStream(client.sse({ method: 'POST', path: route`/v1/messages`, body: { ...params, stream: true }, signal }, isMessageStop)),
	countTokens: (client: ClaudeAwsClient, params: CountTokensParams) =>
		call<{ input_tokens: number }>(client, MESSAGE, { method: 'POST', path: route`/v1/messages/count_tokens`, body: params }, ['input_tokens']),
};
