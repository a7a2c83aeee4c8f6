/**
 * Reads and checks the sub-node's parameters once per supplyData, so a bad setting fails with the
 * parameter's name before the agent sends anything. The model fields are read by the shared names and
 * builders (modelOptions.ts, modelParams.ts), so they mean here what they mean in the Messages form.
 *
 * Temperature and Top P, which older saved workflows may hold, are not read: the API version this
 * package speaks has no sampling settings (see IGNORED_SAMPLING_OPTIONS in description.ts).
 */
import type { IDataObject, ISupplyDataFunctions } from 'n8n-workflow';
import type { CacheControl, OutputConfig, ThinkingConfig } from '../api/messages/types';
import { DEFAULT_MAX_TOKENS, MODEL_PARAMETERS as M } from '../shared/modelOptions';
import { cacheControl, effortParam, modelId, thinkingParam, wholeNumber } from '../shared/modelParams';
import { servingParams, type ServingParams } from '../shared/servingOptions';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MAX_RETRIES_LIMIT, MAX_TIMEOUT_MS } from '../transport/constants';

export interface ModelSettings {
	model: string;
	maxTokens: number;
	thinking?: ThinkingConfig;
	effort?: OutputConfig['effort'];
	cache?: CacheControl;
	/** Inference Region and Speed (inference_geo, speed) and the betas they need. */
	serving?: ServingParams;
	maxRetries: number;
	timeoutMs: number;
}

export function readSettings(context: ISupplyDataFunctions, itemIndex: number): ModelSettings {
	const node = context.getNode();
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const model = modelId(node, context.getNodeParameter(M.model.name, itemIndex, '', { extractValue: true }), itemIndex);
	const maxTokens = wholeNumber(node, M.maxTokens.label, options[M.maxTokens.name] ?? DEFAULT_MAX_TOKENS, 1, itemIndex);
	const settings: ModelSettings = {
		model,
		maxTokens,
		maxRetries: clamp(options.maxRetries, DEFAULT_MAX_RETRIES, 0, MAX_RETRIES_LIMIT),
		timeoutMs: clamp(options.timeoutSeconds, DEFAULT_TIMEOUT_MS / 1000, 1, MAX_TIMEOUT_MS / 1000) * 1000,
	};
	const thinking = thinkingParam(node, options, maxTokens, itemIndex, { display: false });
	if (thinking) settings.thinking = thinking;
	const effort = effortParam(node, options[M.effort.name], itemIndex);
	if (effort) settings.effort = effort;
	const cache = cacheControl(options[M.promptCaching.name]);
	if (cache) settings.cache = cache;
	const serving = servingParams(node, options, itemIndex);
	if (Object.keys(serving.fields).length) settings.serving = serving;
	return settings;
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	if (value === undefined || !Number.isFinite(n)) return fallback;
	return Math.min(max, Math.max(min, Math.round(n)));
}
