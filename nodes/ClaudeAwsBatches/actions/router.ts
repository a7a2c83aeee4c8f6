import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { getClient } from '../../shared/client';
import { toNodeError } from '../../shared/errors';
import { readTuning } from '../../shared/tuning';
import { configuredOutputs } from '../helpers/outputs';
import * as batch from './batch';

type Operation = keyof typeof batch & string;
const OPERATIONS = new Set<string>(['cancel', 'create', 'delete', 'get', 'getResults', 'list', 'waitUntilEnded']);

/** One client per execution, so every request of this run shares one back-off. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0, 'batch') as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource !== 'batch' || !OPERATIONS.has(operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const tuning = readTuning(this);
	// A credential problem is named like any other: field, message and hint (the other nodes do the same).
	const client = await getClient(this, tuning).catch((error: unknown) => {
		throw toNodeError(this.getNode(), error);
	});
	const handler = batch[operation as Operation] as { execute: (this: IExecuteFunctions, ...args: unknown[]) => Promise<INodeExecutionData[] | INodeExecutionData[][]> };
	const result = await handler.execute.call(this, client, tuning);
	// Operations that can have an Errors output return one list per output already; the lists must match
	// the outputs n8n drew from the same parameters.
	const lists = Array.isArray(result[0]) ? (result as INodeExecutionData[][]) : [result as INodeExecutionData[]];
	const declared = configuredOutputs(this.getNode().parameters).length;
	while (lists.length < declared) lists.push([]);
	if (lists.length > declared) lists.splice(declared - 1, lists.length, lists.slice(declared - 1).flat());
	return lists;
}
