/** Remove a resource from a session's container. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sessions } from '../../../api/sessions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { resourceLocator, withSession } from './shared';

const show = { resource: ['sessionResource'], operation: ['delete'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }), resourceLocator({ show }, 'The resource to remove'), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const resourceId = requiredLocator(this, 'resourceId', 'Session Resource', i);
	return { ...withSession(sessionId, await sessions.resources.delete(client, sessionId, resourceId)), id: resourceId, deleted: true };
}
