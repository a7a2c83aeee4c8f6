import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { requestTuningOptions, returnAllAndLimit } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { BATCHES_PATH, type MessageBatch } from '../../helpers/batchApi';

const displayOptions = { show: { resource: ['batch'], operation: ['list'] } };

export const description: INodeProperties[] = [
	...returnAllAndLimit(displayOptions),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [...requestTuningOptions],
	},
];

/** Newest first, as the API lists them; one output item per batch. */
export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
			const limit = this.getNodeParameter('limit', i, 50) as number;
			const batches = await client.paginate<MessageBatch>({ method: 'GET', path: BATCHES_PATH }, { style: 'id', returnAll, limit });
			return batches.map((batch) => ({ ...batch }));
		},
		{ concurrency: tuning.concurrency },
	);
}
