import type { INodeProperties } from 'n8n-workflow';
import * as archive from './archive.operation';
import * as confirmToolUse from './confirmToolUse.operation';
import * as defineOutcome from './defineOutcome.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as interrupt from './interrupt.operation';
import * as list from './list.operation';
import * as listEvents from './listEvents.operation';
import * as sendMessage from './sendMessage.operation';
import * as sendToolResult from './sendToolResult.operation';
import * as start from './start.operation';
import * as update from './update.operation';

export { archive, confirmToolUse, defineOutcome, del as delete, get, interrupt, list, listEvents, sendMessage, sendToolResult, start, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive a session', description: 'Keep the history, accept no more events' },
			{ name: 'Confirm Tool Use', value: 'confirmToolUse', action: 'Allow or deny a tool call', description: 'Answer a tool call that waits for approval' },
			{ name: 'Define Outcome', value: 'defineOutcome', action: 'Give a session an outcome to reach', description: 'A task with a rubric the agent grades itself against' },
			{ name: 'Delete', value: 'delete', action: 'Delete a session' },
			{ name: 'Get', value: 'get', action: 'Get a session' },
			{ name: 'Interrupt', value: 'interrupt', action: 'Interrupt a session', description: "Stop the agent's current run" },
			{ name: 'List', value: 'list', action: 'List sessions' },
			{ name: 'List Events', value: 'listEvents', action: 'List the events of a session' },
			{ name: 'Send Message', value: 'sendMessage', action: 'Send a message to a session', description: "Send a user message and wait for the agent's reply" },
			{ name: 'Send Tool Result', value: 'sendToolResult', action: 'Send a tool result', description: 'Answer a tool call the agent waits for' },
			{ name: 'Start', value: 'start', action: 'Start a session', description: "Start an agent session with a message and wait for the agent's reply" },
			{ name: 'Update', value: 'update', action: 'Update a session', description: 'Change its title or metadata' },
		],
		default: 'start',
	},
	...start.description,
	...sendMessage.description,
	...sendToolResult.description,
	...confirmToolUse.description,
	...get.description,
	...list.description,
	...listEvents.description,
	...interrupt.description,
	...archive.description,
	...del.description,
	...defineOutcome.description,
	...update.description,
];
