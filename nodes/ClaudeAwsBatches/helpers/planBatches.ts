/**
 * Builds every item's request (the Messages node's own builder) and packs them into as few batches as
 * the API's limits allow: at most batchLimits.maxRequests requests and batchLimits.maxBytes of JSON
 * each. Each request is measured as it is built (its JSON is made once and dropped; only the request
 * object is kept), so nothing is sent before every item has been checked.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { buildMessageParams } from '../../shared/messageForm/buildRequest';
import type { MessageParams } from '../../api/messages/types';
import { parameterError } from '../../shared/errors';
import { batchLimits } from '../../api/batchLimits';

export interface BatchRequest {
	custom_id: string;
	params: MessageParams;
}

export interface PlannedBatch {
	requests: BatchRequest[];
	/** Input item index of each request. */
	itemIndexes: number[];
	/** Size of the creation body, {"requests":[...]}, in bytes. */
	bytes: number;
}

/** `{"requests":[` and `]}` around the comma-separated requests. */
const ENVELOPE_BYTES = Buffer.byteLength('{"requests":[]}');

export async function planBatches(
	context: IExecuteFunctions,
	customIds: Array<string | undefined>,
	onError: (error: Error, itemIndex: number) => void,
): Promise<PlannedBatch[]> {
	const node = context.getNode();
	const { maxRequests, maxBytes } = batchLimits;
	const batches: PlannedBatch[] = [];
	let current: PlannedBatch | undefined;
	let lastBreath = Date.now();
	for (let i = 0; i < customIds.length; i++) {
		const customId = customIds[i];
		if (customId === undefined) continue;
		if (Date.now() - lastBreath > BREATHE_EVERY_MS) {
			await breathe();
			lastBreath = Date.now();
		}
		let request: BatchRequest;
		let bytes: number;
		try {
			request = { custom_id: customId, params: await buildMessageParams(context, i) };
			bytes = Buffer.byteLength(JSON.stringify(request));
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
		const separator = current && current.requests.length > 0 ? 1 : 0;
		if (!current || current.requests.length >= maxRequests || current.bytes + separator + bytes > maxBytes) {
			current = { requests: [], itemIndexes: [], bytes: ENVELOPE_BYTES };
			batches.push(current);
		}
		current.bytes += (current.requests.length > 0 ? 1 : 0) + bytes;
		current.requests.push(request);
		current.itemIndexes.push(i);
	}
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
