/**
 * Send Tool Result: answers a tool call the session stopped for (stop reason requires_action): an
 * agent.custom_tool_use with user.custom_tool_result, or an agent.tool_use with user.tool_result, as the
 * SDK defines them. The result is text and/or images and documents.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import type { ClaudeAwsClient } from '../../../transport/client';
import { sessionIdLocator, turnOptions, waitForReplyField } from '../../helpers/descriptions';
import { attachmentBlocks, attachmentDescription } from '../../helpers/content';
import { requiredLocator } from '../../helpers/params';
import { sendTurnInput } from '../../helpers/send';
import { readWaitSettings } from '../../helpers/wait';

const show = { resource: ['session'], operation: ['sendToolResult'] };

export const description: INodeProperties[] = [
	sessionIdLocator({ show }, 'The session that waits for the tool result'),
	{
		displayName: 'Tool Kind',
		name: 'toolKind',
		type: 'options',
		default: 'custom',
		options: [
			{ name: 'Custom Tool', value: 'custom', description: 'Answers an agent.custom_tool_use (user.custom_tool_result)' },
			{ name: 'Agent Tool', value: 'tool', description: 'Answers an agent.tool_use the client runs (user.tool_result)' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Tool Use ID',
		name: 'toolUseId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. sevt_011CZkZAtmR3yMPDzynEDxu7',
		hint: 'Usually mapped from the pending_tool_uses of the output that stopped with requires_action',
		description: 'ID of the agent.custom_tool_use or agent.tool_use event to answer (listed in pending_tool_uses of the previous output)',
		displayOptions: { show },
	},
	{
		displayName: 'Result',
		name: 'result',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'What the tool returned, as text (JSON is fine)',
		displayOptions: { show },
	},
	{
		displayName: 'Is Error',
		name: 'isError',
		type: 'boolean',
		default: false,
		description: 'Whether the tool failed; the result then describes the failure',
		displayOptions: { show },
	},
	...attachmentDescription({ show }),
	waitForReplyField({ show }),
	turnOptions({ show }),
];

export const created = (result: ItemResult) => idOf(result, 'session_id');

export async function perItem(this: IExecuteFunctions, i: number, run: RunContext): Promise<ItemResult> {
	const { client } = run;
	const events = await run.streamClient();
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const toolUseId = requiredLocator(this, 'toolUseId', 'Tool Use ID', i, 'Map it from pending_tool_uses of the output that stopped with requires_action.');
	const raw = this.getNodeParameter('result', i, '') as unknown;
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
	const isError = this.getNodeParameter('isError', i, false) as boolean;
	const content = [...(await attachmentBlocks(this, i)), ...(text ? [{ type: 'text', text }] : [])];
	const event: Record<string, unknown> =
		this.getNodeParameter('toolKind', i, 'custom') === 'tool'
			? { type: 'user.tool_result', tool_use_id: toolUseId, content }
			: { type: 'user.custom_tool_result', custom_tool_use_id: toolUseId, content };
	if (isError) event.is_error = true;
	const wait = this.getNodeParameter('waitForReply', i, true) as boolean;
	return sendTurnInput(this, { api: client, events }, sessionId, [event], wait, readWaitSettings(this, i), i);
}
