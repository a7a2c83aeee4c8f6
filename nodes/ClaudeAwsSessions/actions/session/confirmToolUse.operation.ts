/** Confirm Tool Use: allows or denies a built-in or MCP tool call that waits for approval (permission policy always_ask). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import type { ClaudeAwsClient } from '../../../transport/client';
import { sessionIdLocator, turnOptions, waitForReplyField } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { sendTurnInput } from '../../helpers/send';
import { readWaitSettings } from '../../helpers/wait';

const show = { resource: ['session'], operation: ['confirmToolUse'] };

export const description: INodeProperties[] = [
	sessionIdLocator({ show }, 'The session that waits for the confirmation'),
	{
		displayName: 'Tool Use ID',
		name: 'toolUseId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. sevt_011CZkZAtmR3yMPDzynEDxu7',
		hint: 'Usually mapped from the pending_tool_uses of the output that stopped with requires_action',
		description: 'ID of the agent.tool_use or agent.mcp_tool_use event to allow or deny',
		displayOptions: { show },
	},
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'options',
		default: 'allow',
		options: [
			{ name: 'Allow', value: 'allow' },
			{ name: 'Deny', value: 'deny' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Deny Message',
		name: 'denyMessage',
		type: 'string',
		default: '',
		description: 'Tells the agent why the call was denied',
		displayOptions: { show: { ...show, decision: ['deny'] } },
	},
	waitForReplyField({ show }),
	turnOptions({ show }),
];

export const created = (result: ItemResult) => idOf(result, 'session_id');

export async function perItem(this: IExecuteFunctions, i: number, run: RunContext): Promise<ItemResult> {
	const { client } = run;
	const events = await run.streamClient();
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const toolUseId = requiredLocator(this, 'toolUseId', 'Tool Use ID', i);
	const decision = this.getNodeParameter('decision', i, 'allow') as 'allow' | 'deny';
	const event: Record<string, unknown> = { type: 'user.tool_confirmation', tool_use_id: toolUseId, result: decision };
	const denyMessage = decision === 'deny' ? String(this.getNodeParameter('denyMessage', i, '') ?? '').trim() : '';
	if (denyMessage) event.deny_message = denyMessage;
	const wait = this.getNodeParameter('waitForReply', i, true) as boolean;
	return sendTurnInput(this, { api: client, events }, sessionId, [event], wait, readWaitSettings(this, i), i);
}
