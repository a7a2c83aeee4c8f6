/**
 * Result lines as n8n items: one per request, paired to the input item that asked for it when that is
 * known, optionally split into a main and an Errors output.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../transport/client';
import { simplifyMessage, StructuredOutputError } from './messageForm/simplify';
import type { Message } from '../api/messages/types';
import type { MessageBatch } from '../api/batches';
import { indexLookup, type CustomIdMap } from './customIdMap';
import { readBatchResults, type ResultLine } from '../api/batchResults';
import { createdFileIds, downloadCreatedFiles, failedFileOf } from './messageForm/createdFiles';
import { toNodeError } from './errors';

export interface ResultOptions {
	simplify: boolean;
	/** The requests asked for an Output Schema: parse each reply's text into `json`. */
	structuredOutput?: boolean;
	/** Errored, expired and canceled results go to a second output. */
	routeErrors: boolean;
	/** Files code execution or a skill made go into binaries of the result item (default); false lists their IDs. */
	downloadCreatedFiles?: boolean;
}

/** One batch to read, and how its results find their way back to items. */
export interface ResultSource {
	batch: MessageBatch;
	/** Index of the item of this node's input that asked for the results (fallback pairing). */
	inputIndex: number;
	map?: CustomIdMap;
	/**
	 * How a result whose original item is known points at it: 'input' when the items are this node's
	 * own input (Create), 'source' when they are the Create node's input earlier in this execution.
	 */
	pairTo?: 'input' | 'source';
}

export interface ResultOutputs {
	main: INodeExecutionData[];
	errors: INodeExecutionData[];
}

const REASONS: Record<string, string> = {
	expired: 'The request was not processed before the batch expired (24 hours after creation)',
	canceled: 'The request was not processed because the batch was canceled',
};

export function resultJson(line: ResultLine, batchId: string, simplify: boolean, originalIndex?: number, structuredOutput = false): IDataObject {
	const json: IDataObject = { custom_id: line.custom_id, result_type: line.result.type, batch_id: batchId };
	if (originalIndex !== undefined) json.input_index = originalIndex;
	const { result } = line;
	if (result.type === 'succeeded' && result.message) {
		if (simplify) Object.assign(json, simplified(result.message as unknown as Message, structuredOutput));
		else json.message = result.message as IDataObject;
	} else if (result.type === 'errored') {
		const error = result.error?.error ?? {};
		json.error = {
			type: error.type ?? 'api_error',
			message: error.message ?? 'The request failed',
			...(result.error?.request_id ? { request_id: result.error.request_id } : {}),
		};
	} else {
		json.error = { type: result.type, message: REASONS[result.type] ?? result.type };
	}
	return json;
}

/** Send Message's short form; a reply that should be JSON and is not keeps its text and says why, instead of failing every other result. */
function simplified(message: Message, structuredOutput: boolean): IDataObject {
	try {
		return simplifyMessage(message, { includeThinking: true, structuredOutput });
	} catch (error) {
		if (!(error instanceof StructuredOutputError)) throw error;
		return { ...simplifyMessage(message, { includeThinking: true }), json_error: error.message };
	}
}

/**
 * Reads each batch's results (one at a time, line by line) into items. When the original item of a
 * result is known, items come out in input order; otherwise in the order of the results file.
 */
export async function collectResults(
	context: IExecuteFunctions,
	client: ClaudeAwsClient,
	sources: ResultSource[],
	options: ResultOptions,
): Promise<ResultOutputs> {
	const main: Array<{ order: number; item: INodeExecutionData }> = [];
	const errors: Array<{ order: number; item: INodeExecutionData }> = [];
	const signal = context.getExecutionCancelSignal?.();
	let sequence = 0;
	for (const source of sources) {
		const lookup = source.map ? indexLookup(source.map) : undefined;
		const overwrite = source.pairTo === 'source' && source.map?.source ? source.map.source : undefined;
		for await (const line of readBatchResults(client, source.batch, signal)) {
			const originalIndex = lookup?.(line.custom_id);
			const json = resultJson(line, source.batch.id, options.simplify, originalIndex, options.structuredOutput);
			const pairedItem: IPairedItemData =
				originalIndex === undefined || !source.pairTo
					? { item: source.inputIndex }
					: overwrite
						? {
								item: originalIndex,
								sourceOverwrite: { previousNode: overwrite.node, previousNodeOutput: overwrite.output, previousNodeRun: overwrite.run },
							}
						: { item: originalIndex };
			// Known originals sort by their index; the rest keep file order after them.
			const order = originalIndex ?? Number.MAX_SAFE_INTEGER / 2 + sequence;
			sequence++;
			const target = options.routeErrors && line.result.type !== 'succeeded' ? errors : main;
			// Each result's files are fetched as it is read: only results that made files hold binaries.
			const ownItem = source.pairTo === 'input' && originalIndex !== undefined ? originalIndex : source.inputIndex;
			target.push({ order, item: await withCreatedFiles(context, client, line, { json, pairedItem }, options, ownItem) });
		}
	}
	const sorted = (list: typeof main) => list.sort((a, b) => a.order - b.order).map((entry) => entry.item);
	return { main: sorted(main), errors: sorted(errors) };
}

/**
 * The files a succeeded result's code execution or skills made, as on Send Message: downloaded into
 * binaries named as the Files API names them, or listed as created_file_ids. A download that fails
 * fails this result's item (an error item with Continue On Fail), naming the file.
 */
async function withCreatedFiles(
	context: IExecuteFunctions,
	client: ClaudeAwsClient,
	line: ResultLine,
	item: INodeExecutionData,
	options: ResultOptions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const message = line.result.type === 'succeeded' ? (line.result.message as unknown as Message | undefined) : undefined;
	const ids = message ? createdFileIds(message) : [];
	if (!ids.length) return item;
	if (options.downloadCreatedFiles === false) return { ...item, json: { ...item.json, created_file_ids: ids } };
	try {
		const downloaded = await downloadCreatedFiles(context, client, ids);
		return { ...item, json: { ...item.json, files: downloaded.files }, binary: downloaded.binary };
	} catch (error) {
		const nodeError = toNodeError(context.getNode(), error, itemIndex);
		const fileId = failedFileOf(error);
		if (fileId && !nodeError.message.includes(fileId)) nodeError.message = `File ${fileId}: ${nodeError.message}`;
		const about = `The download of file ${fileId ?? ids.join(', ')}, which Claude created for the result ${line.custom_id}, failed; with Download Created Files off the result lists the file IDs instead.`;
		nodeError.description = `${about}${nodeError.description ? ` ${nodeError.description}` : ''}`;
		if (!context.continueOnFail()) throw nodeError;
		const json: IDataObject = { custom_id: line.custom_id, result_type: line.result.type, batch_id: item.json.batch_id, error: nodeError.message, errorDescription: nodeError.description };
		if (item.json.input_index !== undefined) json.input_index = item.json.input_index;
		if (fileId) json.file_id = fileId;
		return { json, pairedItem: item.pairedItem };
	}
}
