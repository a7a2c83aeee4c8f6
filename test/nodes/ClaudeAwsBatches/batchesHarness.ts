/** Shared set-up for the Batches node tests: one emulator per test file, runs over real HTTP. */
import type { INodeParameters } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsBatches } from '../../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node';
import { DEFAULT_MODEL } from '../../../nodes/shared/messageForm/promptFields';
import { clientFromCredential } from '../../../nodes/shared/client';
import type { BatchesState } from '../../emulator/resources/batches';
import type { Emulator, ReceivedRequest } from '../../emulator/types';
import { accessKeyCredentials } from '../../helpers/credentials';
import { useEmulator } from '../../helpers/emulator';
import { runNode, runWorkflow, type RunNodeOptions, type RunNodeResult, type RunWorkflowOptions } from '../../helpers/runNode';

export interface Harness {
	emulator: Emulator;
	state(): BatchesState;
	run(parameters: INodeParameters, options?: Omit<RunNodeOptions, 'node' | 'parameters'>): Promise<RunNodeResult>;
	/** Options for runWorkflow with this node type and the credential. */
	workflowOptions(extra?: Partial<RunWorkflowOptions>): RunWorkflowOptions;
	/** Requests that reached the gateway, optionally only those to a path (exact string or pattern). */
	requests(method?: string, path?: string | RegExp): ReceivedRequest[];
	/** Creates a batch through the node (default IDs, one request per input) and returns its output item json. */
	createBatch(prompts: string[], parameters?: INodeParameters): Promise<Record<string, any>>;
	/** Creates a batch straight through the transport (no node run): for tests that need many. */
	createDirect(prompts: string[]): Promise<{ id: string; created_at: string }>;
	/** Polls the emulator until the batch has ended. */
	waitEnded(id: string): Promise<void>;
}

export function useHarness(emulatorOptions: { batchProcessingMs?: number } = {}): Harness {
	const handle = useEmulator({ batchProcessingMs: emulatorOptions.batchProcessingMs ?? 150 });
	const harness = {
		get emulator() {
			return handle.emulator;
		},
	} as Harness;
	beforeEach(() => {
		harness.state().shuffle = true;
		harness.state().processingMs = undefined;
	});
	harness.state = () => harness.emulator.state.batches as BatchesState;
	const credentials = () => ({ claudePlatformAwsApi: accessKeyCredentials(harness.emulator) });
	harness.run = (parameters, options = {}) =>
		runNode({ node: ClaudeAwsBatches, parameters: { resource: 'batch', ...parameters }, credentials: credentials(), credentialTypes: [ClaudePlatformAwsApi], ...options });
	harness.workflowOptions = (extra = {}) => ({ nodeTypes: [ClaudeAwsBatches], credentials: credentials(), credentialTypes: [ClaudePlatformAwsApi], ...extra });
	harness.requests = (method, path) =>
		harness.emulator.received.filter(
			(r) => (!method || r.method === method) && (path === undefined || (typeof path === 'string' ? r.path === path : path.test(r.path))),
		);
	harness.createBatch = async (prompts, parameters = {}) => {
		const result = await harness.run({ operation: 'create', prompt: '={{ $json.q }}', ...parameters }, { input: prompts.map((q) => ({ q })) });
		if (result.error) throw result.error;
		return result.json[0];
	};
	harness.createDirect = async (prompts) => {
		const client = clientFromCredential(accessKeyCredentials(harness.emulator));
		const requests = prompts.map((content, i) => ({ custom_id: `item-${i}`, params: { model: DEFAULT_MODEL, max_tokens: 16, messages: [{ role: 'user', content }] } }));
		return client.request({ method: 'POST', path: '/v1/messages/batches', body: { requests }, idempotent: false });
	};
	harness.waitEnded = async (id) => {
		const batch = harness.state().batches.get(id);
		if (!batch) throw new Error(`no batch ${id}`);
		const left = batch.endsAt - Date.now();
		if (left > 0) await new Promise((resolve) => setTimeout(resolve, left + 5));
	};
	return harness;
}

/** A resource locator value as the editor stores it in ID mode. */
export function byId(id: string) {
	return { __rl: true, mode: 'id', value: id };
}
