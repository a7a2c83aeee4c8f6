/** List Models: the models the gateway serves, newest first. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import type { RunTuning } from '../../../shared/tuning';

const displayOptions = { show: { resource: ['model'], operation: ['list'] } };

export const description: INodeProperties[] = [...returnAllAndLimit(displayOptions)];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, _tuning: RunTuning): Promise<INodeExecutionData[]> {
	const models = await client.paginate({ method: 'GET', path: '/v1/models' }, { style: 'id', ...readReturnAllAndLimit(this, 0) });
	// One list for the whole input: listing once per item would repeat the same models.
	return models.map((json) => ({ json, pairedItem: { item: 0 } }));
}
