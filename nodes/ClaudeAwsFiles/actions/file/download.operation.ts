/** Download: metadata first (name, MIME, downloadable), then the content streamed into n8n's binary data store. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestTuningOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import { files } from '../../../api/files';
import { downloadToBinary } from '../../../shared/binaryDownload';
import type { RunContext } from '../../../shared/router';
import { ExecutionItems } from '../../../shared/runPerItem';
import { fileIdProperty, readFileId } from '../../helpers/fileId';

const displayOptions = { show: { resource: ['file'], operation: ['download'] } };

export const description: INodeProperties[] = [
	fileIdProperty(displayOptions),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. result.csv',
				description: 'Name to give the downloaded file, instead of the name stored with it',
			},
			...requestTuningOptions,
		],
	},
];

export async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<ExecutionItems> {
	const context = this;
	const node = context.getNode();
	const id = readFileId(context, itemIndex);
	const propertyName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!propertyName) throw parameterError(node, 'Put Output File in Field', 'no binary field name was given', itemIndex, 'Enter the name of the binary field to put the file in, usually "data".');
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const metadata = (await files.retrieve(client, id)) as unknown as IDataObject;
	if (metadata.downloadable === false) {
		throw parameterError(
			node,
			'File',
			`the file ${id} ("${String(metadata.filename ?? '')}") cannot be downloaded`,
			itemIndex,
			'The Files API only lets you download files that Claude created with a tool such as code execution; files you uploaded yourself are not downloadable.',
		);
	}
	const fileName = String(options.fileName ?? '').trim() || String(metadata.filename ?? '') || id;
	const mimeType = String(metadata.mime_type ?? '') || 'application/octet-stream';

	const response = await files.content(client, id, context.getExecutionCancelSignal());
	const binary = await downloadToBinary(context, response, { what: `file ${id}`, path: `/v1/files/${id}/content`, fileName, mimeType, sizeBytes: metadata.size_bytes });
	return new ExecutionItems([{ json: metadata, binary: { [propertyName]: binary } }]);
}
