/** The "File" resource locator shared by Get, Download and Delete, and the 404 that names the file. */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterError } from '../../shared/errors';
import { ClaudeApiError } from '../../transport/errors';

export function fileIdProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'File',
		name: 'fileId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The file to use',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchFiles', searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. file_011CNha8iCJcU1wXNR6q4V8w',
				// No `validation` regex: n8n runs those with a 250 ms watchdog that a busy host can trip,
				// failing the whole workflow; readFileId checks the ID at run time instead.
			},
		],
	};
}

/** The file ID of an item, trimmed; empty or malformed ⇒ a parameter error before any request. */
export function readFileId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('fileId', itemIndex, '', { extractValue: true }) as unknown;
	// A mapped object (the whole file instead of its id) would otherwise read as "no file ID was given".
	if (raw !== null && typeof raw === 'object') {
		throw parameterError(context.getNode(), 'File', `is ${Array.isArray(raw) ? 'a list' : 'an object'}, not a file ID`, itemIndex, 'Map the ID field, e.g. {{ $json.id }}.');
	}
	const id = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	if (!id) throw parameterError(context.getNode(), 'File', 'no file ID was given', itemIndex, 'Pick a file from the list or enter its ID, e.g. file_011CNha8iCJcU1wXNR6q4V8w.');
	if (!/^[A-Za-z0-9_-]+$/.test(id)) {
		throw parameterError(context.getNode(), 'File', `"${id}" is not a file ID`, itemIndex, 'A file ID looks like file_011CNha8iCJcU1wXNR6q4V8w: letters, digits, "_" and "-" only.');
	}
	return id;
}

export function filePath(id: string, suffix = ''): string {
	return `/v1/files/${encodeURIComponent(id)}${suffix}`;
}

/** Runs a call about one file; a 404 whose API message does not name the file is reworded so it does. */
export async function aboutFile<T>(id: string, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (error instanceof ClaudeApiError && error.status === 404 && !error.apiMessage.includes(id)) {
			throw new ClaudeApiError({
				status: error.status,
				errorType: error.errorType,
				apiMessage: `No file with ID '${id}' was found (${error.apiMessage})`,
				requestId: error.requestId,
				method: error.method,
				path: error.path,
				retries: error.retries,
			});
		}
		throw error;
	}
}
