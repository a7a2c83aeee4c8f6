import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { getBatch } from '../../helpers/batchApi';
import { batchIdField, readBatchId } from '../../helpers/batchLocator';

const displayOptions = { show: { resource: ['batch'], operation: ['get'] } };

export const description: INodeProperties[] = [
	batchIdField(displayOptions, 'The message batch to get'),
	tuningOnlyOptions(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (i) => ({ ...(await getBatch(client, readBatchId(this, i))) }), { concurrency: tuning.concurrency });
}
