/** Delete: removes the session and its history. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sessions } from '../../../api/sessions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';

const show = { resource: ['session'], operation: ['delete'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }, 'The session to delete'), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const answer = (await sessions.delete(client, sessionId)) as IDataObject | undefined;
	return { session_id: sessionId, deleted: true, ...(answer ?? {}) };
}
