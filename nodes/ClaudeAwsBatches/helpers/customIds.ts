/**
 * custom_id of every item, checked for the whole input before anything is built or sent: the API's
 * pattern, and no duplicates (they would make results impossible to map back).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { parameterError } from '../../shared/errors';
import { CUSTOM_ID_PATTERN, DEFAULT_CUSTOM_ID_PREFIX } from '../../api/batchLimits';

export const CUSTOM_ID_PARAMETER = 'Custom ID';

export interface CustomIds {
	/** False when the IDs are made up from item indexes (item-<index>). */
	userDefined: boolean;
	/** Per item index; undefined for items that failed (with Continue On Fail). */
	ids: Array<string | undefined>;
}

/**
 * `onError` receives a per-item problem; it throws (stopping everything) unless the node continues on
 * fail, in which case that item is left out.
 */
export function readCustomIds(context: IExecuteFunctions, count: number, onError: (error: Error, itemIndex: number) => void): CustomIds {
	const node = context.getNode();
	// The raw parameter: an expression that resolves to nothing for item 0 is still a user-defined ID.
	const userDefined = (context.getNode().parameters.options as IDataObject | undefined)?.customId !== undefined;
	const ids: Array<string | undefined> = new Array(count);
	if (!userDefined) {
		for (let i = 0; i < count; i++) ids[i] = `${DEFAULT_CUSTOM_ID_PREFIX}${i}`;
		return { userDefined, ids };
	}
	const firstUse = new Map<string, number>();
	for (let i = 0; i < count; i++) {
		try {
			const raw = context.getNodeParameter('options.customId', i, '') as unknown;
			const id = raw === undefined || raw === null ? '' : String(raw).trim();
			if (!id) throw parameterError(node, CUSTOM_ID_PARAMETER, 'is empty for this item', i, 'Every request of a batch needs a custom_id; map a unique field such as {{ $json.id }}.');
			if (!CUSTOM_ID_PATTERN.test(id)) {
				throw parameterError(
					node,
					CUSTOM_ID_PARAMETER,
					`"${id.slice(0, 80)}" is not a valid custom_id: use 1 to 64 letters, digits, "_" or "-"`,
					i,
					'The API requires custom_id to match ^[a-zA-Z0-9_-]{1,64}$.',
				);
			}
			// Matches the API's pattern, but as a key of the custom_id map (and of n8n's item copies) it would
			// set the object's prototype instead of an entry: its result would pair to the wrong item.
			if (id === '__proto__') {
				throw parameterError(node, CUSTOM_ID_PARAMETER, '"__proto__" cannot be a custom_id here: its result could not be paired back to its item', i, 'Use another value, e.g. prefix it: item___proto__.');
			}
			const earlier = firstUse.get(id);
			if (earlier !== undefined) {
				throw parameterError(node, CUSTOM_ID_PARAMETER, `"${id}" is used by item ${earlier} and item ${i}; each request needs its own custom_id`, i);
			}
			firstUse.set(id, i);
			ids[i] = id;
		} catch (error) {
			onError(error as Error, i);
		}
	}
	return { userDefined, ids };
}
