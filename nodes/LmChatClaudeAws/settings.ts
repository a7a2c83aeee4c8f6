/**
 * Reads and checks the sub-node's parameters once per supplyData, so a bad setting fails with the
 * parameter's name before the agent sends anything.
 */
import type { IDataObject, INode, ISupplyDataFunctions } from 'n8n-workflow';
import type { CacheControl, OutputConfig, ThinkingConfig } from '../ClaudeAws/actions/message/types';
import { parameterError } from '../shared/errors';
import { DEFAULT_MAX_TOKENS } from './description';

export interface ModelSettings {
	model: string;
	maxTokens: number;
	temperature?: number;
	topP?: number;
	thinking?: ThinkingConfig;
	effort?: OutputConfig['effort'];
	cache?: CacheControl;
	maxRetries: number;
	timeoutMs: number;
}

const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'];

export function readSettings(context: ISupplyDataFunctions, itemIndex: number): ModelSettings {
	const node = context.getNode();
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const model = modelId(node, context.getNodeParameter('model', itemIndex, '', { extractValue: true }), itemIndex);
	const maxTokens = wholeNumber(node, 'Max Tokens', options.maxTokens ?? DEFAULT_MAX_TOKENS, 1, itemIndex);
	const settings: ModelSettings = {
		model,
		maxTokens,
		maxRetries: clamp(options.maxRetries, 2, 0, 10),
		timeoutMs: clamp(options.timeoutSeconds, 600, 1, 24 * 3600) * 1000,
	};
	if (options.temperature !== undefined) settings.temperature = unitNumber(node, 'Temperature', options.temperature, itemIndex);
	if (options.topP !== undefined) settings.topP = unitNumber(node, 'Top P', options.topP, itemIndex);

	const thinking = thinkingConfig(node, options, maxTokens, itemIndex);
	if (thinking) {
		settings.thinking = thinking;
		// The API refuses sampling changes while Claude thinks; saying so here names the option to remove.
		if (thinking.type !== 'disabled' && settings.temperature !== undefined) {
			throw parameterError(node, 'Temperature', 'cannot be combined with Thinking; remove one of the two options', itemIndex);
		}
	}
	if (options.effort !== undefined) {
		if (!EFFORTS.includes(options.effort as string)) throw parameterError(node, 'Effort', `unknown effort ${JSON.stringify(options.effort)}`, itemIndex);
		settings.effort = options.effort as OutputConfig['effort'];
	}
	if (options.promptCaching === '5m' || options.promptCaching === '1h') settings.cache = { type: 'ephemeral', ttl: options.promptCaching };
	return settings;
}

function modelId(node: INode, raw: unknown, itemIndex: number): string {
	const id = String(raw ?? '').trim();
	if (!id) throw parameterError(node, 'Model', 'no model is selected', itemIndex);
	// Amazon Bedrock IDs (anthropic.claude-...-v1:0, us.anthropic....) belong to another service.
	if (/^([a-z]{2,4}\.)?anthropic\./i.test(id) || id.includes(':')) {
		throw parameterError(
			node,
			'Model',
			`"${id}" is an Amazon Bedrock model ID; Claude Platform on AWS takes the bare Claude model ID`,
			itemIndex,
			'Pick a model from the list, or type a bare ID such as claude-sonnet-5-5.',
		);
	}
	if (/\s/.test(id)) throw parameterError(node, 'Model', `"${id}" is not a model ID`, itemIndex);
	return id;
}

function thinkingConfig(node: INode, options: IDataObject, maxTokens: number, itemIndex: number): ThinkingConfig | undefined {
	switch (options.thinking) {
		case undefined:
			return undefined;
		case 'adaptive':
			return { type: 'adaptive' };
		case 'disabled':
			return { type: 'disabled' };
		case 'enabled': {
			const budget = wholeNumber(node, 'Thinking Budget (Tokens)', options.thinkingBudget ?? 2048, 1024, itemIndex);
			if (budget >= maxTokens) throw parameterError(node, 'Thinking Budget (Tokens)', `(${budget}) must be less than Max Tokens (${maxTokens})`, itemIndex);
			return { type: 'enabled', budget_tokens: budget };
		}
		default:
			throw parameterError(node, 'Thinking', `unknown mode ${JSON.stringify(options.thinking)}`, itemIndex);
	}
}

function wholeNumber(node: INode, parameter: string, raw: unknown, min: number, itemIndex: number): number {
	const n = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isInteger(n) || n < min) throw parameterError(node, parameter, `must be a whole number of at least ${min}, got ${JSON.stringify(raw)}`, itemIndex);
	return n;
}

function unitNumber(node: INode, parameter: string, raw: unknown, itemIndex: number): number {
	const n = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isFinite(n) || n < 0 || n > 1) throw parameterError(node, parameter, `must be between 0 and 1, got ${JSON.stringify(raw)}`, itemIndex);
	return n;
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	if (value === undefined || !Number.isFinite(n)) return fallback;
	return Math.min(max, Math.max(min, Math.round(n)));
}
