/** Archive an environment: new sessions cannot use it. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { beta, environmentPath, explainNotFound } from '../../helpers/api';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { environmentLocator } from './shared';

const show = { resource: ['environment'], operation: ['archive'] };

export const description: INodeProperties[] = [environmentLocator({ show }, 'The environment to archive'), tuningOnlyOptions({ show })];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const environmentId = requiredLocator(this, 'environmentId', 'Environment', i);
			return client.request<IDataObject>(beta({ method: 'POST', path: environmentPath(environmentId, '/archive') })).catch((error) => {
				throw explainNotFound(error, 'environment', environmentId);
			});
		},
		{ concurrency: tuning.concurrency },
	);
}
