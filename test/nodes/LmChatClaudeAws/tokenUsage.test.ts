/**
 * Token usage as n8n shows it: the chat model sub-node's output data in the execution holds `tokenUsage`
 * (the gateway's numbers) for whole and for streamed answers, not n8n's tokenizer estimate
 * (`tokenUsageEstimate`). Runs n8n's real adapter and tracing handler (supplyModel), through the engine.
 */
import { HumanMessage } from '@langchain/core/messages';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { LmChatClaudeAws } from '../../../nodes/LmChatClaudeAws/LmChatClaudeAws.node';
import { reportStreamedUsage, streamedUsage } from '../../../nodes/LmChatClaudeAws/tokenUsage';
import { accessKeyCredentials } from '../../helpers/credentials';
import { useEmulator } from '../../helpers/emulator';
import { runSupplyData } from '../../helpers/runNode';

const handle = useEmulator();
const NODE = 'Claude on AWS Chat Model';

async function supplied() {
	const { response, workflow, error } = await runSupplyData({
		node: LmChatClaudeAws,
		parameters: { model: { __rl: true, mode: 'id', value: 'claude-sonnet-5-5' } },
		credentials: { claudePlatformAwsApi: accessKeyCredentials(handle.emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
	});
	if (error) throw error;
	/** What n8n shows for each call of the model: the sub-node's output data. */
	const shown = () => (workflow.run.data.resultData.runData[NODE] ?? []).map((run) => run.data?.ai_languageModel?.[0]?.[0]?.json as Record<string, any>);
	return { langchain: response as any, shown };
}

const PROMPT = 'Tell me about the longest rivers of South America, in order, with their lengths';

test('a whole answer shows the gateway\'s token usage', async () => {
	const { langchain, shown } = await supplied();
	const answer = await langchain.invoke([new HumanMessage(PROMPT)]);
	const { input_tokens, output_tokens } = answer.usage_metadata;
	expect(output_tokens).toBeGreaterThan(0);
	expect(shown()).toHaveLength(1);
	expect(shown()[0].tokenUsage).toEqual({ promptTokens: input_tokens, completionTokens: output_tokens, totalTokens: input_tokens + output_tokens });
	expect(shown()[0]).not.toHaveProperty('tokenUsageEstimate');
});

test('a streamed answer shows the same exact usage, not an estimate', async () => {
	const { langchain, shown } = await supplied();
	const whole = await langchain.invoke([new HumanMessage(PROMPT)]);
	let usage: any;
	for await (const chunk of await langchain.stream([new HumanMessage(PROMPT)])) if (chunk.usage_metadata) usage = chunk.usage_metadata;
	expect(usage).toMatchObject({ input_tokens: whole.usage_metadata.input_tokens, output_tokens: whole.usage_metadata.output_tokens });
	const [, streamed] = shown();
	expect(streamed.tokenUsage).toEqual({ promptTokens: usage.input_tokens, completionTokens: usage.output_tokens, totalTokens: usage.input_tokens + usage.output_tokens });
	expect(streamed).not.toHaveProperty('tokenUsageEstimate');
});

test('with tools bound and streamed events, as n8n\'s agent calls it, the exact usage shows too', async () => {
	// The adapter's bindTools makes a new adapter with a new tracing handler: that one must read streamed usage as well.
	const { langchain, shown } = await supplied();
	const bound = langchain.bindTools([{ type: 'function', function: { name: 'calc', description: 'Calculates', parameters: { type: 'object', properties: { input: { type: 'string' } } } } }]);
	let usage: any;
	for await (const event of bound.streamEvents([new HumanMessage(PROMPT)], { version: 'v2' })) if (event.event === 'on_chat_model_end') usage = event.data.output.usage_metadata;
	expect(usage.output_tokens).toBeGreaterThan(0);
	expect(shown()[0].tokenUsage).toEqual({ promptTokens: usage.input_tokens, completionTokens: usage.output_tokens, totalTokens: usage.input_tokens + usage.output_tokens });
	expect(shown()[0]).not.toHaveProperty('tokenUsageEstimate');
});

describe('reportStreamedUsage', () => {
	const streamedOutput = { generations: [], llmOutput: { tokenUsage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 } } };

	test('keeps what n8n\'s own parser found, and reads the streamed shape only when it found no output tokens', () => {
		const handler = { options: { tokensUsageParser: (output: any) => ({ promptTokens: output?.llmOutput?.tokenUsage?.input_tokens ?? 0, completionTokens: output?.llmOutput?.tokenUsage?.output_tokens ?? 0, totalTokens: 0 }) } };
		expect(reportStreamedUsage({ callbacks: [handler] })).toBe(1);
		expect(handler.options.tokensUsageParser({ llmOutput: { tokenUsage: { input_tokens: 4, output_tokens: 2 } } })).toEqual({ promptTokens: 4, completionTokens: 2, totalTokens: 0 });
		expect(handler.options.tokensUsageParser(streamedOutput)).toEqual({ promptTokens: 7, completionTokens: 3, totalTokens: 10 });
		expect(handler.options.tokensUsageParser({ llmOutput: {} })).toEqual({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
		// Supplying again does not wrap twice.
		expect(reportStreamedUsage({ callbacks: [handler] })).toBe(0);
	});

	test('changes nothing where n8n\'s internals are not as expected', () => {
		expect(reportStreamedUsage(undefined)).toBe(0);
		expect(reportStreamedUsage({})).toBe(0);
		expect(reportStreamedUsage({ callbacks: [null, {}, { options: {} }, { options: { tokensUsageParser: 'x' } }] })).toBe(0);
		expect(streamedUsage({ llmOutput: { tokenUsage: { completionTokens: 0 } } })).toBeUndefined();
	});
});
