/** Reads the request tuning options of a node run (see descriptions.requestTuningOptions). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MAX_CONCURRENCY_LIMIT, MAX_RETRIES_LIMIT, MAX_TIMEOUT_MS } from '../transport/constants';
import type { ClientTuning } from './client';

export interface RunTuning extends ClientTuning {
	concurrency: number;
}

/** Options are read from item 0: they shape the whole execution, not one item. */
export function readTuning(context: IExecuteFunctions, optionsParameter = 'options'): RunTuning {
	const options = context.getNodeParameter(optionsParameter, 0, {}) as IDataObject;
	const concurrency = clampInt(options.concurrency, DEFAULT_MAX_CONCURRENCY, 1, MAX_CONCURRENCY_LIMIT);
	return {
		concurrency,
		maxConcurrency: concurrency,
		maxRetries: clampInt(options.maxRetries, DEFAULT_MAX_RETRIES, 0, MAX_RETRIES_LIMIT),
		timeoutMs: clampInt(options.timeoutSeconds, DEFAULT_TIMEOUT_MS / 1000, 1, MAX_TIMEOUT_MS / 1000) * 1000,
	};
}

function clampInt(value: unknown, fallback: number, min: number, max: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(n)) return fallback;
	return Math.min(max, Math.max(min, Math.round(n)));
}
