/** Interrupt: sends user.interrupt, which stops the agent's current run; the session goes idle. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import type { ClaudeAwsClient } from '../../../transport/client';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { sendChecked } from '../../helpers/send';

const show = { resource: ['session'], operation: ['interrupt'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }, 'The session to interrupt'), tuningOnlyOptions({ show })];

export const created = (result: ItemResult) => idOf(result, 'session_id');

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const sent = await sendChecked(this, client, sessionId, [{ type: 'user.interrupt' }], i);
	return { session_id: sessionId, sent_events: sent };
}
