/** Upload: an item's binary property, streamed as multipart to POST /v1/files. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestTuningOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import { files } from '../../../api/files';
import type { RunContext } from '../../../shared/router';
import type { ItemResult } from '../../../shared/runPerItem';
import { multipartFile } from '../../../transport/multipart';
import { binarySource, INPUT_BINARY_FIELD } from '../../../shared/binaryInput';
import { formatBytes, MAX_EXPIRY_HOURS, MIN_EXPIRY_HOURS, uploadLimits } from '../../helpers/constants';

const displayOptions = { show: { resource: ['file'], operation: ['upload'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the file to upload',
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
				displayName: 'Expires After (Hours)',
				name: 'expiresInHours',
				type: 'number',
				typeOptions: { minValue: MIN_EXPIRY_HOURS, maxValue: MAX_EXPIRY_HOURS },
				default: 24,
				description: 'Delete the file automatically this many hours after the upload (1 to 2160, i.e. 90 days). Without it the file is kept until deleted.',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. report.pdf',
				description: 'Name to store the file under, instead of the binary data\'s own file name',
			},
			{
				displayName: 'MIME Type',
				name: 'mimeType',
				type: 'string',
				default: '',
				placeholder: 'e.g. application/pdf',
				description: 'MIME type to send, instead of the binary data\'s own MIME type',
			},
			...requestTuningOptions,
		],
	},
];

/** Uploads are not idempotent: when another item fails the node, the error names the files already stored. */
export const created = (result: ItemResult) => String((result as IDataObject).id ?? '') || undefined;

export async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<IDataObject> {
	const context = this;
	const node = context.getNode();
	const propertyName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!propertyName) throw parameterError(node, INPUT_BINARY_FIELD, 'no binary field name was given', itemIndex, 'Enter the name of the binary field that holds the file, usually "data".');
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const source = await binarySource(context, itemIndex, propertyName);
	if (source.size === 0) {
		throw parameterError(node, INPUT_BINARY_FIELD, `the file in "${propertyName}" is empty`, itemIndex, 'The Files API does not accept empty files. Check the node that produced it.');
	}
	if (source.size !== undefined && source.size > uploadLimits.maxBytes) {
		throw parameterError(
			node,
			INPUT_BINARY_FIELD,
			`the file in "${propertyName}" is ${formatBytes(source.size)}, larger than the Files API's limit of ${formatBytes(uploadLimits.maxBytes)}`,
			itemIndex,
			'Split the document, or compress it, before uploading.',
		);
	}

	const fileName = String(options.fileName ?? '').trim() || source.binary.fileName || '';
	const contentType = String(options.mimeType ?? '').trim() || source.binary.mimeType || 'application/octet-stream';
	if (/[\r\n]/.test(contentType) || !/^[\w.+-]+\/[\w.+-]+/.test(contentType)) {
		throw parameterError(node, 'MIME Type', `"${contentType}" is not a MIME type`, itemIndex, 'Use a type/subtype value such as application/pdf or text/plain.');
	}

	const fields: Record<string, string> = {};
	if (options.expiresInHours !== undefined && options.expiresInHours !== '') {
		const hours = Number(options.expiresInHours);
		if (!Number.isInteger(hours) || hours < MIN_EXPIRY_HOURS || hours > MAX_EXPIRY_HOURS) {
			throw parameterError(node, 'Expires After (Hours)', `${String(options.expiresInHours)} is not a whole number of hours from ${MIN_EXPIRY_HOURS} to ${MAX_EXPIRY_HOURS}`, itemIndex);
		}
		fields.expires_in_seconds = String(hours * 3600);
	}

	const body = multipartFile({ fieldName: 'file', fileName, contentType, open: source.open, size: source.size, fields });
	return (await files.upload(client, { open: body.open, contentType: body.contentType, contentLength: body.contentLength })) as unknown as IDataObject;
}
