/** List: the workspace's files, newest first, following page tokens. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { files } from '../../../api/files';
import { readReturnAllAndLimit, returnAllAndLimit, tuningOnlyOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';

const displayOptions = { show: { resource: ['file'], operation: ['list'] } };

export const description: INodeProperties[] = [...returnAllAndLimit(displayOptions), tuningOnlyOptions(displayOptions)];

export async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<IDataObject[]> {
	return (await files.list(client, readReturnAllAndLimit(this, itemIndex))) as unknown as IDataObject[];
}
