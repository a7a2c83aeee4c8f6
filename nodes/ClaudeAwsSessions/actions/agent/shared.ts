import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export function agentLocator(displayOptions: IDisplayOptions, description = 'The agent'): INodeProperties {
	return {
		displayName: 'Agent',
		name: 'agentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchAgents', searchable: true } },
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. agent_011CZkYpogX7uDKUyvBTophP' },
		],
		displayOptions,
	};
}
