/** UI fragments shared by the session operations. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { requestTuningOptions } from '../../shared/descriptions';
import { idLocator } from '../../shared/idLocator';

export { tuningOnlyOptions } from '../../shared/descriptions';

export const SESSION_ID = {
	name: 'sessionId',
	displayName: 'Session',
	searchListMethod: 'searchSessions',
	placeholder: 'e.g. sesn_011CZkZAtmR3yMPDzynEDxu7',
	defaultMode: 'id' as const,
	hint: 'Usually an expression such as {{ $json.session_id }}',
};

export function sessionIdLocator(displayOptions: IDisplayOptions, description = 'The session to use'): INodeProperties {
	return idLocator(SESSION_ID, displayOptions, description);
}

export function waitForReplyField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Wait for Reply',
		name: 'waitForReply',
		type: 'boolean',
		default: true,
		description:
			"Whether to follow the session until the agent's turn ends and output its reply; otherwise output right after the message was accepted",
		displayOptions,
	};
}

/** Options of the operations that can wait for the agent's turn. */
export function turnOptions(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Include Events',
				name: 'includeEvents',
				type: 'boolean',
				default: false,
				description: "Whether to add all of the turn's events (tool calls, status changes...) to the output",
			},
			{
				displayName: 'Wait Limit (Seconds)',
				name: 'waitSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 604800 },
				default: 300,
				description:
					'How long to wait for the agent to finish its turn. When it passes the item fails with the session ID, and the session keeps running: pick it up later with Get or List Events.',
			},
			...requestTuningOptions,
		],
	};
}
