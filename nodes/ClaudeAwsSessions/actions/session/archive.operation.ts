/** Archive: keeps the session's history readable but accepts no more events. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sessions } from '../../../api/sessions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';

const show = { resource: ['session'], operation: ['archive'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }, 'The session to archive'), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const session = (await sessions.archive(client, sessionId)) as IDataObject;
	return { session_id: session.id, ...session };
}
