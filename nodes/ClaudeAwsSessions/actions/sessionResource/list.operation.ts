/** List the resources (files, repositories, memory stores) mounted in a session. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { namingNotFound } from '../../../api/resource';
import { SESSION, sessions } from '../../../api/sessions';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { withSession } from './shared';

const show = { resource: ['sessionResource'], operation: ['list'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }), ...returnAllAndLimit({ show }), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const resources = await sessions.resources.list(client, sessionId, readReturnAllAndLimit(this, i)).catch((error: unknown) => {
		throw namingNotFound(error, SESSION, sessionId);
	});
	return resources.map((resource) => withSession(sessionId, resource));
}
