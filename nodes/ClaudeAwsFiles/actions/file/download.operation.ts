/** Download: metadata first (name, MIME, downloadable), then the content streamed into n8n's binary data store. */
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestTuningOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import { files } from '../../../api/files';
import type { RunContext } from '../../../shared/router';
import { ExecutionItems } from '../../../shared/runPerItem';
import { ClaudeStreamError } from '../../../transport/errors';
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
	const path = `/v1/files/${id}/content`;
	// Counted on the way through: a body that ends short must fail the item, never yield a truncated file.
	let received = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			received += chunk.length;
			done(null, chunk);
		},
	});
	const piped = pipeline(response.body, counter);
	let binary;
	try {
		[binary] = await Promise.all([context.helpers.prepareBinaryData(counter, fileName, mimeType), piped]);
	} catch (error) {
		response.body.destroy();
		counter.destroy();
		throw new ClaudeStreamError(`The download of file ${id} broke off after ${received} bytes: ${(error as Error).message}.`, path, response.requestId);
	}
	// Both must hold: a body can end exactly at its own Content-Length and still not be the whole file.
	for (const expected of expectedSizes(response.headers['content-length'], metadata.size_bytes)) {
		if (received !== expected) {
			throw new ClaudeStreamError(`The download of file ${id} ended after ${received} of ${expected} bytes.`, path, response.requestId);
		}
	}
	return new ExecutionItems([{ json: metadata, binary: { [propertyName]: binary } }]);
}

/** The sizes the content must have: its Content-Length, and the file's size_bytes from its metadata. */
function expectedSizes(contentLength: string | undefined, sizeBytes: unknown): number[] {
	const fromHeader = contentLength !== undefined ? Number(contentLength) : NaN;
	return [...new Set([fromHeader, typeof sizeBytes === 'number' ? sizeBytes : NaN].filter((n) => Number.isFinite(n)))];
}
