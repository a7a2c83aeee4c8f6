/** Reads the request tuning options of a node run (see descriptions.requestTuningOptions). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_CONCURRENCY } from './descriptions';
import type { ClientTuning } from './client';

export interface RunTuning extends ClientTuning {
	concurrency: number;
}

/** Options are read from item 0: they shape the whole execution, not one item. */
export function readTuning(context: IExecuteFunctions, optionsParameter = 'options'): RunTuning {
	const options = context.getNodeParameter(optionsParameter, 0, {}) as IDataObject;
	const concurrency = clampInt(options.concurrency, DEFAULT_CONCURRENCY, 1, 256);
	return {
		concurrency,
		maxConcurrency: concurrency,
		maxRetries: clampInt(options.maxRetries, 2, 0, 10),
		timeoutMs: clampInt(options.timeoutSeconds, 600, 1, 24 * 3600) * 1000,
	};
}

function clampInt(value: unknown, fallback: number, min: number, max: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(n)) return fallback;
	return Math.min(max, Math.max(min, Math.round(n)));
}
