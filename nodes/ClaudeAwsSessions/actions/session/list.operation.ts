/** List: sessions of the workspace, newest first, filtered by status and agent. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient, QueryValue } from '../../../transport/client';
import { beta } from '../../helpers/api';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { parameterError } from '../../../shared/errors';

const show = { resource: ['session'], operation: ['list'] };

export const SESSION_STATUS_OPTIONS = [
	{ name: 'Idle', value: 'idle' },
	{ name: 'Rescheduling', value: 'rescheduling' },
	{ name: 'Running', value: 'running' },
	{ name: 'Terminated', value: 'terminated' },
];

export const description: INodeProperties[] = [
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
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				description: 'Only sessions of this agent',
			},
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived sessions',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: SESSION_STATUS_OPTIONS,
				default: [],
				description: 'Only sessions in one of these statuses',
			},
		],
	},
	tuningOnlyOptions({ show }),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const paging = readReturnAllAndLimit(this, i);
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const query: Record<string, QueryValue> = {};
			const statuses = (filters.statuses as string[] | undefined) ?? [];
			if (statuses.length > 0) query['statuses[]'] = statuses;
			const agentId = String(filters.agentId ?? '').trim();
			if (agentId) {
				if (/[\s/?#]/.test(agentId)) throw parameterError(this.getNode(), 'Agent ID', `"${agentId.slice(0, 60)}" is not an agent ID`, i);
				query.agent_id = agentId;
			}
			if (filters.includeArchived === true) query.include_archived = true;
			return client.paginate<IDataObject>(beta({ method: 'GET', path: '/v1/sessions', query }), { style: 'page', ...paging });
		},
		{ concurrency: tuning.concurrency },
	);
}
