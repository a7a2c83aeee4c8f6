/** List Events: a session's event history in order (messages, tool calls, status changes). */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient, QueryValue } from '../../../transport/client';
import { beta, explainNotFound, sessionPath } from '../../helpers/api';
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

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
			const paging = readReturnAllAndLimit(this, i);
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const query: Record<string, QueryValue> = { order: filters.order === 'desc' ? 'desc' : 'asc' };
			const types = idList(filters.types);
			if (types.length > 0) query['types[]'] = types;
			const events = await client
				.paginate<IDataObject>(beta({ method: 'GET', path: sessionPath(sessionId, '/events'), query }), { style: 'page', ...paging })
				.catch((error) => {
					throw explainNotFound(error, 'session', sessionId);
				});
			return events.map((event) => ({ session_id: sessionId, ...event }));
		},
		{ concurrency: tuning.concurrency },
	);
}
