/** Update an environment: only the fields added under Update Fields change; its type (cloud, self-hosted) cannot. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { metadataOption } from '../../helpers/metadataFields';
import { environments } from '../../../api/environments';
import { parameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { metadataFrom, parseJsonParameter, requiredLocator } from '../../helpers/params';
import { environmentLocator } from './shared';

const show = { resource: ['environment'], operation: ['update'] };
const UPDATE_FIELDS = 'Update Fields';

export const description: INodeProperties[] = [
	environmentLocator({ show }, 'The environment to update'),
	{
		displayName: UPDATE_FIELDS,
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the others keep their current values',
		displayOptions: { show },
		options: [
			{
				displayName: 'Config (JSON)',
				name: 'config',
				type: 'json',
				default: '{\n  "type": "cloud",\n  "networking": { "type": "unrestricted" }\n}',
				description: 'Container configuration; fields left out keep their values, and the type cannot change',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ ...metadataOption, description: 'Keys to add or change; keys not listed keep their values' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
	tuningOnlyOptions({ show }),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const environmentId = requiredLocator(this, 'environmentId', 'Environment', i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined) {
		const name = String(fields.name).trim();
		if (!name) throw parameterError(this.getNode(), `${UPDATE_FIELDS} > Name`, 'is empty; an environment always has a name', i, 'Remove the field to keep the current name.');
		body.name = name;
	}
	if (fields.description !== undefined) body.description = String(fields.description).trim();
	if (fields.config !== undefined) {
		const config = parseJsonParameter(this, 'updateFields.config', `${UPDATE_FIELDS} > Config (JSON)`, i, 'object', { optional: true });
		if (config) body.config = config;
	}
	const metadata = metadataFrom(this, fields.metadata as IDataObject | undefined, `${UPDATE_FIELDS} > Metadata`, i);
	if (metadata) body.metadata = metadata;
	if (Object.keys(body).length === 0) throw parameterError(this.getNode(), UPDATE_FIELDS, 'has no field to change', i, 'Add the fields to change (name, description, config, metadata).');
	return (await environments.update(client, environmentId, body)) as IDataObject;
}
