import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { batches } from '../../../api/batches';
import { readReturnAllAndLimit, returnAllAndLimit, tuningOnlyOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';

const displayOptions = { show: { resource: ['batch'], operation: ['list'] } };

export const description: INodeProperties[] = [...returnAllAndLimit(displayOptions), tuningOnlyOptions(displayOptions)];

/** Newest first, as the API lists them; one output item per batch. */
export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<IDataObject[]> {
	const list = await batches.list(client, readReturnAllAndLimit(this, i));
	return list.map((batch) => ({ ...batch }) as unknown as IDataObject);
}
