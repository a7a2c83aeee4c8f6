/** Add a file to a running session's container (the SDK adds only files once a session exists). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sessions } from '../../../api/sessions';
import { idLocator } from '../../../shared/idLocator';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { withSession } from './shared';

const show = { resource: ['sessionResource'], operation: ['add'] };

export const description: INodeProperties[] = [
	sessionIdLocator({ show }, 'The session to add the file to'),
	idLocator({ name: 'fileId', displayName: 'File', searchListMethod: 'searchFiles', placeholder: 'e.g. file_011CNha8iCJcU1wXNR6q4V8w' }, { show }, 'A file uploaded with Claude on AWS Files'),
	{
		displayName: 'Mount Path',
		name: 'mountPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. /mnt/session/uploads/report.pdf',
		description: 'Where the file appears in the container; empty uses /mnt/session/uploads/ followed by the file ID',
		displayOptions: { show },
	},
	tuningOnlyOptions({ show }),
];

export const created = (result: ItemResult) => idOf(result, 'id');

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const fileId = requiredLocator(this, 'fileId', 'File', i);
	const mountPath = String(this.getNodeParameter('mountPath', i, '') ?? '').trim();
	const body = { type: 'file', file_id: fileId, ...(mountPath ? { mount_path: mountPath } : {}) };
	return withSession(sessionId, await sessions.resources.add(client, sessionId, body));
}
