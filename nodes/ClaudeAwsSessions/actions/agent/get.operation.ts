/** Get an agent, optionally at a past version. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { parameterError } from '../../../shared/errors';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { agentPath, beta, explainNotFound } from '../../helpers/api';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { agentLocator } from './shared';

const show = { resource: ['agent'], operation: ['get'] };

export const description: INodeProperties[] = [
	agentLocator({ show }),
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Version to read; 0 reads the latest',
		displayOptions: { show },
	},
	tuningOnlyOptions({ show }),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const agentId = requiredLocator(this, 'agentId', 'Agent', i);
			const version = Number(this.getNodeParameter('version', i, 0));
			if (!Number.isInteger(version) || version < 0) throw parameterError(this.getNode(), 'Version', 'must be a whole number (0 for the latest)', i);
			return client.request<IDataObject>(beta({ method: 'GET', path: agentPath(agentId), query: version > 0 ? { version } : {} })).catch((error) => {
				throw explainNotFound(error, 'agent', agentId);
			});
		},
		{ concurrency: tuning.concurrency },
	);
}
