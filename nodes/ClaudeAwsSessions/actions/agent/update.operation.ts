/**
 * Update an agent: the API keeps every version, so an update makes a new one. Only the fields added
 * under Update Fields are sent ("omit to preserve"); Based On Version makes the update fail instead of
 * overwriting a change someone else made since the workflow read the agent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { metadataOption } from '../../helpers/metadataFields';
import { agents } from '../../../api/agents';
import { parameterError } from '../../../shared/errors';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { metadataFrom, parseJsonParameter, requiredLocator } from '../../helpers/params';
import { agentLocator } from './shared';

const show = { resource: ['agent'], operation: ['update'] };
const UPDATE_FIELDS = 'Update Fields';
/** The SDK's AgentUpdateParams: "Maximum 20" MCP servers. */
const MAX_MCP_SERVERS = 20;

export const description: INodeProperties[] = [
	agentLocator({ show }, 'The agent to update'),
	{
		displayName: 'Based On Version',
		name: 'baseVersion',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		hint: 'Usually mapped from a Get, e.g. {{ $json.version }}',
		description:
			'The version the change is based on: the update fails if the agent was changed since. 0 updates whatever the current version is.',
		displayOptions: { show },
	},
	{
		displayName: UPDATE_FIELDS,
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the others keep their current values',
		displayOptions: { show },
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Empty clears it' },
			{
				displayName: 'MCP Servers (JSON)',
				name: 'mcpServers',
				type: 'json',
				default: '[{ "type": "url", "name": "docs", "url": "https://mcp.example.com/sse" }]',
				description: 'Replaces all MCP servers (at most 20); each must be used by an mcp_toolset in Tools. [] removes them all.',
			},
			{ ...metadataOption, description: 'Keys to add or change; keys not listed keep their values' },
			{ displayName: 'Model', name: 'model', type: 'string', default: '', placeholder: 'e.g. claude-sonnet-4-6' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Skills (JSON)',
				name: 'skills',
				type: 'json',
				default: '[{ "type": "anthropic", "skill_id": "xlsx" }]',
				description: 'Replaces all skills: {"type": "anthropic" or "custom", "skill_id", "version"?}. [] removes them all.',
			},
			{ displayName: 'System Prompt', name: 'system', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'Empty clears it' },
			{
				displayName: 'Tools (JSON)',
				name: 'tools',
				type: 'json',
				default: '[{ "type": "agent_toolset_20260401" }]',
				description: 'Replaces all tools: the built-in toolset, custom tools, MCP toolsets. [] removes them all.',
			},
		],
	},
	tuningOnlyOptions({ show }),
];

/** Each update is a new version: a failure elsewhere names the agents already updated. */
export const created = (result: ItemResult) => idOf(result, 'id');

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const agentId = requiredLocator(this, 'agentId', 'Agent', i);
	const body = readUpdateBody(this, i);
	return (await agents.update(client, agentId, body)) as IDataObject;
}

function readUpdateBody(context: IExecuteFunctions, i: number): IDataObject {
	const node = context.getNode();
	const base = Number(context.getNodeParameter('baseVersion', i, 0));
	if (!Number.isInteger(base) || base < 0) throw parameterError(node, 'Based On Version', 'must be a whole number (0 for the current version)', i);
	const fields = context.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined) {
		const name = String(fields.name).trim();
		if (!name) throw parameterError(node, `${UPDATE_FIELDS} > Name`, 'is empty; an agent always has a name', i, 'Remove the field to keep the current name.');
		body.name = name;
	}
	if (fields.model !== undefined) {
		const model = String(fields.model).trim();
		if (!model) throw parameterError(node, `${UPDATE_FIELDS} > Model`, 'is empty; an agent always has a model', i, 'Remove the field to keep the current model.');
		body.model = model;
	}
	if (fields.system !== undefined) body.system = String(fields.system);
	if (fields.description !== undefined) body.description = String(fields.description).trim();
	for (const [key, name, label] of [
		['tools', 'tools', 'Tools (JSON)'],
		['mcp_servers', 'mcpServers', 'MCP Servers (JSON)'],
		['skills', 'skills', 'Skills (JSON)'],
	] as const) {
		if (fields[name] === undefined) continue;
		body[key] = parseJsonParameter(context, `updateFields.${name}`, `${UPDATE_FIELDS} > ${label}`, i, 'array', { optional: true }) ?? [];
	}
	checkMcpServers(context, body.mcp_servers as unknown[] | undefined, i);
	checkSkills(context, body.skills as unknown[] | undefined, i);
	const metadata = metadataFrom(context, fields.metadata as IDataObject | undefined, `${UPDATE_FIELDS} > Metadata`, i);
	if (metadata) body.metadata = metadata;
	if (Object.keys(body).length === 0) {
		throw parameterError(node, UPDATE_FIELDS, 'has no field to change', i, 'Add the fields the new version should change (name, model, system prompt, tools, MCP servers, skills...).');
	}
	if (base > 0) body.version = base;
	return body;
}

function checkMcpServers(context: IExecuteFunctions, servers: unknown[] | undefined, i: number): void {
	if (!servers) return;
	const label = `${UPDATE_FIELDS} > MCP Servers (JSON)`;
	if (servers.length > MAX_MCP_SERVERS) throw parameterError(context.getNode(), label, `has ${servers.length} servers; the API allows at most ${MAX_MCP_SERVERS}`, i);
	servers.forEach((server, at) => {
		const s = server as IDataObject | null;
		if (!s || typeof s !== 'object' || typeof s.name !== 'string' || !s.name || typeof s.url !== 'string' || !/^https?:\/\//i.test(s.url)) {
			throw parameterError(context.getNode(), label, `server ${at + 1} needs a "name" and an http(s) "url"`, i, 'E.g. { "type": "url", "name": "docs", "url": "https://mcp.example.com/sse" }.');
		}
		if (s.type === undefined) s.type = 'url';
	});
}

function checkSkills(context: IExecuteFunctions, skills: unknown[] | undefined, i: number): void {
	if (!skills) return;
	skills.forEach((skill, at) => {
		const s = skill as IDataObject | null;
		if (!s || typeof s !== 'object' || (s.type !== 'anthropic' && s.type !== 'custom') || typeof s.skill_id !== 'string' || !s.skill_id) {
			throw parameterError(context.getNode(), `${UPDATE_FIELDS} > Skills (JSON)`, `skill ${at + 1} needs a "type" ("anthropic" or "custom") and a "skill_id"`, i, 'E.g. { "type": "anthropic", "skill_id": "xlsx" }.');
		}
	});
}
