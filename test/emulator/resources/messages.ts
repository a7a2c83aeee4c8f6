/**
 * Messages: `POST /v1/messages` (JSON, or SSE with `stream: true`) and `POST /v1/messages/count_tokens`.
 * Replies are deterministic; see messageReply.ts for the rules.
 */
import type { Emulator, RouteContext, Router } from '../types';
import { buildReply, countInputTokens } from './messageReply';
import { requestBetas } from './messageBetas';
import { messageEvents } from './messageStream';
import { validateMessageParams } from './messageValidate';

/** The API's request size limit for Messages. */
export const MESSAGES_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Pause between SSE events so they leave as separate writes, like a model generating. */
const EVENT_GAP_MS = 1;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createMessage(ctx: RouteContext): Promise<void> {
	const params = ctx.json();
	validateMessageParams(params, { emulator: ctx.emulator, betas: requestBetas(ctx.headers['anthropic-beta']) });
	const message = buildReply(params, undefined, ctx.emulator);
	if (params.stream !== true) {
		ctx.send(200, message);
		return;
	}
	const sse = ctx.sse();
	for (const { event, data } of messageEvents(message)) {
		if (ctx.res.destroyed) return;
		sse.event(event, data);
		await pause(EVENT_GAP_MS);
	}
	sse.end();
}

function countTokens(ctx: RouteContext): void {
	const params = ctx.json();
	validateMessageParams(params, { countTokens: true, emulator: ctx.emulator, betas: requestBetas(ctx.headers['anthropic-beta']) });
	ctx.send(200, { input_tokens: countInputTokens(params) });
}

export function register(router: Router, _emulator: Emulator): void {
	router.add('POST', '/v1/messages', createMessage, { maxBodyBytes: MESSAGES_MAX_BODY_BYTES });
	router.add('POST', '/v1/messages/count_tokens', countTokens, { maxBodyBytes: MESSAGES_MAX_BODY_BYTES });
}
