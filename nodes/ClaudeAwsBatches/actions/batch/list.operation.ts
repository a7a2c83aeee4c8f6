import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { readReturnAllAndLimit, returnAllAndLimit, tuningOnlyOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { BATCHES_PATH, type MessageBatch } from '../../helpers/batchApi';

const displayOptions = { show: { resource: ['batch'], operation: ['list'] } };

export const description: INodeProperties[] = [
	...returnAllAndLimit(displayOptions),
	tuningOnlyOptions(displayOptions),
];

/** Newest first, as the API lists them; one output item per batch. */
export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const batches = await client.paginate<MessageBatch>({ method: 'GET', path: BATCHES_PATH }, { style: 'id', ...readReturnAllAndLimit(this, i) });
			return batches.map((batch) => ({ ...batch }));
		},
		{ concurrency: tuning.concurrency },
	);
}
