/** The Agents node's resources (sessions, agents, environments) under the one router. */
import { createRouter } from '../../shared/router';
import * as agent from './agent';
import { agentResourceOperations } from './agentResources';
import * as environment from './environment';
import * as session from './session';
import * as sessionResource from './sessionResource';
import * as thread from './thread';

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
	sessionResource: { add: sessionResource.add, list: sessionResource.list, get: sessionResource.get, update: sessionResource.update, delete: sessionResource.delete },
	thread: { list: thread.list, get: thread.get, archive: thread.archive, listEvents: thread.listEvents },
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
