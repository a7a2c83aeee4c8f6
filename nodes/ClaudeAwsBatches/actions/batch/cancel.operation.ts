import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { cancelBatch } from '../../helpers/batchApi';
import { batchIdField, readBatchId } from '../../helpers/batchLocator';

const displayOptions = { show: { resource: ['batch'], operation: ['cancel'] } };

export const description: INodeProperties[] = [
	batchIdField(displayOptions, 'The message batch to cancel. It becomes "canceling", then "ended"; requests already processed keep their results.'),
	tuningOnlyOptions(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (i) => ({ ...(await cancelBatch(client, readBatchId(this, i))) }), { concurrency: tuning.concurrency });
}
