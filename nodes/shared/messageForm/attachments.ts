/**
 * Attachments as content blocks: n8n binary properties (base64, or uploaded for code execution as
 * container_upload) and Files API file IDs.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { parameterError } from '../errors';
import { nodeOf } from '../itemParameters';
import type { ContentBlockParam } from '../../api/messages/types';
import { PROMPT_PARAMETERS as P } from './parameters';

const BINARY_PARAMETER = P.binaryProperties.label;
const FILES = P.fileAttachments;

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

function normalizeMime(mimeType: string | undefined): string {
	const bare = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	return bare === 'image/jpg' ? 'image/jpeg' : bare;
}

/**
 * How a file Claude cannot read directly is handled: with code execution on, `upload` stores it in the
 * Files API for the container (Send Message, Create Batch); `refusal` says why it cannot go (Count Tokens).
 */
export interface ForCodeExecution {
	upload?: (itemIndex: number, propertyName: string, binary: IBinaryData) => Promise<string>;
	refusal?: string;
}

export async function binaryAttachments(context: IExecuteFunctions, itemIndex: number, names: string[], forCode?: ForCodeExecution, cite = false): Promise<ContentBlockParam[]> {
	const node = nodeOf(context);
	const item = context.getInputData()[itemIndex];
	const blocks: ContentBlockParam[] = [];
	for (const name of names) {
		const binary = item?.binary?.[name];
		if (!binary) {
			const present = Object.keys(item?.binary ?? {});
			throw parameterError(
				node,
				BINARY_PARAMETER,
				`the input item has no binary property "${name}"`,
				itemIndex,
				present.length ? `Its binary properties are: ${present.join(', ')}.` : 'The input item has no binary data at all: add a node that reads or downloads the file before this one.',
			);
		}
		const mimeType = normalizeMime(binary.mimeType);
		const title = { ...(binary.fileName ? { title: binary.fileName } : {}), ...(cite ? { citations: { enabled: true } } : {}) };
		if (IMAGE_TYPES.includes(mimeType)) {
			const data = (await context.helpers.getBinaryDataBuffer(itemIndex, name)).toString('base64');
			blocks.push({ type: 'image', source: { type: 'base64', media_type: mimeType, data } });
		} else if (mimeType === 'application/pdf') {
			const data = (await context.helpers.getBinaryDataBuffer(itemIndex, name)).toString('base64');
			blocks.push({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data }, ...title });
		} else if (mimeType === 'text/plain' || (mimeType.startsWith('text/') && !forCode?.upload && !forCode?.refusal)) {
			// Other text files (CSV, Markdown, HTML...) are read as plain text when there is no code execution
			// to work on them; that is also the only way they can be cited. With code execution they are uploaded.
			const data = (await context.helpers.getBinaryDataBuffer(itemIndex, name)).toString('utf8');
			blocks.push({ type: 'document', source: { type: 'text', media_type: 'text/plain', data }, ...title });
		} else if (forCode?.upload) {
			blocks.push({ type: 'container_upload', file_id: await forCode.upload(itemIndex, name, binary) });
		} else {
			const what = `binary property "${name}" is ${mimeType || 'of unknown type'}${binary.fileName ? ` (${binary.fileName})` : ''}`;
			if (forCode?.refusal) throw parameterError(node, BINARY_PARAMETER, `${what}: ${forCode.refusal}`, itemIndex);
			// Without a ForCodeExecution (session events) there is no code execution to offer.
			if (!forCode) {
				throw parameterError(node, BINARY_PARAMETER, `${what}, which Claude cannot read`, itemIndex, 'Supported: JPEG, PNG, GIF and WebP images, PDF and text files (CSV, Markdown...). Other files can be uploaded with the Files API and used with code execution.');
			}
			throw parameterError(
				node,
				BINARY_PARAMETER,
				`${what}, which Claude cannot read without code execution`,
				itemIndex,
				'JPEG, PNG, GIF and WebP images, PDF and text files (CSV, Markdown...) are read directly. For any other file (Excel, Word, ZIP...) turn on Built-in Tools > Code Execution or pick a Skill: the file is then uploaded to the Files API and Claude works on it with code.',
			);
		}
	}
	return blocks;
}

/** URL sources: Claude's side fetches them, so only http(s) URLs are sent. */
export function urlAttachments(context: IExecuteFunctions, itemIndex: number, entries: IDataObject[]): ContentBlockParam[] {
	const U = P.urlAttachments;
	return entries.map((entry, position) => {
		const url = String(entry[U.url.name] ?? '').trim();
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
			throw parameterError(context.getNode(), U.label, `URL ${position + 1} ("${url}") is not an http(s) URL`, itemIndex, 'e.g. https://example.com/report.pdf');
		}
		if (entry[U.type.name] === 'image') return { type: 'image', source: { type: 'url', url } };
		return { type: 'document', source: { type: 'url', url }, ...(entry[U.citations.name] === true ? { citations: { enabled: true } } : {}) };
	});
}

export function fileAttachments(context: IExecuteFunctions, itemIndex: number, entries: IDataObject[]): ContentBlockParam[] {
	return entries.map((entry, position) => {
		const fileId = String(entry[FILES.fileId.name] ?? '').trim();
		if (!fileId) throw parameterError(context.getNode(), FILES.label, `file ${position + 1} has no File ID`, itemIndex);
		if (/\s/.test(fileId)) throw parameterError(context.getNode(), FILES.label, `"${fileId}" is not a file ID`, itemIndex, 'File IDs look like file_011CNha8iCJcU1wXNR6q4V8w.');
		const type = entry[FILES.type.name];
		if (type === 'container_upload') return { type, file_id: fileId };
		if (type === 'image') return { type, source: { type: 'file', file_id: fileId } };
		return { type: 'document', source: { type: 'file', file_id: fileId }, ...(entry[FILES.citations.name] === true ? { citations: { enabled: true } } : {}) };
	});
}
