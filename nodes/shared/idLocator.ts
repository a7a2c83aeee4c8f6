/**
 * The one ID field (a resource locator: pick from a list, or type or map an ID) and the one way to read
 * it. Every ID a node sends goes through `readId`, which applies the API layer's ID rule with the
 * parameter's own name and the item, so a bad ID fails before any request and says where it came from.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ID_RULE, idProblem } from '../api/path';
import { parameterError } from './errors';

export interface IdFieldSpec {
	/** Saved parameter name: never changes once released. */
	name: string;
	displayName: string;
	/** The listSearch method of the "From List" mode. */
	searchListMethod: string;
	placeholder: string;
	defaultMode?: 'list' | 'id';
	hint?: string;
	searchFilterRequired?: boolean;
}

export function idLocator(spec: IdFieldSpec, displayOptions: IDisplayOptions, description: string): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: spec.defaultMode ?? 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: spec.searchListMethod,
					searchable: true,
					...(spec.searchFilterRequired === false ? { searchFilterRequired: false } : {}),
				},
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: spec.placeholder,
				...(spec.hint ? { hint: spec.hint } : {}),
				// No `validation` regex: n8n runs those with a 250 ms watchdog that a busy host can trip,
				// failing the whole workflow; readId checks the ID at run time instead.
			},
		],
	};
}

/**
 * The ID of an item, trimmed; empty, mapped objects and non-IDs are parameter errors before any request.
 * `noun` words the error ("file" gives 'is not a file ID').
 */
export function readId(context: IExecuteFunctions, name: string, label: string, itemIndex: number, options: { noun?: string; hint?: string } = {}): string {
	const kind = options.noun ? `${options.noun} ID` : 'ID';
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	// A mapped object (the whole session instead of its id) would otherwise read as "no ID was given".
	if (raw !== null && typeof raw === 'object') {
		throw parameterError(context.getNode(), label, `is ${Array.isArray(raw) ? 'a list' : 'an object'}, not a${/^[aeiou]/i.test(kind) ? 'n' : ''} ${kind}`, itemIndex, 'Map the ID field, e.g. {{ $json.id }}.');
	}
	const id = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	const problem = idProblem(id, options.noun);
	if (problem) {
		throw parameterError(context.getNode(), label, problem, itemIndex, options.hint ?? `Pick it from the list, or map the ID of an earlier node's output, e.g. {{ $json.id }}. ${ID_RULE}.`);
	}
	return id;
}
