/**
 * Turns the values of the shared model fields (modelOptions.ts) into Messages API params, checking
 * them first: a bad value throws parameterError naming the parameter and the item, before any request.
 * Used by the Messages request form (Messages and Batches nodes) and the chat model sub-node.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import type { CacheControl, ContentBlockParam, MessageParams, OutputConfig, ThinkingConfig } from '../api/messages/types';
import { parameterError } from './errors';
import { DEFAULT_THINKING_BUDGET, MODEL_PARAMETERS as M } from './modelOptions';

const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'];
const BUDGET = M.thinkingBudget.label;

export function modelId(node: INode, raw: unknown, itemIndex: number): string {
	const id = String(raw ?? '').trim();
	if (!id) throw parameterError(node, M.model.label, 'no model is selected', itemIndex);
	// Amazon Bedrock IDs (anthropic.claude-...-v1:0, us.anthropic....) belong to another service.
	if (/^([a-z]{2,4}\.)?anthropic\./i.test(id) || id.includes(':')) {
		throw parameterError(
			node,
			M.model.label,
			`"${id}" is an Amazon Bedrock model ID; Claude Platform on AWS takes the bare Claude model ID`,
			itemIndex,
			'Pick a model from the list, or type a bare ID such as claude-sonnet-5-5.',
		);
	}
	if (/\s/.test(id)) throw parameterError(node, M.model.label, `"${id}" is not a model ID`, itemIndex);
	return id;
}

export function wholeNumber(node: INode, parameter: string, raw: unknown, min: number, itemIndex: number): number {
	const n = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isInteger(n) || n < min) throw parameterError(node, parameter, `must be a whole number of at least ${min}, got ${JSON.stringify(raw)}`, itemIndex);
	return n;
}

export interface ThinkingRules {
	/** Whether the node has the Thinking Display option (the chat model has not). */
	display: boolean;
	/** Reads the budget, throwing parameterError when it is not a whole number of at least 1024. */
	checkBudget?: (raw: unknown) => number;
}

/**
 * The `thinking` param, or undefined to leave it to the model. A maxTokens of 0 means the request has
 * no max_tokens (Count Tokens), so the budget is not compared with it.
 */
export function thinkingParam(node: INode, options: IDataObject, maxTokens: number, itemIndex: number, rules: ThinkingRules): ThinkingConfig | undefined {
	const checkBudget = rules.checkBudget ?? ((raw: unknown) => wholeNumber(node, BUDGET, raw, 1024, itemIndex));
	const shown = rules.display ? options[M.thinkingDisplay.name] : undefined;
	const display: { display?: 'summarized' | 'omitted' } = shown === 'omitted' || shown === 'summarized' ? { display: shown } : {};
	const mode = options[M.thinking.name];
	switch (mode) {
		case undefined:
			return Object.keys(display).length ? { type: 'adaptive', ...display } : undefined;
		case 'adaptive':
			return { type: 'adaptive', ...display };
		case 'disabled':
			return { type: 'disabled' };
		case 'enabled': {
			const budget = checkBudget(options[M.thinkingBudget.name] ?? DEFAULT_THINKING_BUDGET);
			if (maxTokens && budget >= maxTokens) throw parameterError(node, BUDGET, `(${budget}) must be less than ${M.maxTokens.label} (${maxTokens})`, itemIndex);
			return { type: 'enabled', budget_tokens: budget, ...display };
		}
		default:
			throw parameterError(node, M.thinking.label, `unknown mode ${JSON.stringify(mode)}`, itemIndex);
	}
}

/** The Effort option as output_config.effort, or undefined when it is not set. */
export function effortParam(node: INode, raw: unknown, itemIndex: number): OutputConfig['effort'] | undefined {
	if (raw === undefined) return undefined;
	if (!EFFORTS.includes(raw as string)) throw parameterError(node, M.effort.label, `unknown effort ${JSON.stringify(raw)}`, itemIndex);
	return raw as OutputConfig['effort'];
}

/** The Prompt Caching option as a cache_control, or undefined when caching is off. */
export function cacheControl(promptCaching: unknown): CacheControl | undefined {
	return promptCaching === '5m' || promptCaching === '1h' ? { type: 'ephemeral', ttl: promptCaching } : undefined;
}

/**
 * Cache breakpoints on the system prompt, the last tool and the end of the conversation (3 of the 4
 * the API allows), so a later request with the same start reads it from the cache.
 */
export function applyPromptCaching(params: Pick<MessageParams, 'system' | 'tools' | 'messages'>, cache: CacheControl): void {
	if (typeof params.system === 'string') {
		if (params.system) params.system = [{ type: 'text', text: params.system, cache_control: cache }];
	} else if (params.system?.length) {
		const last = params.system.length - 1;
		params.system[last] = { ...params.system[last], cache_control: cache };
	}
	if (params.tools?.length) {
		const last = params.tools.length - 1;
		params.tools[last] = { ...params.tools[last], cache_control: cache };
	}
	for (let m = params.messages.length - 1; m >= 0; m--) {
		const message = params.messages[m];
		const content: ContentBlockParam[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : [...message.content];
		for (let i = content.length - 1; i >= 0; i--) {
			// Thinking blocks cannot carry a cache breakpoint.
			if (content[i].type === 'thinking' || content[i].type === 'redacted_thinking') continue;
			content[i] = { ...content[i], cache_control: cache };
			message.content = content;
			return;
		}
	}
}
