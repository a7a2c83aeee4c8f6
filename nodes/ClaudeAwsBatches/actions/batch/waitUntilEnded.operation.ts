import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { requestTuningOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { batchIdField, readBatchId } from '../../helpers/batchLocator';
import { readWaitOptions, waitOptionFields } from '../../helpers/waitFields';
import { waitUntilEnded } from '../../helpers/waitUntilEnded';

const displayOptions = { show: { resource: ['batch'], operation: ['waitUntilEnded'] } };

export const description: INodeProperties[] = [
	batchIdField(displayOptions, 'The message batch to wait for'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [...waitOptionFields(), ...requestTuningOptions],
	},
];

/** Outputs the batch once it has ended; a timeout fails the item with the batch's ID and status. */
export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	const signal = this.getExecutionCancelSignal?.();
	return runPerItem(
		this,
		async (i) => {
			const batchId = readBatchId(this, i);
			const wait = readWaitOptions(this.getNodeParameter('options', i, {}) as IDataObject, signal);
			const [batch] = await waitUntilEnded(client, [batchId], wait);
			return { ...batch };
		},
		{ concurrency: tuning.concurrency },
	);
}
