/** Create an environment: a name and, optionally, its container configuration as JSON. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { beta } from '../../helpers/api';
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

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const body: IDataObject = { name: requiredText(this, 'name', 'Name', i).trim() };
			const config = parseJsonParameter(this, 'config', 'Config (JSON)', i, 'object', { optional: true });
			if (config) body.config = config;
			const text = String(this.getNodeParameter('description', i, '') ?? '').trim();
			if (text) body.description = text;
			return client.request<IDataObject>(beta({ method: 'POST', path: '/v1/environments', body, idempotent: false }));
		},
		{ concurrency: tuning.concurrency },
	);
}
