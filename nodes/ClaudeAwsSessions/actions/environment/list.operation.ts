/** List environments (newest first). */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient, QueryValue } from '../../../transport/client';
import { beta } from '../../helpers/api';
import { tuningOnlyOptions } from '../../helpers/descriptions';

const show = { resource: ['environment'], operation: ['list'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit({ show }),
	{
		displayName: 'Include Archived',
		name: 'includeArchived',
		type: 'boolean',
		default: false,
		description: 'Whether to include archived environments',
		displayOptions: { show },
	},
	tuningOnlyOptions({ show }),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const query: Record<string, QueryValue> = {};
			if (this.getNodeParameter('includeArchived', i, false) === true) query.include_archived = true;
			return client.paginate<IDataObject>(beta({ method: 'GET', path: '/v1/environments', query }), { style: 'page', ...readReturnAllAndLimit(this, i) });
		},
		{ concurrency: tuning.concurrency },
	);
}
