/** Archive: keeps the session's history readable but accepts no more events. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { beta, explainNotFound, sessionPath } from '../../helpers/api';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';

const show = { resource: ['session'], operation: ['archive'] };

export const description: INodeProperties[] = [sessionIdLocator({ show }, 'The session to archive'), tuningOnlyOptions({ show })];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => {
			const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
			const session = await client.request<IDataObject>(beta({ method: 'POST', path: sessionPath(sessionId, '/archive') })).catch((error) => {
				throw explainNotFound(error, 'session', sessionId);
			});
			return { session_id: session.id, ...session };
		},
		{ concurrency: tuning.concurrency },
	);
}
