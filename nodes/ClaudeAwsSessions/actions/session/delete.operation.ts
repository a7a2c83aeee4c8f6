/** Delete: removes the session and its history. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { beta, explainNotFound, sessionPath } from '../../helpers/api';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';

const show = { resource: ['session'], operation: ['delete'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }, 'The session to delete'), tuningOnlyOptions({ show })];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
			const answer = await client.request<IDataObject>(beta({ method: 'DELETE', path: sessionPath(sessionId) })).catch((error) => {
				throw explainNotFound(error, 'session', sessionId);
			});
			return { session_id: sessionId, deleted: true, ...(answer ?? {}) };
		},
		{ concurrency: tuning.concurrency },
	);
}
