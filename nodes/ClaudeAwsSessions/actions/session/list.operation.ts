/** List: sessions of the workspace, newest first, with the SDK's filters (status, agent and version, creation time, memory store). */
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
				displayName: 'Agent Version',
				name: 'agentVersion',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Only sessions pinned to this version of the agent (needs Agent ID); 0 means any version',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only sessions created at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only sessions created at or before this time',
			},
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived sessions',
			},
			{
				displayName: 'Memory Store ID',
				name: 'memoryStoreId',
				type: 'string',
				default: '',
				description: 'Only sessions that mount this memory store',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
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
	const version = Number(filters.agentVersion ?? 0);
	if (!Number.isInteger(version) || version < 0) throw parameterError(this.getNode(), 'Agent Version', 'must be a whole number (0 for any)', i);
	if (version > 0) {
		if (!agentId) throw parameterError(this.getNode(), 'Agent Version', 'only filters together with an Agent ID', i, 'Add the Agent ID filter too.');
		query.agent_version = version;
	}
	for (const [name, label, key] of [
		['createdAfter', 'Created After', 'created_at[gte]'],
		['createdBefore', 'Created Before', 'created_at[lte]'],
	] as const) {
		const raw = String(filters[name] ?? '').trim();
		if (!raw) continue;
		const time = Date.parse(raw);
		if (Number.isNaN(time)) throw parameterError(this.getNode(), label, `"${raw.slice(0, 40)}" is not a date and time`, i, 'E.g. 2026-11-30T09:00:00Z.');
		query[key] = new Date(time).toISOString();
	}
	const memoryStoreId = String(filters.memoryStoreId ?? '').trim();
	if (memoryStoreId) {
		const problem = idProblem(memoryStoreId, 'memory store');
		if (problem) throw parameterError(this.getNode(), 'Memory Store ID', problem, i);
		query.memory_store_id = memoryStoreId;
	}
	if (filters.order === 'asc') query.order = 'asc';
	if (filters.includeArchived === true) query.include_archived = true;
	return (await sessions.list(client, paging, query)) as IDataObject[];
}
