/** Shared set-up for the Sessions node tests: one emulator per file, the node run through n8n-core. */
import type { INodeParameters } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsSessions } from '../../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node';
import type { Emulator } from '../../emulator/types';
import { accessKeyCredentials } from '../../helpers/credentials';
import { runNode, type ItemInput, type RunNodeResult } from '../../helpers/runNode';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function runSessions(emulator: Emulator, parameters: INodeParameters, options: { input?: ItemInput[]; continueOnFail?: boolean } = {}): Promise<RunNodeResult> {
	return runNode({
		node: ClaudeAwsSessions,
		parameters,
		credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
}

/** Requests that reached the emulator's Managed Agents routes (or all, with a path filter). */
export function wire(emulator: Emulator, match: RegExp = /^\/v1\/(sessions|agents|environments)/) {
	return emulator.received.filter((r) => match.test(r.path));
}

export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 20));
	}
}
