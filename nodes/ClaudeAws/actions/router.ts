/** Reads resource and operation, makes the client once for the execution, and runs the operation. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { getClient } from '../../shared/client';
import { toNodeError } from '../../shared/errors';
import { readTuning } from '../../shared/tuning';
import * as message from './message';
import * as model from './model';

type Operation = (typeof message)['send']['execute'];

const operations: Record<string, Record<string, Operation>> = {
	message: { send: message.send.execute, countTokens: message.countTokens.execute },
	model: { list: model.list.execute, get: model.get.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	const tuning = readTuning(this);
	try {
		const client = await getClient(this, tuning);
		return [await run.call(this, client, tuning)];
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
