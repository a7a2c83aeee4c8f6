/** Delete: removes a file for good; the output says which one. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { files } from '../../../api/files';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';
import { fileIdProperty, readFileId } from '../../helpers/fileId';

const displayOptions = { show: { resource: ['file'], operation: ['delete'] } };

export const description: INodeProperties[] = [fileIdProperty(displayOptions), tuningOnlyOptions(displayOptions)];

export async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<IDataObject> {
	const id = readFileId(this, itemIndex);
	const answer = await files.delete(client, id);
	return { id: answer.id, deleted: true };
}
