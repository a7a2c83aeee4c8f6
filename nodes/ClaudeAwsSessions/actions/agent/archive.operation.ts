/** Archive an agent: existing sessions keep working, new sessions cannot use it. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { agents } from '../../../api/agents';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { agentLocator } from './shared';

const show = { resource: ['agent'], operation: ['archive'] };

export const description: INodeProperties[] = [agentLocator({ show }, 'The agent to archive'), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const agentId = requiredLocator(this, 'agentId', 'Agent', i);
	return (await agents.archive(client, agentId)) as IDataObject;
}
