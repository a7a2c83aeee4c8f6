/** Reads resource + operation, builds the client once for the execution, and hands over to the operation. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { getClient } from '../../shared/client';
import { toNodeError } from '../../shared/errors';
import { readTuning } from '../../shared/tuning';
import * as file from './file';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource !== 'file') throw new NodeOperationError(this.getNode(), `The resource "${resource}" is not known`);
	const run = file.operations[operation as keyof typeof file.operations];
	if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for files`);
	const tuning = readTuning(this);
	// A credential problem is named like any other: field, message and hint (the other nodes do the same).
	const client = await getClient(this, tuning).catch((error: unknown) => {
		throw toNodeError(this.getNode(), error);
	});
	return run.execute.call(this, client, tuning);
}
