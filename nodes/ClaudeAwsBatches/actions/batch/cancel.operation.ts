import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { batches } from '../../../api/batches';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';
import { batchIdField, readBatchId } from '../../helpers/batchLocator';

const displayOptions = { show: { resource: ['batch'], operation: ['cancel'] } };

export const description: INodeProperties[] = [
	batchIdField(displayOptions, 'The message batch to cancel. It becomes "canceling", then "ended"; requests already processed keep their results.'),
	tuningOnlyOptions(displayOptions),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<IDataObject> {
	return { ...(await batches.cancel(client, readBatchId(this, i))) } as unknown as IDataObject;
}
