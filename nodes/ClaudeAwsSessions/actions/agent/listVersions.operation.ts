/** List Versions: every version of an agent, newest first (each is the whole agent as it was then). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { agents } from '../../../api/agents';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { agentLocator } from './shared';

const show = { resource: ['agent'], operation: ['listVersions'] };

export const description: INodeProperties[] = [agentLocator({ show }, 'The agent whose versions to list'), ...returnAllAndLimit({ show }), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const agentId = requiredLocator(this, 'agentId', 'Agent', i);
	return (await agents.versions.list(client, agentId, readReturnAllAndLimit(this, i))) as IDataObject[];
}
