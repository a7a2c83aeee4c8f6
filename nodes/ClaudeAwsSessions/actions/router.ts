/** The Agents node's resources (sessions, agents, environments) under the one router. */
import { createRouter } from '../../shared/router';
import * as agent from './agent';
import { agentResourceOperations } from './agentResources';
import * as environment from './environment';
import * as session from './session';

export const router = createRouter({
	session: {
		start: session.start,
		sendMessage: session.sendMessage,
		sendToolResult: session.sendToolResult,
		confirmToolUse: session.confirmToolUse,
		get: session.get,
		list: session.list,
		listEvents: session.listEvents,
		interrupt: session.interrupt,
		archive: session.archive,
		delete: session.delete,
		defineOutcome: session.defineOutcome,
		update: session.update,
	},
	agent: { list: agent.list, get: agent.get, create: agent.create, archive: agent.archive, update: agent.update, listVersions: agent.listVersions },
	environment: {
		list: environment.list,
		get: environment.get,
		create: environment.create,
		archive: environment.archive,
		update: environment.update,
		delete: environment.delete,
	},
	...agentResourceOperations,
});
