/**
 * Streams a batch's JSONL results line by line and proves the download complete: every line parses,
 * no custom_id repeats, and the line count equals the batch's request counts. Anything less is an
 * error, never a short list. Only one line (plus one network chunk) is held at a time.
 */
import type { ClaudeAwsClient } from '../transport/client';
import { ClaudeConfigError, ClaudeStreamError } from '../transport/errors';
import { readJsonLines } from '../transport/jsonLines';
import { resultCount, type MessageBatch } from './batches';

export type ResultType = 'succeeded' | 'errored' | 'canceled' | 'expired';

export interface ResultLine {
	custom_id: string;
	result: {
		type: ResultType;
		message?: Record<string, unknown>;
		error?: { type?: string; error?: { type?: string; message?: string }; request_id?: string | null };
	};
}

const RESULT_TYPES = new Set<string>(['succeeded', 'errored', 'canceled', 'expired']);

export class BatchNotEndedError extends Error {
	constructor(readonly batch: MessageBatch) {
		super(
			`Batch ${batch.id} is ${batch.processing_status}, so it has no results yet; results can be downloaded once it has ended`,
		);
		this.name = 'BatchNotEndedError';
	}
}

/** Checked before any download: results exist only for ended batches. */
export function assertEnded(batch: MessageBatch): void {
	if (batch.processing_status !== 'ended') throw new BatchNotEndedError(batch);
	if (!batch.results_url) {
		throw new Error(`Batch ${batch.id} has ended but has no results_url; its results may have been archived (archived_at ${batch.archived_at ?? 'unknown'})`);
	}
}

export async function* readBatchResults(client: ClaudeAwsClient, batch: MessageBatch, signal?: AbortSignal): AsyncGenerator<ResultLine> {
	assertEnded(batch);
	const expected = resultCount(batch.request_counts);
	const location = resultsLocation(client, batch);
	const response = await client.stream({ method: 'GET', path: location, headers: { accept: 'application/binary' }, signal });
	const path = new URL(location, client.baseUrl).pathname;
	const broken = (what: string) =>
		new ClaudeStreamError(`The results of batch ${batch.id} could not be read completely: ${what}`, path, response.requestId);
	const seen = new Set<string>();
	let count = 0;
	try {
		for await (const value of readJsonLines<unknown>(response.body)) {
			const line = value as ResultLine;
			if (!line || typeof line.custom_id !== 'string' || !line.result || !RESULT_TYPES.has(line.result.type)) {
				throw broken(`line ${count + 1} is not a batch result (${JSON.stringify(value).slice(0, 120)})`);
			}
			if (seen.has(line.custom_id)) throw broken(`custom_id '${line.custom_id}' appears twice`);
			seen.add(line.custom_id);
			count++;
			yield line;
		}
	} catch (error) {
		if (error instanceof ClaudeStreamError) throw error;
		throw broken(`${(error as Error).message} after ${count} of ${expected} lines`);
	} finally {
		if (!response.body.readableEnded) response.body.destroy();
	}
	if ('complete' in response.body && (response.body as { complete?: boolean }).complete === false) {
		throw broken(`the download was cut after ${count} of ${expected} lines`);
	}
	if (count !== expected) {
		throw broken(`got ${count} result lines, but the batch reports ${expected} requests (${describeCounts(batch)})`);
	}
}

/**
 * Where to read the results. A gateway behind a proxy or VPC endpoint may name its public host in
 * results_url: with a Base URL set, the results path and query are read through the Base URL's origin
 * (the only host this credential signs for); without one, the region's gateway is the only host
 * accepted. A signature or key is never sent anywhere else.
 */
export function resultsLocation(client: ClaudeAwsClient, batch: Pick<MessageBatch, 'id' | 'results_url'>): string {
	let url: URL;
	try {
		url = new URL(batch.results_url ?? '');
	} catch {
		throw new ClaudeStreamError(`Batch ${batch.id} names results_url "${String(batch.results_url).slice(0, 120)}", which is not a URL`, '/v1/messages/batches', undefined);
	}
	if (url.origin === client.baseUrl.origin) return url.href;
	if (client.config.baseUrl && url.protocol.startsWith('http') && url.pathname.startsWith('/v1/')) return `${url.pathname}${url.search}`;
	throw new ClaudeConfigError(
		'Base URL',
		`Batch ${batch.id} has its results at ${url.origin}, which is not the gateway ${client.baseUrl.origin}; they were not requested, so no signature left for another host.`,
		'If you reach the gateway through a proxy or VPC endpoint, set it as the Base URL of the credential: results are then read through it.',
	);
}

function describeCounts(batch: MessageBatch): string {
	const c = batch.request_counts;
	return `${c.succeeded} succeeded, ${c.errored} errored, ${c.canceled} canceled, ${c.expired} expired`;
}
