/**
 * Set-up for the chat model tests: one emulator per file; the model is supplied by n8n's engine
 * (runSupplyData), exactly as an AI Agent gets it, then called directly (SDK) or through the adapter
 * (LangChain), over real HTTP.
 */
import type { ChatModel } from '@n8n/ai-node-sdk';
import type { INodeParameters } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { LmChatClaudeAws } from '../../../nodes/LmChatClaudeAws/LmChatClaudeAws.node';
import type { Emulator, ReceivedRequest } from '../../emulator/types';
import { accessKeyCredentials } from '../../helpers/credentials';
import { useEmulator } from '../../helpers/emulator';
import { runSupplyData } from '../../helpers/runNode';

/** The LangChain chat model n8n hands to the agent (the SDK's adapter): the parts the tests use. */
export interface LangChainModel {
	chatModel: ChatModel;
	invoke(input: unknown, options?: Record<string, unknown>): Promise<any>;
	stream(input: unknown, options?: Record<string, unknown>): Promise<AsyncIterable<any>>;
	bindTools(tools: unknown[]): LangChainModel;
}

export interface Supplied {
	/** What the engine supplied to the consumer (the adapter). */
	langchain: LangChainModel;
	/** Our model behind it (the SDK's ChatModel). */
	model: ChatModel;
}

export interface ModelHarness {
	emulator: Emulator;
	supply(parameters?: INodeParameters): Promise<Supplied>;
	/** The error the engine raised while supplying the model. */
	supplyError(parameters: INodeParameters): Promise<Error | undefined>;
	requests(path?: string): ReceivedRequest[];
}

export const MODEL = 'claude-sonnet-5-5';

export function useModelHarness(): ModelHarness {
	const handle = useEmulator();
	const harness = {
		get emulator() {
			return handle.emulator;
		},
	} as ModelHarness;
	const run = (parameters: INodeParameters) =>
		runSupplyData({
			node: LmChatClaudeAws,
			parameters: { model: { __rl: true, mode: 'id', value: MODEL }, ...parameters },
			credentials: { claudePlatformAwsApi: accessKeyCredentials(harness.emulator) },
			credentialTypes: [ClaudePlatformAwsApi],
		});
	harness.supply = async (parameters = {}) => {
		const { response, error } = await run(parameters);
		if (error) throw error;
		const langchain = response as LangChainModel;
		return { langchain, model: langchain.chatModel };
	};
	harness.supplyError = async (parameters) => (await run(parameters)).error;
	harness.requests = (path = '/v1/messages') => harness.emulator.received.filter((r) => r.path === path);
	return harness;
}

export const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] });
export const system = (text: string) => ({ role: 'system' as const, content: [{ type: 'text' as const, text }] });
