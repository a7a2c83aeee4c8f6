/** The List operation of a Managed Agents resource (agents, environments): paged, newest first, archived optional. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../shared/descriptions';
import { runPerItem } from '../../shared/runPerItem';
import type { RunTuning } from '../../shared/tuning';
import type { ClaudeAwsClient, QueryValue } from '../../transport/client';
import { beta } from './api';
import { tuningOnlyOptions } from './descriptions';

export function listOperation(resource: string, path: string, plural: string) {
	const show = { resource: [resource], operation: ['list'] };
	const description: INodeProperties[] = [
		...returnAllAndLimit({ show }),
		{
			displayName: 'Include Archived',
			name: 'includeArchived',
			type: 'boolean',
			default: false,
			description: `Whether to include archived ${plural}`,
			displayOptions: { show },
		},
		tuningOnlyOptions({ show }),
	];

	async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
		return runPerItem(
			this,
			async (i) => {
				const query: Record<string, QueryValue> = {};
				if (this.getNodeParameter('includeArchived', i, false) === true) query.include_archived = true;
				return client.paginate<IDataObject>(beta({ method: 'GET', path, query }), { style: 'page', ...readReturnAllAndLimit(this, i) });
			},
			{ concurrency: tuning.concurrency },
		);
	}

	return { description, execute };
}
