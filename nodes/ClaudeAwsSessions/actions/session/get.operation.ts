/** Get: one session with its status, usage and stats. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { beta, explainNotFound, sessionPath } from '../../helpers/api';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';

const show = { resource: ['session'], operation: ['get'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }), tuningOnlyOptions({ show })];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
			const session = await client.request<IDataObject>(beta({ method: 'GET', path: sessionPath(sessionId) })).catch((error) => {
				throw explainNotFound(error, 'session', sessionId);
			});
			return { session_id: session.id, ...session };
		},
		{ concurrency: tuning.concurrency },
	);
}
