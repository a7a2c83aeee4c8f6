/** Create an environment: a name and, optionally, its container configuration as JSON. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { environments } from '../../../api/environments';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { parseJsonParameter, requiredText } from '../../helpers/params';

const show = { resource: ['environment'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show },
	},
	{
		displayName: 'Config (JSON)',
		name: 'config',
		type: 'json',
		default: '{\n  "type": "cloud",\n  "networking": { "type": "unrestricted" }\n}',
		description:
			'Container configuration: {"type": "cloud", "networking": {...}, "packages": {"pip": [...], "npm": [...]}} or {"type": "self_hosted"}; empty uses the API default',
		displayOptions: { show },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		displayOptions: { show },
	},
	tuningOnlyOptions({ show }),
];

export const created = (result: ItemResult) => idOf(result, 'id');

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const body: IDataObject = { name: requiredText(this, 'name', 'Name', i).trim() };
	const config = parseJsonParameter(this, 'config', 'Config (JSON)', i, 'object', { optional: true });
	if (config) body.config = config;
	const text = String(this.getNodeParameter('description', i, '') ?? '').trim();
	if (text) body.description = text;
	return (await environments.create(client, body)) as IDataObject;
}
