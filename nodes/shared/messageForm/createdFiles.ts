/**
 * Files Claude made in code execution or a skill: their IDs are in the tool result blocks of the answer
 * (`*_output` entries with a file_id). They are downloaded into binary properties of the output item,
 * streamed into n8n's binary store and named as the Files API names them.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { files } from '../../api/files';
import type { Message } from '../../api/messages/types';
import type { ClaudeAwsClient } from '../../transport/client';
import { downloadToBinary } from '../binaryDownload';

/** The option, the same on Send Message and on the batch results (Create Batch with Output Results, Get Results). */
export const downloadCreatedFilesOption: INodeProperties = {
	displayName: 'Download Created Files',
	name: 'downloadCreatedFiles',
	type: 'boolean',
	default: true,
	description: 'Whether files Claude created with code execution or a skill are downloaded into binary properties of the output item (named like the files); off leaves them as file IDs',
};

/** The file IDs of the answer's tool results, in order, each once. */
export function createdFileIds(message: Pick<Message, 'content'>): string[] {
	const ids = new Set<string>();
	for (const block of message.content ?? []) {
		if (!block.type.endsWith('_tool_result')) continue;
		const result = block.content as { content?: unknown } | undefined;
		for (const entry of Array.isArray(result?.content) ? (result.content as IDataObject[]) : []) {
			if (typeof entry?.file_id === 'string' && String(entry.type ?? '').endsWith('_output')) ids.add(entry.file_id);
		}
	}
	return [...ids];
}

export interface DownloadedFiles {
	binary: IBinaryKeyData;
	/** One entry per file: its ID, name, type, size and the binary property that holds it. */
	files: IDataObject[];
}

/** Which file a failed download was about, for callers that must name it (a batch result among thousands). */
const failedFiles = new WeakMap<object, string>();

export function failedFileOf(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null ? failedFiles.get(error) : undefined;
}

export async function downloadCreatedFiles(context: IExecuteFunctions, client: ClaudeAwsClient, ids: string[]): Promise<DownloadedFiles> {
	const binary: IBinaryKeyData = {};
	const list: IDataObject[] = [];
	for (const id of ids) {
		try {
			await downloadOne(context, client, id, binary, list);
		} catch (error) {
			if (typeof error === 'object' && error !== null) failedFiles.set(error, id);
			throw error;
		}
	}
	return { binary, files: list };
}

async function downloadOne(context: IExecuteFunctions, client: ClaudeAwsClient, id: string, binary: IBinaryKeyData, list: IDataObject[]): Promise<void> {
	const meta = await files.retrieve(client, id);
	const fileName = meta.filename || id;
	const mimeType = meta.mime_type || 'application/octet-stream';
	let property = fileName;
	for (let n = 2; property in binary; n++) property = `${fileName} (${n})`;
	const response = await files.content(client, id, context.getExecutionCancelSignal());
	binary[property] = await downloadToBinary(context, response, { what: `file ${id}`, path: `/v1/files/${id}/content`, fileName, mimeType, sizeBytes: meta.size_bytes });
	list.push({ file_id: id, filename: fileName, mime_type: mimeType, size_bytes: meta.size_bytes, binary_property: property });
}
