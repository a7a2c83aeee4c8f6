/** List: the workspace's files, newest first, following page tokens. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readReturnAllAndLimit, returnAllAndLimit, tuningOnlyOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';

const displayOptions = { show: { resource: ['file'], operation: ['list'] } };

export const description: INodeProperties[] = [
	...returnAllAndLimit(displayOptions),
	tuningOnlyOptions(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (itemIndex) => {
			return await client.paginate<IDataObject>({ method: 'GET', path: '/v1/files' }, { style: 'page', ...readReturnAllAndLimit(this, itemIndex) });
		},
		{ concurrency: tuning.concurrency },
	);
}
