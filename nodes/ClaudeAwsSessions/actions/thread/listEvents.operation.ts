/** List Events of one thread, oldest first (the primary thread's are the session's). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { namingNotFound } from '../../../api/resource';
import { sessions, THREAD } from '../../../api/sessions';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { threadLocator } from './shared';

const show = { resource: ['thread'], operation: ['listEvents'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }), threadLocator({ show }), ...returnAllAndLimit({ show }), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const threadId = requiredLocator(this, 'threadId', 'Thread', i);
	const events = await sessions.threads.events(client, sessionId, threadId, readReturnAllAndLimit(this, i)).catch((error: unknown) => {
		throw namingNotFound(error, THREAD, threadId);
	});
	return events.map((event) => ({ session_id: sessionId, thread_id: threadId, ...event }));
}
