/**
 * Polls batches until they have ended: short intervals first (small batches end quickly), growing
 * to a ceiling, never past the caller's limit. No connection is held open between polls.
 */
import type { ClaudeAwsClient } from '../../transport/client';
import { ClaudeAbortedError } from '../../transport/errors';
import { sleep } from '../../transport/sleep';
import { batches, type MessageBatch } from '../../api/batches';

export interface WaitOptions {
	/** Give up after this long (the error names the batches still running). */
	maxWaitMs: number;
	firstIntervalMs: number;
	/** Ceiling of the growing interval. */
	maxIntervalMs?: number;
	signal?: AbortSignal;
}

const GROWTH = 1.5;
const DEFAULT_MAX_INTERVAL_MS = 60_000;

export class BatchWaitTimeoutError extends Error {
	constructor(readonly batches: MessageBatch[], waitedMs: number) {
		const list = batches.map((b) => `${b.id} (${b.processing_status})`).join(', ');
		super(
			`Batch${batches.length === 1 ? '' : 'es'} ${list} had not ended after ${formatDuration(waitedMs)}; ${batches.length === 1 ? 'it keeps' : 'they keep'} processing`,
		);
		this.name = 'BatchWaitTimeoutError';
	}
}

export async function waitUntilEnded(client: ClaudeAwsClient, batchIds: string[], options: WaitOptions): Promise<MessageBatch[]> {
	const started = Date.now();
	const done = new Map<string, MessageBatch>();
	let interval = Math.max(1, options.firstIntervalMs);
	const ceiling = Math.max(interval, options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS);
	for (;;) {
		const running: MessageBatch[] = [];
		for (const id of batchIds) {
			if (done.has(id)) continue;
			const batch = await batches.retrieve(client, id, options.signal);
			if (batch.processing_status === 'ended') done.set(id, batch);
			else running.push(batch);
		}
		if (running.length === 0) return batchIds.map((id) => done.get(id)!);
		const elapsed = Date.now() - started;
		const left = options.maxWaitMs - elapsed;
		if (left <= 0) throw new BatchWaitTimeoutError(running, elapsed);
		await sleep(Math.min(interval, left), options.signal).catch((error: unknown) => {
			throw error instanceof ClaudeAbortedError ? new ClaudeAbortedError('The execution was cancelled while waiting for the batch') : error;
		});
		interval = Math.min(ceiling, interval * GROWTH);
	}
}

function formatDuration(ms: number): string {
	if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
	return `${Math.round(ms / 6_000) / 10} min`;
}
