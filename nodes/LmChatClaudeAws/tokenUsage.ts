/**
 * Token usage as n8n shows it for a chat model: the sub-node's output data (and the log panel) holds
 * `tokenUsage` when the model reported one, else a tokenizer `tokenUsageEstimate`. n8n's LangChain adapter
 * (`supplyModel` in @n8n/ai-node-sdk, the adapter and its N8nLlmTracing handler in @n8n/ai-utilities 0.33.1)
 * reads the reported usage as `llmOutput.tokenUsage.input_tokens` / `output_tokens`: the shape the adapter
 * itself writes for a whole answer. For a streamed answer (an agent streaming to a webhook or the chat),
 * LangChain's BaseChatModel writes `llmOutput.tokenUsage` itself, as `promptTokens` / `completionTokens` /
 * `totalTokens`, so n8n finds no output tokens and shows its estimate although the finish chunk carried
 * the gateway's exact numbers.
 *
 * @n8n/ai-node-sdk exports neither the handler nor a way to give it a parser, so this finds n8n's handler
 * on the model supplyModel returned and lets its parser also read the streamed shape. Where n8n's own
 * parser finds tokens, its answer stands; if a later n8n changes these internals, nothing is changed and
 * n8n's own behaviour stays.
 */

interface Usage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
}

type Parser = (output: unknown) => Usage;

const WIDENED = Symbol.for('n8n-nodes-claude-aws.streamedUsage');

function count(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** The usage LangChain writes for a streamed answer, or undefined when it wrote none. */
export function streamedUsage(output: unknown): Usage | undefined {
	const usage = (output as { llmOutput?: { tokenUsage?: Record<string, unknown> } } | undefined)?.llmOutput?.tokenUsage;
	const completionTokens = count(usage?.completionTokens);
	if (!usage || completionTokens === 0) return undefined;
	const promptTokens = count(usage.promptTokens);
	return { promptTokens, completionTokens, totalTokens: count(usage.totalTokens) || promptTokens + completionTokens };
}

type Bindable = { callbacks?: unknown; bindTools?: ((tools: unknown[]) => unknown) & { [WIDENED]?: true } };

/**
 * Lets the tracing handlers of n8n's adapter read streamed usage too, also on the adapters its bindTools
 * makes (an agent binds its tools, and the adapter answers with a new adapter and a new handler); returns
 * how many handlers it changed.
 */
export function reportStreamedUsage(model: unknown): number {
	const adapter = model as Bindable | undefined;
	const bind = adapter?.bindTools;
	if (adapter && typeof bind === 'function' && !bind[WIDENED]) {
		const bindTools = ((tools: unknown[]) => {
			const bound = bind.call(adapter, tools);
			reportStreamedUsage(bound);
			return bound;
		}) as NonNullable<Bindable['bindTools']>;
		bindTools[WIDENED] = true;
		adapter.bindTools = bindTools;
	}
	const callbacks = adapter?.callbacks;
	if (!Array.isArray(callbacks)) return 0;
	let widened = 0;
	for (const handler of callbacks) {
		const options = (handler as { options?: { tokensUsageParser?: Parser & { [WIDENED]?: true } } } | null)?.options;
		const own = options?.tokensUsageParser;
		if (!options || typeof own !== 'function' || own[WIDENED]) continue;
		const parser: Parser & { [WIDENED]?: true } = (output) => {
			const found = own(output);
			if (count(found?.completionTokens) > 0) return found;
			return streamedUsage(output) ?? found;
		};
		parser[WIDENED] = true;
		options.tokensUsageParser = parser;
		widened++;
	}
	return widened;
}
