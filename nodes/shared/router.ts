/**
 * The one router every action node uses: it reads resource and operation, makes the client once for
 * the execution (so every request of the run shares one back-off), runs the items and shapes the
 * outputs. Operations only say what one item does (`perItem`) or, when they need all items at once
 * (Create Batch, Get Results), what the run does (`execute`).
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../transport/client';
import { getClient } from './client';
import { toNodeError } from './errors';
import { runPerItem, type ItemResult } from './runPerItem';
import { readTuning, type RunTuning } from './tuning';

export interface RunContext {
	client: ClaudeAwsClient;
	tuning: RunTuning;
	/**
	 * A second client for long-lived event streams, made once per run on first use: a stream holds its
	 * in-flight slot for minutes, which must not starve the short calls of the same execution.
	 */
	streamClient: () => Promise<ClaudeAwsClient>;
}

export interface ItemOperation {
	perItem: (this: IExecuteFunctions, itemIndex: number, run: RunContext) => Promise<ItemResult>;
	/**
	 * For operations that create or send something: the ID of what one finished item did. When a later
	 * item fails the node, the error lists these, so a rerun or Retry On Fail does not do them twice.
	 */
	created?: (result: ItemResult) => string | undefined;
}

export interface RunOperation {
	execute: (this: IExecuteFunctions, run: RunContext) => Promise<INodeExecutionData[] | INodeExecutionData[][]>;
}

export type Operation = ItemOperation | RunOperation;

export interface RouterOptions {
	/** Resource assumed when the node has no resource selector (older saved workflows). */
	defaultResource?: string;
	/** How many outputs n8n drew for these parameters; operations returning fewer lists are padded. */
	outputCount?: (context: IExecuteFunctions) => number;
}

export function createRouter(resources: Record<string, Record<string, Operation>>, options: RouterOptions = {}) {
	return async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0, options.defaultResource ?? '') as string;
		const operationName = this.getNodeParameter('operation', 0) as string;
		const operations = Object.prototype.hasOwnProperty.call(resources, resource) ? resources[resource] : undefined;
		const operation = operations && Object.prototype.hasOwnProperty.call(operations, operationName) ? operations[operationName] : undefined;
		if (!operation) {
			throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
		}
		const tuning = readTuning(this);
		// A credential problem is named like any other: field, message and hint.
		const client = await getClient(this, tuning).catch((error: unknown) => {
			throw toNodeError(this.getNode(), error);
		});
		let streams: Promise<ClaudeAwsClient> | undefined;
		const run: RunContext = { client, tuning, streamClient: () => (streams ??= getClient(this, tuning)) };
		if ('execute' in operation) {
			// Whole-run operations name their item themselves; whatever escapes is still worded for people.
			const result = await operation.execute.call(this, run).catch((error: unknown) => {
				throw toNodeError(this.getNode(), error);
			});
			return shapeOutputs(Array.isArray(result[0]) ? (result as INodeExecutionData[][]) : [result as INodeExecutionData[]], options.outputCount?.(this));
		}
		const items = await runPerItem(this, (itemIndex) => operation.perItem.call(this, itemIndex, run), {
			concurrency: tuning.concurrency,
			created: operation.created,
		});
		return shapeOutputs([items], options.outputCount?.(this));
	};
}

/** The lists must match the outputs n8n drew from the same parameters. */
function shapeOutputs(lists: INodeExecutionData[][], declared: number | undefined): INodeExecutionData[][] {
	if (declared === undefined) return lists;
	while (lists.length < declared) lists.push([]);
	if (lists.length > declared) lists.splice(declared - 1, lists.length, lists.slice(declared - 1).flat());
	return lists;
}
