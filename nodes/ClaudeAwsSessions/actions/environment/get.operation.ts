/** Get an environment. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { beta, environmentPath, explainNotFound } from '../../helpers/api';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { environmentLocator } from './shared';

const show = { resource: ['environment'], operation: ['get'] };

export const description: INodeProperties[] = [environmentLocator({ show }), tuningOnlyOptions({ show })];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const environmentId = requiredLocator(this, 'environmentId', 'Environment', i);
			return client.request<IDataObject>(beta({ method: 'GET', path: environmentPath(environmentId) })).catch((error) => {
				throw explainNotFound(error, 'environment', environmentId);
			});
		},
		{ concurrency: tuning.concurrency },
	);
}
