import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export function environmentLocator(displayOptions: IDisplayOptions, description = 'The environment'): INodeProperties {
	return {
		displayName: 'Environment',
		name: 'environmentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchEnvironments', searchable: true } },
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. env_011CZkZ9X2dpNyB7HsEFoRfW' },
		],
		displayOptions,
	};
}
