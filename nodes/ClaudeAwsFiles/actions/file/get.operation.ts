/** Get: one file's metadata. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { files } from '../../../api/files';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';
import { fileIdProperty, readFileId } from '../../helpers/fileId';

const displayOptions = { show: { resource: ['file'], operation: ['get'] } };

export const description: INodeProperties[] = [fileIdProperty(displayOptions), tuningOnlyOptions(displayOptions)];

export async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<IDataObject> {
	return (await files.retrieve(client, readFileId(this, itemIndex))) as unknown as IDataObject;
}
