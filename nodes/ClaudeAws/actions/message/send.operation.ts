/** Send Message: one streamed Messages request per item (plus tool rounds for connected tools). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { messages } from '../../../api/messages';
import { requestTuningOptions, simplifyOutput } from '../../../shared/descriptions';
import { buildMessageParams, wantsStructuredOutput } from '../../../shared/messageForm/buildRequest';
import { containerUploads, type ContainerUploads } from '../../../shared/messageForm/containerFiles';
import { createdFileIds, downloadCreatedFiles, downloadCreatedFilesOption } from '../../../shared/messageForm/createdFiles';
import { itemParameter, nodeOf } from '../../../shared/itemParameters';
import { promptFields } from '../../../shared/messageForm/promptFields';
import { simplifyMessage } from '../../../shared/messageForm/simplify';
import { checkCustomSkills } from '../../../shared/messageForm/skills';
import type { RunContext } from '../../../shared/router';
import { ExecutionItems, type ItemResult } from '../../../shared/runPerItem';
import { connectedToolsOfRun, toToolDefinition, type ConnectedTool } from './connectedTools';
import { runToolLoop } from './toolLoop';

const displayOptions = { show: { resource: ['message'], operation: ['send'] } };

export const DEFAULT_MAX_TOOL_ITERATIONS = 10;

export const description: INodeProperties[] = [
	...promptFields(displayOptions, {
		extraOptions: [
			{
				displayName: 'Include Thinking',
				name: 'includeThinking',
				type: 'boolean',
				default: true,
				description: 'Whether the simplified output has a "thinking" field with Claude\'s thinking text',
			},
			{
				displayName: 'Max Tool Iterations',
				name: 'maxToolIterations',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: DEFAULT_MAX_TOOL_ITERATIONS,
				description: 'How many rounds of calls to connected tools Claude may make before the answer is returned as it is',
			},
			{
				displayName: 'Delete Uploaded Files',
				name: 'deleteUploadedFiles',
				type: 'boolean',
				default: true,
				description: 'Whether files the node uploaded for code execution (attachments Claude cannot read directly) are deleted from the Files API once the item is done',
			},
			downloadCreatedFilesOption,
			...requestTuningOptions,
		],
	}),
	simplifyOutput(displayOptions, 'Whether to return text, stop reason, usage, model and ID (plus json, thinking and tool_calls when there are any) instead of the whole Message object'),
];

export async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<ItemResult> {
	const tools = await connectedToolsOfRun(this);
	const options = itemParameter<IDataObject>(this, 'options', itemIndex, {});
	const uploads = containerUploads(this, client);
	try {
		return await answer(this, itemIndex, client, tools, options, uploads);
	} finally {
		if (options.deleteUploadedFiles !== false) await uploads.cleanup();
	}
}

async function answer(context: IExecuteFunctions, itemIndex: number, client: RunContext['client'], tools: ConnectedTool[], options: IDataObject, uploads: ContainerUploads): Promise<ItemResult> {
	const params = await buildMessageParams(context, itemIndex, { extraTools: tools.map(toToolDefinition), containerUploads: uploads });
	await checkCustomSkills(nodeOf(context), client, params, itemIndex);
	const maxIterations = Math.max(0, Math.floor(Number(options.maxToolIterations ?? DEFAULT_MAX_TOOL_ITERATIONS)));
	const signal = context.getExecutionCancelSignal();
	const result = await runToolLoop(params, (p) => messages.stream(client, p, signal), tools, maxIterations, signal);

	const fileIds = [...new Set(result.answers.flatMap((answer) => createdFileIds(answer)))];
	let json: IDataObject;
	if (!itemParameter(context, 'simplify', itemIndex, true)) {
		json = result.message as unknown as IDataObject;
	} else {
		const simple = simplifyMessage(result.message, {
			includeThinking: options.includeThinking !== false,
			structuredOutput: wantsStructuredOutput(params),
		});
		if (result.toolCalls.length) {
			simple.tool_calls = [...result.toolCalls, ...(simple.tool_calls ?? [])];
			simple.usage = result.usage as IDataObject;
		}
		json = simple;
	}
	if (!fileIds.length) return json;
	if (options.downloadCreatedFiles === false) return { ...json, created_file_ids: fileIds };
	const downloaded = await downloadCreatedFiles(context, client, fileIds);
	return new ExecutionItems([{ json: { ...json, files: downloaded.files }, binary: downloaded.binary }]);
}

/**
 * A sent message is billed, and connected tools it called may have acted (sent a mail, written a row):
 * when a later item fails the node, the error names the messages already answered, so a rerun knows.
 */
export function created(result: ItemResult): string | undefined {
	const id = (result instanceof ExecutionItems ? result.items[0]?.json : (result as IDataObject)).id;
	return typeof id === 'string' ? id : undefined;
}
