/** Archive a thread the agent delegated to; its history stays readable. The primary thread goes with its session. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sessions } from '../../../api/sessions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { threadLocator } from './shared';

const show = { resource: ['thread'], operation: ['archive'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }), threadLocator({ show }, 'The thread to archive'), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const threadId = requiredLocator(this, 'threadId', 'Thread', i);
	return (await sessions.threads.archive(client, sessionId, threadId)) as IDataObject;
}
