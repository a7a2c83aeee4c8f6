/** Interrupt: sends user.interrupt, which stops the agent's current run; the session goes idle. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { sendChecked } from '../../helpers/send';

const show = { resource: ['session'], operation: ['interrupt'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }, 'The session to interrupt'), tuningOnlyOptions({ show })];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
			const sent = await sendChecked(this, client, sessionId, [{ type: 'user.interrupt' }], i);
			return { session_id: sessionId, sent_events: sent };
		},
		{ concurrency: tuning.concurrency },
	);
}
