/**
 * What every benchmark script prints: one JSON object on stdout (progress goes to stderr), which
 * scripts/bench.js collects into the table and bench/results.json.
 */
export interface BenchRow {
	metric: string;
	value: number | string;
	unit?: string;
	/** The goal in words, e.g. "≤ 1.00×". */
	goal?: string;
	pass?: boolean;
	note?: string;
}

export interface BenchResult {
	bench: string;
	rows: BenchRow[];
	/** Raw measurements behind the rows. */
	details?: unknown;
	notes?: string[];
}

export function emit(result: BenchResult): void {
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function progress(message: string): void {
	process.stderr.write(`  ${message}\n`);
}

export function round(value: number, digits = 2): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
