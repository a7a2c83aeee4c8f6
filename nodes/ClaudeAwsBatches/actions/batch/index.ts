import type { INodeProperties } from 'n8n-workflow';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getResults from './getResults.operation';
import * as list from './list.operation';
import * as waitUntilEnded from './waitUntilEnded.operation';

export { cancel, create, del as delete, get, getResults, list, waitUntilEnded };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batch'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a batch',
				description: 'Stop a batch that is still processing',
			},
			{
				name: 'Create Batch From Items',
				value: 'create',
				action: 'Create a batch from items',
				description: 'Send one request per input item as a message batch, at half the price of Send Message',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a batch',
				description: 'Delete an ended batch and its results',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a batch',
				description: 'Get the status and request counts of a batch',
			},
			{
				name: 'Get Results',
				value: 'getResults',
				action: 'Get the results of a batch',
				description: 'One item per request of an ended batch: the reply or the error',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List batches',
				description: 'List the batches of the workspace, newest first',
			},
			{
				name: 'Wait Until Ended',
				value: 'waitUntilEnded',
				action: 'Wait until a batch has ended',
				description: 'Check the batch at growing intervals until it has ended',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...list.description,
	...cancel.description,
	...del.description,
	...getResults.description,
	...waitUntilEnded.description,
];
