import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestTuningOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';
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
export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<IDataObject> {
	const batchId = readBatchId(this, i);
	const wait = readWaitOptions(this, this.getNodeParameter('options', i, {}) as IDataObject, i, this.getExecutionCancelSignal?.());
	const [batch] = await waitUntilEnded(client, [batchId], wait);
	return { ...batch } as unknown as IDataObject;
}
