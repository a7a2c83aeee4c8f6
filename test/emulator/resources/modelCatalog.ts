/**
 * The models the emulated gateway serves, newest first (the order `GET /v1/models` lists them in): the IDs
 * of the SDK's `Model` type (1.15.0), plus the retired ones, which stay in the catalogue as the record of
 * their retirement (the SDK's ModelInfo.lifecycle docs) but fail every inference request.
 * Lifecycle follows the SDK: its deprecated-models data (end-of-life dates) marks the deprecated models, and
 * 1.15.0 dropped the retired Claude Sonnet 4.5 IDs from `Model`. The SDK does not carry deprecation dates;
 * `deprecated_at` is the date of the SDK release whose changelog marked the model.
 */
export interface ModelInfo {
	type: 'model';
	id: string;
	display_name: string;
	created_at: string;
	capabilities: null;
	deprecated_at: string | null;
	lifecycle: 'active' | 'deprecated' | 'retired';
	line: 'haiku' | 'sonnet' | 'opus' | 'fable' | 'mythos' | null;
	max_input_tokens: number;
	max_tokens: number;
	retires_at: string | null;
}

type Entry = [id: string, displayName: string, createdAt: string, maxTokens: number];

interface Lifecycle {
	lifecycle: 'deprecated' | 'retired';
	deprecated_at: string;
	retires_at: string;
}

const LIFECYCLES: Record<string, Lifecycle> = {
	// SDK 1.13.0 (2026-11-23): "mark Claude Opus 4.5 as deprecated (end-of-life January 22, 2027)".
	'claude-opus-4-5': { lifecycle: 'deprecated', deprecated_at: '2026-11-23T00:00:00Z', retires_at: '2027-01-22T00:00:00Z' },
	'claude-opus-4-5-20251101': { lifecycle: 'deprecated', deprecated_at: '2026-11-23T00:00:00Z', retires_at: '2027-01-22T00:00:00Z' },
	// SDK 1.13.0: "warn on claude-mythos-preview again" (end-of-life June 30th, 2026, yet still in `Model`:
	// a past retires_at on a deprecated model means retirement is overdue).
	'claude-mythos-preview': { lifecycle: 'deprecated', deprecated_at: '2026-11-23T00:00:00Z', retires_at: '2026-06-30T00:00:00Z' },
	// SDK 0.131.0 (2026-09-30) "deprecate sonnet 4.5"; 1.15.0 (2026-11-30) "remove retired Claude Sonnet 4.5 models".
	'claude-sonnet-4-5': { lifecycle: 'retired', deprecated_at: '2026-09-30T00:00:00Z', retires_at: '2026-11-30T00:00:00Z' },
	'claude-sonnet-4-5-20250929': { lifecycle: 'retired', deprecated_at: '2026-09-30T00:00:00Z', retires_at: '2026-11-30T00:00:00Z' },
};

const ENTRIES: Entry[] = [
	['claude-fable-5-2', 'Claude Fable 5.2', '2026-09-30T00:00:00Z', 128000],
	['claude-mythos-5-2', 'Claude Mythos 5.2', '2026-09-30T00:00:00Z', 128000],
	['claude-haiku-5-5', 'Claude Haiku 5.5', '2026-09-15T00:00:00Z', 64000],
	['claude-sonnet-5-5', 'Claude Sonnet 5.5', '2026-09-15T00:00:00Z', 128000],
	['claude-opus-5-5', 'Claude Opus 5.5', '2026-09-15T00:00:00Z', 128000],
	['claude-fable-5-1', 'Claude Fable 5.1', '2026-08-01T00:00:00Z', 128000],
	['claude-mythos-5-1', 'Claude Mythos 5.1', '2026-08-01T00:00:00Z', 128000],
	['claude-sonnet-5', 'Claude Sonnet 5', '2026-06-15T00:00:00Z', 128000],
	['claude-fable-5', 'Claude Fable 5', '2026-06-15T00:00:00Z', 128000],
	['claude-mythos-5', 'Claude Mythos 5', '2026-06-15T00:00:00Z', 128000],
	['claude-opus-5', 'Claude Opus 5', '2026-06-01T00:00:00Z', 128000],
	['claude-opus-4-8', 'Claude Opus 4.8', '2026-04-15T00:00:00Z', 128000],
	['claude-opus-4-7', 'Claude Opus 4.7', '2026-03-01T00:00:00Z', 128000],
	['claude-mythos-preview', 'Claude Mythos (Preview)', '2026-02-15T00:00:00Z', 64000],
	['claude-opus-4-6', 'Claude Opus 4.6', '2026-02-05T00:00:00Z', 128000],
	['claude-sonnet-4-6', 'Claude Sonnet 4.6', '2026-02-17T00:00:00Z', 64000],
	['claude-haiku-4-5', 'Claude Haiku 4.5', '2025-10-01T00:00:00Z', 64000],
	['claude-haiku-4-5-20251001', 'Claude Haiku 4.5', '2025-10-01T00:00:00Z', 64000],
	['claude-opus-4-5', 'Claude Opus 4.5', '2025-11-01T00:00:00Z', 64000],
	['claude-opus-4-5-20251101', 'Claude Opus 4.5', '2025-11-01T00:00:00Z', 64000],
	['claude-sonnet-4-5', 'Claude Sonnet 4.5', '2025-09-29T00:00:00Z', 64000],
	['claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5', '2025-09-29T00:00:00Z', 64000],
];

function lineOf(id: string): ModelInfo['line'] {
	const match = /^claude-(haiku|sonnet|opus|fable|mythos)/.exec(id);
	return match ? (match[1] as ModelInfo['line']) : null;
}

export const MODELS: readonly ModelInfo[] = ENTRIES.map(([id, displayName, createdAt, maxTokens]) => ({
	type: 'model',
	id,
	display_name: displayName,
	created_at: createdAt,
	capabilities: null,
	deprecated_at: LIFECYCLES[id]?.deprecated_at ?? null,
	lifecycle: LIFECYCLES[id]?.lifecycle ?? 'active',
	line: lineOf(id),
	max_input_tokens: id.startsWith('claude-haiku-4') ? 200000 : 1000000,
	max_tokens: maxTokens,
	retires_at: LIFECYCLES[id]?.retires_at ?? null,
}));

export function findModel(id: string): ModelInfo | undefined {
	return MODELS.find((model) => model.id === id);
}
