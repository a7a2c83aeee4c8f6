/**
 * Files for code execution and skills: a binary Claude cannot read directly (CSV, XLSX, DOCX, ZIP...)
 * is uploaded to the Files API, streamed as Files > Upload streams it, and attached as a
 * `container_upload` block; the uploads of an item can be deleted once the item is done.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { files } from '../../api/files';
import type { ClaudeAwsClient } from '../../transport/client';
import { multipartFile } from '../../transport/multipart';
import { binarySource, type BinarySource } from '../binaryInput';
import { parameterError } from '../errors';
import { PROMPT_PARAMETERS as P } from './parameters';

/** The Files API's per-file limit (500 MiB). */
export const containerUploadLimits = { maxBytes: 500 * 1024 * 1024 };

export interface ContainerUploads {
	/** Uploads one binary property of the item; returns the file ID. */
	upload(itemIndex: number, propertyName: string, binary: IBinaryData): Promise<string>;
	/** IDs uploaded so far. */
	readonly uploaded: string[];
	/** Deletes what was uploaded; a file that cannot be deleted is left (it expires with the Files API's own rules). */
	cleanup(): Promise<string[]>;
}

/**
 * The checks an upload makes before anything is sent (empty, over the Files limit), naming the parameter
 * and the item; the bytes are not read when n8n keeps them outside the item. Create Batch runs it for
 * every item before its first upload.
 */
export async function checkUploadable(context: IExecuteFunctions, itemIndex: number, propertyName: string): Promise<BinarySource> {
	const source = await binarySource(context, itemIndex, propertyName, P.binaryProperties.label);
	const { size } = source;
	if (size === 0) throw parameterError(context.getNode(), P.binaryProperties.label, `binary property "${propertyName}" is empty`, itemIndex);
	if (size !== undefined && size > containerUploadLimits.maxBytes) {
		throw parameterError(
			context.getNode(),
			P.binaryProperties.label,
			`binary property "${propertyName}" is ${Math.ceil(size / 1024 / 1024)} MiB, more than the Files API's limit of ${containerUploadLimits.maxBytes / 1024 / 1024} MiB`,
			itemIndex,
		);
	}
	return source;
}

/** Streams one binary property of the item to the Files API; returns the file ID. */
export async function uploadBinary(context: IExecuteFunctions, client: ClaudeAwsClient, itemIndex: number, propertyName: string, binary: IBinaryData): Promise<string> {
	const { open, size } = await checkUploadable(context, itemIndex, propertyName);
	const body = multipartFile({ fieldName: 'file', fileName: binary.fileName ?? propertyName, contentType: binary.mimeType || 'application/octet-stream', open, size });
	const file = await files.upload(client, { open: body.open, contentType: body.contentType, contentLength: body.contentLength }, { signal: context.getExecutionCancelSignal() });
	return file.id;
}

export function containerUploads(context: IExecuteFunctions, client: ClaudeAwsClient): ContainerUploads {
	const uploaded: string[] = [];
	return {
		uploaded,
		async upload(itemIndex, propertyName, binary) {
			const id = await uploadBinary(context, client, itemIndex, propertyName, binary);
			uploaded.push(id);
			return id;
		},
		async cleanup() {
			const deleted: string[] = [];
			for (const id of uploaded.splice(0)) {
				try {
					await files.delete(client, id);
					deleted.push(id);
				} catch {
					// The answer is what the user ran the node for; a file left behind does not undo it.
				}
			}
			return deleted;
		},
	};
}
