/** The batch ID field (pick from a list, or type or map an ID) and reading it through the one ID rule. */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idLocator, readId } from '../../shared/idLocator';

const BATCH_ID = { name: 'batchId', displayName: 'Batch', searchListMethod: 'searchBatches', placeholder: 'e.g. msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d' };

export function batchIdField(displayOptions: IDisplayOptions, description = 'The message batch to use'): INodeProperties {
	return idLocator(BATCH_ID, displayOptions, description);
}

export function readBatchId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, BATCH_ID.name, BATCH_ID.displayName, itemIndex, {
		noun: 'message batch',
		hint: 'Pick a batch from the list, or map its ID, e.g. {{ $json.id }}. Batch IDs look like msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d.',
	});
}
