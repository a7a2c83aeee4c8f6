/** Reads resource and operation, makes the client once per execution and runs the operation. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { getClient } from '../../shared/client';
import { toNodeError } from '../../shared/errors';
import { readTuning, type RunTuning } from '../../shared/tuning';
import type { ClaudeAwsClient } from '../../transport/client';
import * as agent from './agent';
import * as environment from './environment';
import * as session from './session';

type Operation = { execute: (this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning) => Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, Operation>> = {
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
	},
	agent: { list: agent.list, get: agent.get, create: agent.create, archive: agent.archive },
	environment: { list: environment.list, get: environment.get, create: environment.create, archive: environment.archive },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	const tuning = readTuning(this);
	let client: ClaudeAwsClient;
	try {
		client = await getClient(this, tuning);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	return [await handler.execute.call(this, client, tuning)];
}
