/**
 * Runs one async operation per input item with bounded concurrency. Output keeps the input order, every
 * output item is paired to its input, and with Continue On Fail a failed item becomes `{ error }` for
 * that item alone. Without it, the first failure (in item order) fails the node once the running items
 * settle, and names what the finished items had already created.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toNodeError } from './errors';

/** Full n8n items (with binary data, say) returned by an operation, told apart from plain JSON results. */
export class ExecutionItems {
	constructor(readonly items: INodeExecutionData[]) {}
}

export type ItemResult = IDataObject | IDataObject[] | ExecutionItems;

export interface RunPerItemOptions {
	concurrency: number;
	items?: INodeExecutionData[];
	/** The ID of what a finished item created or sent (non-idempotent operations). */
	created?: (result: ItemResult) => string | undefined;
}

export async function runPerItem(
	context: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<ItemResult>,
	options: RunPerItemOptions,
): Promise<INodeExecutionData[]> {
	const items = options.items ?? context.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const done: Array<{ index: number; id?: string }> = [];
	const continueOnFail = context.continueOnFail();
	let next = 0;
	let firstFailure: { index: number; error: Error & { description?: string | null } } | undefined;

	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			if (firstFailure && !continueOnFail) return;
			try {
				const result = await operation(index);
				results[index] = toExecutionData(result, index);
				if (options.created) done.push({ index, id: options.created(result) });
			} catch (error) {
				const nodeError = toNodeError(context.getNode(), error, index);
				if (continueOnFail) {
					results[index] = [
						{
							json: { error: nodeError.message, ...(nodeError.description ? { errorDescription: nodeError.description } : {}) },
							pairedItem: { item: index },
						},
					];
				} else if (!firstFailure || index < firstFailure.index) {
					firstFailure = { index, error: nodeError };
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(options.concurrency, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (firstFailure) throw withDoneWork(firstFailure.error, done);
	return results.flat();
}

/** Items run concurrently: some finished what they create before another failed. Say which, by ID. */
function withDoneWork<E extends Error & { description?: string | null }>(error: E, done: Array<{ index: number; id?: string }>): E {
	if (done.length === 0) return error;
	const list = done
		.sort((a, b) => a.index - b.index)
		.slice(0, 50)
		.map((d) => `item ${d.index}${d.id ? ` (${d.id})` : ''}`)
		.join(', ');
	const more = done.length > 50 ? ` and ${done.length - 50} more` : '';
	error.description = `${error.description ? `${error.description} ` : ''}Already done before this failure, do not run them again: ${list}${more}.`;
	return error;
}

/** The ID field of an operation's result, for `created`. */
export function idOf(result: ItemResult, field: string): string | undefined {
	const json = result instanceof ExecutionItems ? result.items[0]?.json : Array.isArray(result) ? result[0] : result;
	const value = json?.[field];
	return typeof value === 'string' && value ? value : undefined;
}

function toExecutionData(result: ItemResult, index: number): INodeExecutionData[] {
	if (result instanceof ExecutionItems) {
		return result.items.map((data) => ({ ...data, pairedItem: data.pairedItem ?? { item: index } }));
	}
	const list = Array.isArray(result) ? result : [result];
	return list.map((json) => ({ json, pairedItem: { item: index } }));
}
