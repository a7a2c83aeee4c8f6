/**
 * Runs one async operation per input item with bounded concurrency. Output keeps the input order, every
 * output item is paired to its input, and with Continue On Fail a failed item becomes `{ error }` for
 * that item alone. Without it, the first failure (in item order) fails the node once the running items settle.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toNodeError } from './errors';

/** Full n8n items (with binary data, say) returned by an operation, told apart from plain JSON results. */
export class ExecutionItems {
	constructor(readonly items: INodeExecutionData[]) {}
}

export type ItemResult = IDataObject | IDataObject[] | ExecutionItems;

export async function runPerItem(
	context: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<ItemResult>,
	options: { concurrency: number; items?: INodeExecutionData[] },
): Promise<INodeExecutionData[]> {
	const items = options.items ?? context.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = context.continueOnFail();
	let next = 0;
	let firstFailure: { index: number; error: Error } | undefined;

	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			if (firstFailure && !continueOnFail) return;
			try {
				results[index] = toExecutionData(await operation(index), index);
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
	if (firstFailure) throw firstFailure.error;
	return results.flat();
}

function toExecutionData(result: ItemResult, index: number): INodeExecutionData[] {
	if (result instanceof ExecutionItems) {
		return result.items.map((data) => ({ ...data, pairedItem: data.pairedItem ?? { item: index } }));
	}
	const list = Array.isArray(result) ? result : [result];
	return list.map((json) => ({ json, pairedItem: { item: index } }));
}
