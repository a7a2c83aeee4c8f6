/** Get: one session with its status, usage and stats. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sessions } from '../../../api/sessions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';

const show = { resource: ['session'], operation: ['get'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const session = (await sessions.retrieve(client, sessionId)) as IDataObject;
	return { session_id: session.id, ...session };
}
