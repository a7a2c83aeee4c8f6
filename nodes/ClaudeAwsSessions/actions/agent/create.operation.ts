/** Create an agent from its main fields, or from a full JSON body for everything else (MCP servers, skills...). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { agents } from '../../../api/agents';
import { parameterError } from '../../../shared/errors';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { metadataFrom, parseJsonParameter, requiredLocator, requiredText } from '../../helpers/params';

const show = { resource: ['agent'], operation: ['create'] };
const fields = { ...show, definition: ['fields'] };
const json = { ...show, definition: ['json'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Define With',
		name: 'definition',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{ name: 'Fields', value: 'fields', description: 'Name, model, system prompt and tools' },
			{ name: 'JSON', value: 'json', description: 'The whole request body, as the API documents it' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: fields },
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'id', value: 'claude-sonnet-4-6' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchModels', searchable: true } },
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. claude-sonnet-4-6' },
		],
		displayOptions: { show: fields },
	},
	{
		displayName: 'System Prompt',
		name: 'system',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show: fields },
	},
	{
		displayName: 'Tools (JSON)',
		name: 'tools',
		type: 'json',
		default: '[{ "type": "agent_toolset_20260401" }]',
		description:
			'Tool definitions as a JSON array: the built-in toolset {"type": "agent_toolset_20260401"}, custom tools {"type": "custom", "name", "description", "input_schema"}, MCP toolsets',
		displayOptions: { show: fields },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: fields },
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Metadata',
				name: 'metadata',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Metadata',
				options: [
					{
						displayName: 'Entry',
						name: 'entries',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Agent (JSON)',
		name: 'body',
		type: 'json',
		default: '{\n  "name": "My agent",\n  "model": "claude-sonnet-4-6",\n  "tools": [{ "type": "agent_toolset_20260401" }]\n}',
		required: true,
		description: 'The request body of POST /v1/agents',
		displayOptions: { show: json },
	},
	tuningOnlyOptions({ show }),
];

export const created = (result: ItemResult) => idOf(result, 'id');

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const body = readBody(this, i);
	return (await agents.create(client, body)) as IDataObject;
}

function readBody(context: IExecuteFunctions, i: number): IDataObject {
	if (context.getNodeParameter('definition', i, 'fields') === 'json') {
		const body = parseJsonParameter(context, 'body', 'Agent (JSON)', i, 'object') as IDataObject;
		if (typeof body.name !== 'string' || !body.name.trim()) throw parameterError(context.getNode(), 'Agent (JSON)', 'needs a "name"', i);
		if (body.model === undefined || body.model === null || body.model === '') throw parameterError(context.getNode(), 'Agent (JSON)', 'needs a "model"', i);
		return body;
	}
	const body: IDataObject = {
		name: requiredText(context, 'name', 'Name', i).trim(),
		model: requiredLocator(context, 'model', 'Model', i),
	};
	const system = String(context.getNodeParameter('system', i, '') ?? '');
	if (system.trim()) body.system = system;
	const tools = parseJsonParameter(context, 'tools', 'Tools (JSON)', i, 'array', { optional: true });
	if (tools) body.tools = tools;
	const extra = context.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const text = String(extra.description ?? '').trim();
	if (text) body.description = text;
	const metadata = metadataFrom(context, extra.metadata as IDataObject | undefined, 'Metadata', i);
	if (metadata) body.metadata = metadata;
	return body;
}
