/** List Events: a session's event history in order (messages, tool calls, status changes). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { SESSION, sessions } from '../../../api/sessions';
import { namingNotFound } from '../../../api/resource';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import type { ClaudeAwsClient, QueryValue } from '../../../transport/client';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { idList, requiredLocator } from '../../helpers/params';

const show = { resource: ['session'], operation: ['listEvents'] };

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
				displayName: 'Event Types',
				name: 'types',
				type: 'string',
				default: '',
				placeholder: 'e.g. agent.message, session.status_idle',
				description: 'Comma-separated event types to return; empty returns all',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				default: 'asc',
				options: [
					{ name: 'Oldest First', value: 'asc' },
					{ name: 'Newest First', value: 'desc' },
				],
			},
		],
	},
	tuningOnlyOptions({ show }),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const paging = readReturnAllAndLimit(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const query: Record<string, QueryValue> = { order: filters.order === 'desc' ? 'desc' : 'asc' };
	const types = idList(filters.types);
	if (types.length > 0) query['types[]'] = types;
	const events = await sessions.events.list(client, sessionId, paging, query).catch((error: unknown) => {
		throw namingNotFound(error, SESSION, sessionId);
	});
	return events.map((event) => ({ session_id: sessionId, ...event }));
}
