/** UI fragments every node of the package shares, so the same thing looks and reads the same everywhere. */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_SECONDS, MAX_CONCURRENCY_LIMIT, MAX_RETRIES_LIMIT } from '../transport/constants';

export function returnAllAndLimit(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/** The values of returnAllAndLimit's fields for one item, in the shape ClaudeAwsClient.paginate takes. */
export function readReturnAllAndLimit(context: IExecuteFunctions, itemIndex: number): { returnAll: boolean; limit: number } {
	return { returnAll: context.getNodeParameter('returnAll', itemIndex, false) as boolean, limit: context.getNodeParameter('limit', itemIndex, 50) as number };
}

export function simplifyOutput(displayOptions: IDisplayOptions, description = 'Whether to return a simplified version of the response instead of the raw data'): INodeProperties {
	return { displayName: 'Simplify Output', name: 'simplify', type: 'boolean', default: true, description, displayOptions };
}

/** Request tuning, shown under each node's Options collection. */
export const requestTuningOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY_LIMIT },
		default: DEFAULT_MAX_CONCURRENCY,
		description:
			'How many items are sent to the gateway at the same time. When the gateway rate-limits, all requests of the execution wait together and the number in flight drops, then grows back.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_RETRIES_LIMIT },
		default: DEFAULT_MAX_RETRIES,
		description: 'How many times a failed request is retried (server errors, overload, timeouts, lost connections); rate limits with a retry-after are waited out on top of this',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_TIMEOUT_SECONDS,
		description: 'How long to wait without any data from the gateway before a request fails',
	},
];

/** An Options collection holding only the request tuning, for operations that have no other options. */
export function tuningOnlyOptions(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [...requestTuningOptions],
	};
}

export const DEFAULT_CONCURRENCY = DEFAULT_MAX_CONCURRENCY;
