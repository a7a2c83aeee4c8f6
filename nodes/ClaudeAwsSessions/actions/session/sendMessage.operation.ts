/** Send Message: a user message to an existing session; by default waits for the agent's reply. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import type { ClaudeAwsClient } from '../../../transport/client';
import { sessionIdLocator, turnOptions, waitForReplyField } from '../../helpers/descriptions';
import { attachmentDescription, messageContent, messageText } from '../../helpers/content';
import { requiredLocator } from '../../helpers/params';
import { sendTurnInput } from '../../helpers/send';
import { readWaitSettings } from '../../helpers/wait';

const show = { resource: ['session'], operation: ['sendMessage'] };

export const description: INodeProperties[] = [
	sessionIdLocator({ show }, 'The session to send the message to'),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The user message; may be empty when attachments carry it',
		displayOptions: { show },
	},
	...attachmentDescription({ show }),
	waitForReplyField({ show }),
	turnOptions({ show }),
];

/** A message sent twice is two turns: a failure elsewhere names the sessions that already got theirs. */
export const created = (result: ItemResult) => idOf(result, 'session_id');

export async function perItem(this: IExecuteFunctions, i: number, run: RunContext): Promise<ItemResult> {
	const { client } = run;
	const events = await run.streamClient();
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i, 'Map the session ID from an earlier item, e.g. {{ $json.session_id }}.');
	const content = await messageContent(this, i, messageText(this, 'message', i), 'Message');
	const wait = this.getNodeParameter('waitForReply', i, true) as boolean;
	return sendTurnInput(this, { api: client, events }, sessionId, [{ type: 'user.message', content }], wait, readWaitSettings(this, i), i);
}
