/**
 * Builds every item's request (the Messages node's own builder) and packs them into as few batches as
 * the API's limits allow: at most batchLimits.maxRequests requests and batchLimits.maxBytes of JSON
 * each. Each request is turned into JSON once, as it is built, and only its bytes are kept (in its
 * batch's body, hashed as it grows: see api/batchBody.ts), so nothing is sent before every item has
 * been checked and 100,000 request objects are never alive at once.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { buildMessageParams, type BuildOptions } from '../../shared/messageForm/buildRequest';
import { parameterError } from '../../shared/errors';
import { batchLimits } from '../../api/batchLimits';
import { BatchBodyBuilder, ENVELOPE_BYTES, serializeRequest, type BatchBody, type SerializedRequest } from '../../api/batchBody';

export interface PlannedBatch {
	/** The creation body, {"requests":[...]}, ready to stream; its chunks are let go once it is sent. */
	body: BatchBody;
	/** Input item index of each request. */
	itemIndexes: number[];
	/** Size of the creation body in bytes. */
	bytes: number;
}

export async function planBatches(
	context: IExecuteFunctions,
	customIds: Array<string | undefined>,
	onError: (error: Error, itemIndex: number) => void,
	build?: BuildOptions,
): Promise<PlannedBatch[]> {
	const node = context.getNode();
	const { maxRequests, maxBytes } = batchLimits;
	const batches: PlannedBatch[] = [];
	let current: { builder: BatchBodyBuilder; itemIndexes: number[] } | undefined;
	const close = () => current && batches.push({ body: current.builder.finish(), itemIndexes: current.itemIndexes, bytes: current.builder.bytes });
	let lastBreath = Date.now();
	for (let i = 0; i < customIds.length; i++) {
		const customId = customIds[i];
		if (customId === undefined) continue;
		if (Date.now() - lastBreath > BREATHE_EVERY_MS) {
			await breathe();
			lastBreath = Date.now();
		}
		let request: SerializedRequest;
		try {
			request = serializeRequest(customId, await buildMessageParams(context, i, build));
			const bytes = request.bytes;
			if (bytes + ENVELOPE_BYTES > maxBytes) {
				throw parameterError(
					node,
					'Prompt',
					`the request of this item is ${formatBytes(bytes)}, more than one batch can hold (${formatBytes(maxBytes)})`,
					i,
					'Make the prompt or its attachments smaller, or upload large files with the Files API and attach them by file ID.',
				);
			}
		} catch (error) {
			onError(error as Error, i);
			continue;
		}
		if (!current || current.builder.requests >= maxRequests || current.builder.bytesWith(request) > maxBytes) {
			close();
			current = { builder: new BatchBodyBuilder(), itemIndexes: [] };
		}
		current.builder.add(request);
		current.itemIndexes.push(i);
	}
	close();
	return batches;
}

/**
 * Building 100,000 requests takes seconds of mostly synchronous work (expressions resolve in
 * microtasks). Letting the event loop run now and then keeps n8n responsive and lets idle keep-alive
 * sockets that the gateway closed meanwhile leave the pool: otherwise the batch create, which is never
 * resent, could go out on such a dead socket and fail with ECONNRESET.
 */
const BREATHE_EVERY_MS = 25;

export function breathe(): Promise<void> {
	return new Promise((resolve) => setTimeout(() => setImmediate(resolve), 0));
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1_000_000) return `${Math.round(bytes / 100_000) / 10} MB`;
	if (bytes >= 1_000) return `${Math.round(bytes / 100) / 10} kB`;
	return `${bytes} bytes`;
}
