/** Update a session's title and metadata (metadata keys not listed keep their values). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { metadataOption } from '../../helpers/metadataFields';
import { sessions } from '../../../api/sessions';
import { parameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, tuningOnlyOptions } from '../../helpers/descriptions';
import { metadataFrom, requiredLocator } from '../../helpers/params';

const show = { resource: ['session'], operation: ['update'] };
const UPDATE_FIELDS = 'Update Fields';

export const description: INodeProperties[] = [
	sessionIdLocator({ show }, 'The session to update'),
	{
		displayName: UPDATE_FIELDS,
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ ...metadataOption, description: 'Keys to add or change; keys not listed keep their values' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Empty clears the title' },
		],
	},
	tuningOnlyOptions({ show }),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.title !== undefined) body.title = String(fields.title).trim() || null;
	const metadata = metadataFrom(this, fields.metadata as IDataObject | undefined, `${UPDATE_FIELDS} > Metadata`, i);
	if (metadata) body.metadata = metadata;
	if (Object.keys(body).length === 0) throw parameterError(this.getNode(), UPDATE_FIELDS, 'has no field to change', i, 'Add a Title or Metadata.');
	const session = (await sessions.update(client, sessionId, body)) as IDataObject;
	return { session_id: session.id, ...session };
}
