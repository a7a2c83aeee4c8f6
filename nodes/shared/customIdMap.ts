/**
 * custom_id ⇒ input item index, as the Create output carries it so results can be paired back later.
 * Kept compact: the IDs this node makes up (`item-<index>`) are a contiguous range, so three numbers
 * describe 100,000 of them; only user-chosen IDs need a full object.
 */
import type { IDataObject } from 'n8n-workflow';
import { DEFAULT_CUSTOM_ID_PREFIX } from '../api/batchLimits';

/** Where the Create node's input items live in the execution, so results can point at them. */
export interface PairingSource {
	execution_id: string;
	node: string;
	output: number;
	run: number;
}

export type CustomIdMap =
	| { prefix: string; first: number; count: number; source?: PairingSource }
	| { ids: Record<string, number>; source?: PairingSource };

export function rangeMap(first: number, count: number, source?: PairingSource): CustomIdMap {
	return { prefix: DEFAULT_CUSTOM_ID_PREFIX, first, count, ...(source ? { source } : {}) };
}

export function explicitMap(entries: Array<[string, number]>, source?: PairingSource): CustomIdMap {
	const ids: Record<string, number> = {};
	for (const [customId, index] of entries) ids[customId] = index;
	return { ids, ...(source ? { source } : {}) };
}

/** A map read back from an input item; anything malformed counts as no map (results then pair to that item). */
export function parseCustomIdMap(value: unknown): CustomIdMap | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const map = value as IDataObject;
	const source = parseSource(map.source);
	if (typeof map.prefix === 'string' && Number.isInteger(map.first) && Number.isInteger(map.count)) {
		return { prefix: map.prefix, first: map.first as number, count: map.count as number, ...(source ? { source } : {}) };
	}
	if (map.ids && typeof map.ids === 'object' && !Array.isArray(map.ids)) {
		return { ids: map.ids as Record<string, number>, ...(source ? { source } : {}) };
	}
	return undefined;
}

/** Index of the input item a custom_id was made for, if the map knows it. */
export function indexLookup(map: CustomIdMap): (customId: string) => number | undefined {
	if ('ids' in map) {
		const ids = map.ids;
		return (customId) => {
			const index = Object.prototype.hasOwnProperty.call(ids, customId) ? ids[customId] : undefined;
			return Number.isInteger(index) ? index : undefined;
		};
	}
	const { prefix, first, count } = map;
	return (customId) => {
		if (!customId.startsWith(prefix)) return undefined;
		const digits = customId.slice(prefix.length);
		if (!/^(0|[1-9]\d*)$/.test(digits)) return undefined;
		const index = Number(digits);
		return index >= first && index < first + count ? index : undefined;
	};
}

function parseSource(value: unknown): PairingSource | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const s = value as IDataObject;
	if (typeof s.execution_id !== 'string' || typeof s.node !== 'string') return undefined;
	return { execution_id: s.execution_id, node: s.node, output: Number(s.output) || 0, run: Number(s.run) || 0 };
}
