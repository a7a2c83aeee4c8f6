import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { batches } from '../../../api/batches';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';
import { batchIdField, readBatchId } from '../../helpers/batchLocator';

const displayOptions = { show: { resource: ['batch'], operation: ['get'] } };

export const description: INodeProperties[] = [batchIdField(displayOptions, 'The message batch to get'), tuningOnlyOptions(displayOptions)];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<IDataObject> {
	return { ...(await batches.retrieve(client, readBatchId(this, i))) } as unknown as IDataObject;
}
