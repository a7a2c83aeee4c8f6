/**
 * Claude on AWS Session Trigger: the polling fallback for n8n hosts that cannot receive webhooks.
 * Emits once per idle transition of a watched session (or of any session of an agent): the agent
 * finished its turn, waits for a tool result, or stopped for another reason.
 */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { getClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { searchAgents, searchSessions } from '../shared/methods/listSearch';
import type { ClaudeAwsClient } from '../transport/client';
import { advance, needsIdleEvent, readState, writeState, type ListedSession, type Observation } from './idleState';
import { assertId } from '../api/path';
import type { SessionEvent } from '../api/sessions';
import { triggerItem } from './item';
import { getSession, lastIdleEvent, listSessions, turnBefore } from './sessionsApi';

const STOP_REASONS = [
	{ name: 'Budget Reached', value: 'budget_reached' },
	{ name: 'End of Turn', value: 'end_turn' },
	{ name: 'Refusal', value: 'refusal' },
	{ name: 'Requires Action (Tool Result or Confirmation)', value: 'requires_action' },
	{ name: 'Retries Exhausted (Error)', value: 'retries_exhausted' },
];

/** Reads for several sessions run this many at a time. */
const PARALLEL_READS = 8;

export class ClaudeAwsSessionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude on AWS Session Trigger',
		name: 'claudeAwsSessionTrigger',
		icon: { light: 'file:../../icons/claude-aws.svg', dark: 'file:../../icons/claude-aws.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["watch"] === "session" ? "one session" : "sessions"}}',
		description: 'Starts the workflow when a Claude agent session goes idle (polling; use Claude on AWS Trigger where webhooks can reach n8n)',
		defaults: { name: 'Claude on AWS Session Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'claudePlatformAwsApi', required: true }],
		properties: [
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				noDataExpression: true,
				default: 'sessions',
				options: [
					{ name: 'One Session', value: 'session', description: 'A single session by ID' },
					{ name: 'Sessions', value: 'sessions', description: 'The newest sessions of the workspace, optionally of one agent' },
				],
			},
			{
				displayName: 'Session',
				name: 'sessionId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchSessions', searchable: true } },
					{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. sesn_011CZkZAtmR3yMPDzynEDxu7' },
				],
				displayOptions: { show: { watch: ['session'] } },
			},
			{
				displayName: 'Agent',
				name: 'agentId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description: 'Only sessions of this agent; empty watches sessions of every agent',
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchAgents', searchable: true } },
					{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. agent_011CZkYpogX7uDKUyvBTophP' },
				],
				displayOptions: { show: { watch: ['sessions'] } },
			},
			{
				displayName: 'Max Sessions',
				name: 'maxSessions',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 50,
				description: 'How many of the newest sessions each poll looks at',
				displayOptions: { show: { watch: ['sessions'] } },
			},
			{
				displayName: 'Stop Reasons',
				name: 'stopReasons',
				type: 'multiOptions',
				options: STOP_REASONS,
				default: [],
				description: 'Emit only idle transitions with one of these stop reasons; empty emits all',
			},
			{
				displayName: 'Include Reply',
				name: 'includeReply',
				type: 'boolean',
				default: true,
				description: "Whether to add the agent's reply text (and pending tool calls) of the turn that ended",
			},
			{
				displayName: 'Include Events',
				name: 'includeEvents',
				type: 'boolean',
				default: false,
				description: "Whether to add every event of the turn that ended, as the Agents node's Include Events option does",
				displayOptions: { show: { includeReply: [true] } },
			},
		],
	};

	methods = { listSearch: { searchAgents, searchSessions } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			return await pollSessions(this);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}

/** I/O only: what to read and emit is decided by idleState's pure functions. */
async function pollSessions(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const watch = context.getNodeParameter('watch', 'sessions') as string;
	const sessionId = watch === 'session' ? locatorValue(context, 'sessionId') : '';
	const agentId = watch === 'sessions' ? locatorValue(context, 'agentId') : '';
	const maxSessions = Math.max(1, Math.min(1000, Number(context.getNodeParameter('maxSessions', 50)) || 50));
	const stopReasons = context.getNodeParameter('stopReasons', []) as string[];
	const includeReply = context.getNodeParameter('includeReply', true) as boolean;
	const includeEvents = includeReply && (context.getNodeParameter('includeEvents', false) as boolean);
	if (watch === 'session' && !sessionId) throw new NodeOperationError(context.getNode(), 'Session: is empty; pick a session or give its ID');
	// Before any request: `.` or `a/b` is refused with the field's name, not as a path error.
	if (watch === 'session') assertId('Session', sessionId);
	if (agentId) assertId('Agent', agentId);

	const client = await getClient(context);
	const manual = context.getMode() === 'manual';
	const staticData = context.getWorkflowStaticData('node');
	const watchKey = watch === 'session' ? `session:${sessionId}` : `sessions:${agentId}:${maxSessions}`;
	const previous = readState(staticData);

	const sessions = watch === 'session' ? [await getSession(client, sessionId)] : await listSessions(client, agentId || undefined, maxSessions);
	const observed: Observation[] = sessions.map((session) => ({ session }));
	await eachLimited(observed, PARALLEL_READS, async (observation) => {
		if (needsIdleEvent(previous, watchKey, observation.session, manual)) observation.idle = await lastIdleEvent(client, observation.session.id);
	});
	const { emit, next } = advance(previous, watchKey, observed, { manual, stopReasons });
	// Built before the state moves on, so a failed read is retried at the next poll, not lost.
	const items: INodeExecutionData[] = [];
	await eachLimited(emit, PARALLEL_READS, async ({ session, idle }, index) => {
		items[index] = { json: await itemFor(client, session, idle, includeReply, includeEvents) };
	});

	// A test run shows real data and leaves the remembered state alone.
	if (!manual) writeState(staticData, next);
	if (items.length === 0) {
		// The editor's "Fetch Test Event" shows the watched session as it is now.
		if (manual && watch === 'session') return [[{ json: { session_id: sessionId, status: sessions[0].status as string, stop_reason: null, session: sessions[0] as IDataObject } }]];
		return null;
	}
	return [items];
}

async function itemFor(client: ClaudeAwsClient, session: ListedSession, idle: SessionEvent, includeReply: boolean, includeEvents: boolean): Promise<IDataObject> {
	const turn = includeReply ? await turnBefore(client, String(session.id), idle) : undefined;
	return triggerItem(session, idle, turn, includeEvents);
}

function locatorValue(context: IPollFunctions, name: string): string {
	const value = context.getNodeParameter(name, '', { extractValue: true }) as unknown;
	return typeof value === 'string' ? value.trim() : '';
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			await work(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
