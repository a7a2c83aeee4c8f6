/** List: sessions of the workspace, newest first, filtered by status and agent. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idProblem } from '../../../api/path';
import { sessions } from '../../../api/sessions';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import type { ClaudeAwsClient, QueryValue } from '../../../transport/client';
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

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const paging = readReturnAllAndLimit(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const query: Record<string, QueryValue> = {};
	const statuses = (filters.statuses as string[] | undefined) ?? [];
	if (statuses.length > 0) query['statuses[]'] = statuses;
	const agentId = String(filters.agentId ?? '').trim();
	if (agentId) {
		const problem = idProblem(agentId, 'agent');
		if (problem) throw parameterError(this.getNode(), 'Agent ID', problem, i);
		query.agent_id = agentId;
	}
	if (filters.includeArchived === true) query.include_archived = true;
	return (await sessions.list(client, paging, query)) as IDataObject[];
}
