/** Reads and checks node parameters; every problem is a parameter error before any request. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { ID_RULE, idProblem } from '../../api/path';
import { parameterError } from '../../shared/errors';
import { readId } from '../../shared/idLocator';

/** A resource locator's ID through the one ID rule; "Tool Use ID" words its errors as a tool use ID. */
export function requiredLocator(context: IExecuteFunctions, name: string, label: string, itemIndex: number, hint?: string): string {
	return readId(context, name, label, itemIndex, { noun: label.replace(/ ID$/, '').toLowerCase(), hint });
}

/** A list of IDs typed into one field, each through the one ID rule. */
export function idsFrom(context: IExecuteFunctions, value: unknown, label: string, noun: string, itemIndex: number): string[] {
	const ids = idList(value);
	for (const id of ids) {
		const problem = idProblem(id, noun);
		if (problem) throw parameterError(context.getNode(), label, problem, itemIndex, `${ID_RULE}; separate several with commas.`);
	}
	return ids;
}

export function requiredText(context: IExecuteFunctions, name: string, label: string, itemIndex: number, hint?: string): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const value = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
	if (!value.trim()) throw parameterError(context.getNode(), label, 'is empty', itemIndex, hint);
	return value;
}

/** JSON typed in a parameter (string, or an object when the expression already gave one). */
export function parseJsonParameter(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	expect: 'object' | 'array',
	options: { optional?: boolean } = {},
): any {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) {
			if (options.optional) return undefined;
			throw parameterError(context.getNode(), label, 'is empty', itemIndex, `Give a JSON ${expect}.`);
		}
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw parameterError(context.getNode(), label, `is not valid JSON (${(error as Error).message})`, itemIndex, `Give a JSON ${expect}.`);
		}
	}
	const isArray = Array.isArray(value);
	const ok = expect === 'array' ? isArray : value !== null && typeof value === 'object' && !isArray;
	if (!ok) throw parameterError(context.getNode(), label, `must be a JSON ${expect}`, itemIndex);
	return value;
}

/** Comma- or whitespace-separated IDs. */
export function idList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).map((s) => s.trim()).filter(Boolean);
	return String(value ?? '')
		.split(/[\s,]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** A fixedCollection of key/value pairs ⇒ a metadata object (the API allows 16 keys, 64/512 chars). */
export function metadataFrom(context: IExecuteFunctions, collection: IDataObject | undefined, label: string, itemIndex: number): Record<string, string> | undefined {
	const entries = ((collection?.entries as IDataObject[] | undefined) ?? []).filter((e) => String(e.key ?? '').trim() !== '');
	if (entries.length === 0) return undefined;
	if (entries.length > 16) throw parameterError(context.getNode(), label, `has ${entries.length} keys; the API allows at most 16`, itemIndex);
	const metadata: Record<string, string> = {};
	for (const entry of entries) {
		const key = String(entry.key).trim();
		// An ordinary object would take it as its prototype and drop the entry without a word.
		if (key === '__proto__') throw parameterError(context.getNode(), label, 'key "__proto__" cannot be used', itemIndex, 'Choose another key name.');
		const value = entry.value === undefined || entry.value === null ? '' : String(entry.value);
		if (key.length > 64) throw parameterError(context.getNode(), label, `key "${key.slice(0, 20)}…" is longer than 64 characters`, itemIndex);
		if (value.length > 512) throw parameterError(context.getNode(), label, `value of "${key}" is longer than 512 characters`, itemIndex);
		metadata[key] = value;
	}
	return metadata;
}
