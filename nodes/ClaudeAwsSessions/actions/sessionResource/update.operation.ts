/** Update a session resource: rotate a GitHub repository's authorization token (the only change the SDK allows). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sessions } from '../../../api/sessions';
import { parameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { resourceLocator, withSession } from './shared';

const show = { resource: ['sessionResource'], operation: ['update'] };

export const description: INodeProperties[] = [
	sessionIdLocator({ show }),
	resourceLocator({ show }, 'The GitHub repository resource whose token to replace'),
	{
		displayName: 'Authorization Token',
		name: 'authorizationToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The new GitHub token the session clones and pulls with. Never shown in outputs.',
		displayOptions: { show },
	},
	tuningOnlyOptions({ show }),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const resourceId = requiredLocator(this, 'resourceId', 'Session Resource', i);
	const token = String(this.getNodeParameter('authorizationToken', i, '') ?? '').trim();
	if (!token) throw parameterError(this.getNode(), 'Authorization Token', 'is empty', i, 'Give the new GitHub token, e.g. from a credential or an earlier node.');
	return withSession(sessionId, await sessions.resources.update(client, sessionId, resourceId, { authorization_token: token }));
}
