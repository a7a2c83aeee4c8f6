/** The batch ID field (resource locator: pick from a list, or type/map an ID) and reading it safely. */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterError } from '../../shared/errors';

const BATCH_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function batchIdField(displayOptions: IDisplayOptions, description = 'The message batch to use'): INodeProperties {
	return {
		displayName: 'Batch',
		name: 'batchId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBatches', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[A-Za-z0-9_-]+$', errorMessage: 'A batch ID has only letters, digits, _ and -' },
					},
				],
			},
		],
	};
}

/** Empty or malformed IDs fail here, naming the item, before anything is sent. */
export function readBatchId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('batchId', itemIndex, '', { extractValue: true });
	// A mapped object (the whole batch instead of its id) would otherwise read as "no batch ID given".
	if (raw !== null && typeof raw === 'object') {
		throw parameterError(context.getNode(), 'Batch', `is ${Array.isArray(raw) ? 'a list' : 'an object'}, not a batch ID`, itemIndex, 'Map the ID field, e.g. {{ $json.id }}.');
	}
	const id = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	if (!id) throw parameterError(context.getNode(), 'Batch', 'no batch ID given', itemIndex, 'Pick a batch from the list, or map its ID, e.g. {{ $json.id }}.');
	if (!BATCH_ID_PATTERN.test(id)) {
		throw parameterError(context.getNode(), 'Batch', `'${id.slice(0, 80)}' is not a message batch ID`, itemIndex, 'Batch IDs look like msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d.');
	}
	return id;
}
