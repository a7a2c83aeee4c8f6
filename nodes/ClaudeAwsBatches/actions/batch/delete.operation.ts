import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { deleteBatch } from '../../helpers/batchApi';
import { batchIdField, readBatchId } from '../../helpers/batchLocator';

const displayOptions = { show: { resource: ['batch'], operation: ['delete'] } };

export const description: INodeProperties[] = [
	batchIdField(displayOptions, 'The message batch to delete, with its results. Only ended batches can be deleted: cancel a running one first.'),
	tuningOnlyOptions(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const answer = await deleteBatch(client, readBatchId(this, i));
			return { id: answer.id, deleted: true };
		},
		{ concurrency: tuning.concurrency },
	);
}
