import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { batches } from '../../../api/batches';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';
import { batchIdField, readBatchId } from '../../helpers/batchLocator';

const displayOptions = { show: { resource: ['batch'], operation: ['delete'] } };

export const description: INodeProperties[] = [
	batchIdField(displayOptions, 'The message batch to delete, with its results. Only ended batches can be deleted: cancel a running one first.'),
	tuningOnlyOptions(displayOptions),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<IDataObject> {
	const answer = await batches.delete(client, readBatchId(this, i));
	return { id: answer.id, deleted: true };
}
