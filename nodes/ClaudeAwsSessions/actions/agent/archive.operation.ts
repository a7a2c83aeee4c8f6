/** Archive an agent: existing sessions keep working, new sessions cannot use it. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { agentPath, beta, explainNotFound } from '../../helpers/api';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { agentLocator } from './shared';

const show = { resource: ['agent'], operation: ['archive'] };

export const description: INodeProperties[] = [agentLocator({ show }, 'The agent to archive'), tuningOnlyOptions({ show })];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const agentId = requiredLocator(this, 'agentId', 'Agent', i);
			return client.request<IDataObject>(beta({ method: 'POST', path: agentPath(agentId, '/archive') })).catch((error) => {
				throw explainNotFound(error, 'agent', agentId);
			});
		},
		{ concurrency: tuning.concurrency },
	);
}
