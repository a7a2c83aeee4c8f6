/** Start Session: creates a session with its first message (initial_events) and, by default, waits for the agent's reply. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../../../shared/idLocator';
import { AGENT_ID } from '../agent/shared';
import { ENVIRONMENT_ID } from '../environment/shared';
import { sessions } from '../../../api/sessions';
import { parameterError } from '../../../shared/errors';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { turnOptions, waitForReplyField } from '../../helpers/descriptions';
import { attachmentDescription, messageContent, messageText } from '../../helpers/content';
import { idsFrom, metadataFrom, requiredLocator } from '../../helpers/params';
import { resourcesField, resourcesFrom, MAX_MEMORY_STORES } from '../../helpers/resources';
import { readWaitSettings, waitForTurn } from '../../helpers/wait';

const show = { resource: ['session'], operation: ['start'] };

export const description: INodeProperties[] = [
	idLocator({ ...AGENT_ID, name: 'agent' }, { show }, 'The agent that runs the session'),
	idLocator({ ...ENVIRONMENT_ID, name: 'environment' }, { show }, "The environment (container configuration) the agent's tools run in"),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.body.text }}',
		description: 'The first user message of the session; may be empty when attachments carry it',
		displayOptions: { show },
	},
	...attachmentDescription({ show }),
	waitForReplyField({ show }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Agent Version',
				name: 'agentVersion',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Pin the session to this version of the agent; 0 uses the latest version',
			},
			{
				displayName: 'Budget (USD)',
				name: 'budgetUsd',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Spend ceiling of the session at list prices, in US dollars; 0 means no budget. The agent stops with stop reason budget_reached when it is reached.',
			},
			{
				displayName: 'File IDs',
				name: 'fileIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. file_011CNha8iCJcU1wXNR6q4V8w, file_011CPMxVD3fHLUhvTqtsQA5w',
				description: "Comma-separated IDs of uploaded files (Claude on AWS Files) to mount in the session's container",
			},
			{
				displayName: 'Metadata',
				name: 'metadata',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Metadata',
				description: 'Key/value pairs kept with the session (at most 16)',
				options: [
					{
						displayName: 'Entry',
						name: 'entries',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{ ...resourcesField, description: `${resourcesField.description} (at most ${MAX_MEMORY_STORES} memory stores)` },
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'A human-readable title for the session',
			},
			{
				displayName: 'Vault IDs',
				name: 'vaultIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. vlt_011CZkZBJq5dWxk9fVLNcPht',
				description: "Comma-separated IDs of vaults whose credentials the agent's MCP servers may use in this session",
			},
		],
	},
	turnOptions({ show }),
];

/** Not idempotent: when another item fails the node, the error names the sessions already started. */
export const created = (result: ItemResult) => idOf(result, 'session_id');

export async function perItem(this: IExecuteFunctions, i: number, run: RunContext): Promise<ItemResult> {
	const { client } = run;
	const events = await run.streamClient();
	const body = await readCreateBody(this, i);
	const wait = this.getNodeParameter('waitForReply', i, true) as boolean;
	const settings = readWaitSettings(this, i);
	// Never repeated on an ambiguous failure: a retry could start a second session.
	const session = (await sessions.create(client, body)) as IDataObject;
	const sessionId = String(session.id);
	if (!wait) return { session_id: sessionId, ...session };
	return waitForTurn(this, { api: client, events }, sessionId, undefined, settings, i);
}

async function readCreateBody(context: IExecuteFunctions, i: number): Promise<IDataObject> {
	const agentId = requiredLocator(context, 'agent', 'Agent', i, 'Pick an agent from the list or give its ID (agent_...).');
	const environmentId = requiredLocator(context, 'environment', 'Environment', i, 'Pick an environment from the list or give its ID (env_...).');
	const content = await messageContent(context, i, messageText(context, 'message', i), 'Message');
	const fields = context.getNodeParameter('additionalFields', i, {}) as IDataObject;

	const version = Number(fields.agentVersion ?? 0);
	if (!Number.isInteger(version) || version < 0) throw parameterError(context.getNode(), 'Agent Version', 'must be a whole number (0 for the latest)', i);
	const body: IDataObject = {
		agent: version > 0 ? { type: 'agent', id: agentId, version } : agentId,
		environment_id: environmentId,
		initial_events: [{ type: 'user.message', content }],
	};
	const title = String(fields.title ?? '').trim();
	if (title) body.title = title;
	const fileIds = idsFrom(context, fields.fileIds, 'File IDs', 'file', i);
	// The older File IDs option (saved workflows have it) comes first, then the Resources entries.
	const resources = [...fileIds.map((fileId) => ({ type: 'file', file_id: fileId })), ...resourcesFrom(context, fields.resources as IDataObject | undefined, i)];
	if (resources.length > 0) body.resources = resources;
	const vaultIds = idsFrom(context, fields.vaultIds, 'Vault IDs', 'vault', i);
	if (vaultIds.length > 0) body.vault_ids = vaultIds;
	const metadata = metadataFrom(context, fields.metadata as IDataObject | undefined, 'Metadata', i);
	if (metadata) body.metadata = metadata;
	const budget = Number(fields.budgetUsd ?? 0);
	if (!Number.isFinite(budget) || budget < 0) throw parameterError(context.getNode(), 'Budget (USD)', 'must be a positive amount', i);
	if (budget > 0) {
		// Minor units as an integer string, as the API wants: no float ever reaches the wire.
		body.budget = { type: 'limit', max_list_cost: { amount: String(Math.round(budget * 100)), currency: 'USD' } };
	}
	return body;
}
