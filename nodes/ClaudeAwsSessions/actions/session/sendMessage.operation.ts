/** Send Message: a user message to an existing session; by default waits for the agent's reply. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { getClient } from '../../../shared/client';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { sessionIdLocator, turnOptions, waitForReplyField } from '../../helpers/descriptions';
import { requiredLocator, requiredText } from '../../helpers/params';
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
		description: 'The user message',
		displayOptions: { show },
	},
	waitForReplyField({ show }),
	turnOptions({ show }),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	const events = await getClient(this, tuning);
	return runPerItem(
		this,
		async (i) => {
			const sessionId = requiredLocator(this, 'sessionId', 'Session', i, 'Map the session ID from an earlier item, e.g. {{ $json.session_id }}.');
			const text = requiredText(this, 'message', 'Message', i);
			const wait = this.getNodeParameter('waitForReply', i, true) as boolean;
			return sendTurnInput(this, { api: client, events }, sessionId, [{ type: 'user.message', content: [{ type: 'text', text }] }], wait, readWaitSettings(this, i), i);
		},
		{ concurrency: tuning.concurrency },
	);
}
