/** List a session's threads: its primary thread and the threads its agents delegated to. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { namingNotFound } from '../../../api/resource';
import { SESSION, sessions } from '../../../api/sessions';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import type { QueryValue } from '../../../transport/client';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { THREAD_STATUS_OPTIONS } from './shared';

const show = { resource: ['thread'], operation: ['list'] };

export const description: INodeProperties[] = [
	sessionIdLocator({ show }),
	...returnAllAndLimit({ show }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: THREAD_STATUS_OPTIONS,
				default: [],
				description: 'Only threads in one of these statuses',
			},
		],
	},
	tuningOnlyOptions({ show }),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const statuses = (filters.statuses as string[] | undefined) ?? [];
	const query: Record<string, QueryValue> = statuses.length > 0 ? { 'statuses[]': statuses } : {};
	const threads = await sessions.threads.list(client, sessionId, readReturnAllAndLimit(this, i), query).catch((error: unknown) => {
		throw namingNotFound(error, SESSION, sessionId);
	});
	return threads as IDataObject[];
}
