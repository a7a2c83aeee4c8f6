/** Get Model: one model's details (display name, limits, lifecycle). */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { parameterError } from '../../../shared/errors';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { DEFAULT_MODEL } from '../message/promptFields';

const displayOptions = { show: { resource: ['model'], operation: ['get'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'modelId',
		type: 'resourceLocator',
		default: { mode: 'list', value: DEFAULT_MODEL },
		required: true,
		description: 'The model to get',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchModels', searchable: true } },
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. claude-sonnet-5-5' },
		],
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		async (itemIndex) => {
			const id = String(this.getNodeParameter('modelId', itemIndex, '', { extractValue: true }) ?? '').trim();
			if (!id) throw parameterError(this.getNode(), 'Model', 'no model is selected', itemIndex);
			return await client.request({ method: 'GET', path: `/v1/models/${encodeURIComponent(id)}` });
		},
		{ concurrency: tuning.concurrency },
	);
}
