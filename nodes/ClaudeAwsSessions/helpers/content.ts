/**
 * What a user event carries: text plus images and documents from n8n binary data or Files API IDs.
 * The fields and the block builders are the Messages node's own (shared/messageForm), so an
 * attachment reads, looks and fails the same in both nodes.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ID_RULE, idProblem } from '../../api/path';
import { parameterError } from '../../shared/errors';
import { binaryAttachments, fileAttachments, splitList } from '../../shared/messageForm/attachments';
import { attachmentFields } from '../../shared/messageForm/inputFields';
import { PROMPT_PARAMETERS as P } from '../../shared/messageForm/parameters';

export function attachmentDescription(displayOptions: IDisplayOptions): INodeProperties[] {
	const show = displayOptions.show ?? {};
	return attachmentFields({ displayOptions, when: (extra) => ({ ...displayOptions, show: { ...show, ...extra } as IDisplayOptions['show'] }) });
}

/** The attachments of one item as content blocks, checked before any request. */
export async function attachmentBlocks(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const names = splitList(context.getNodeParameter(P.binaryProperties.name, itemIndex, ''));
	const collection = context.getNodeParameter(P.fileAttachments.name, itemIndex, {}) as IDataObject;
	const entries = (collection[P.fileAttachments.entry.name] as IDataObject[] | undefined) ?? [];
	entries.forEach((entry, at) => {
		const problem = idProblem(String(entry[P.fileAttachments.fileId.name] ?? '').trim(), 'file');
		if (problem) throw parameterError(context.getNode(), P.fileAttachments.label, `file ${at + 1}: ${problem}`, itemIndex, `${ID_RULE}.`);
	});
	const blocks = [...(await binaryAttachments(context, itemIndex, names)), ...fileAttachments(context, itemIndex, entries)];
	return blocks as unknown as IDataObject[];
}

/** Text (when there is any) after the attachments, as the Messages node orders them. */
export async function messageContent(context: IExecuteFunctions, itemIndex: number, text: string, label: string): Promise<IDataObject[]> {
	const attachments = await attachmentBlocks(context, itemIndex);
	if (!text.trim() && attachments.length === 0) {
		throw parameterError(context.getNode(), label, 'is empty', itemIndex, 'Type a message or map one from the incoming item (e.g. {{ $json.text }}), or attach a file.');
	}
	return [...attachments, ...(text.trim() ? [{ type: 'text', text }] : [])];
}

/** The message text, which may be empty when attachments carry the message. */
export function messageText(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	return typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
}
