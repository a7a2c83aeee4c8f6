/** The List operation of a Managed Agents resource (agents, environments): paged, newest first, archived optional. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Paging } from '../../api/resource';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../shared/descriptions';
import type { RunContext } from '../../shared/router';
import type { ClaudeAwsClient, QueryValue } from '../../transport/client';
import { tuningOnlyOptions } from './descriptions';

type Lister = (client: ClaudeAwsClient, paging: Paging, query: Record<string, QueryValue>) => Promise<unknown[]>;

export function listOperation(resource: string, list: Lister, plural: string) {
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

	async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<IDataObject[]> {
		const query: Record<string, QueryValue> = {};
		if (this.getNodeParameter('includeArchived', i, false) === true) query.include_archived = true;
		return (await list(client, readReturnAllAndLimit(this, i), query)) as IDataObject[];
	}

	return { description, perItem };
}
