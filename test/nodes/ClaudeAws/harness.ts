/** Shared set-up for the Claude on AWS node tests: one emulator per test file, runs over real HTTP. */
import type { INodeParameters } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../../nodes/ClaudeAws/ClaudeAws.node';
import type { Emulator, ReceivedRequest } from '../../emulator/types';
import { accessKeyCredentials } from '../../helpers/credentials';
import { useEmulator } from '../../helpers/emulator';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../../helpers/runNode';

export interface Harness {
	emulator: Emulator;
	run(parameters: INodeParameters, options?: Omit<RunNodeOptions, 'node' | 'parameters'>): Promise<RunNodeResult>;
	/** Requests that reached POST /v1/messages (or another path). */
	requests(path?: string): ReceivedRequest[];
}

export function useHarness(): Harness {
	const handle = useEmulator();
	const harness = {
		get emulator() {
			return handle.emulator;
		},
	} as Harness;
	harness.run = (parameters, options = {}) =>
		runNode({
			node: ClaudeAws,
			parameters,
			credentials: { claudePlatformAwsApi: accessKeyCredentials(harness.emulator) },
			credentialTypes: [ClaudePlatformAwsApi],
			...options,
		});
	harness.requests = (path = '/v1/messages') => harness.emulator.received.filter((r) => r.path === path);
	return harness;
}

/** Send Message with a simple prompt and the given extra parameters. */
export function send(parameters: INodeParameters = {}): INodeParameters {
	return { resource: 'message', operation: 'send', prompt: 'Hello there', ...parameters };
}
