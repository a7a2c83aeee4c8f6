/** The API's rules for memory paths, checked before any request so the error names the field and the item. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { parameterError } from '../../../shared/errors';

const HINT = 'A memory path starts with "/" and has 1 to 20 segments, e.g. /customers/acme/notes.md.';

export function memoryPath(context: IExecuteFunctions, value: unknown, label: string, i: number): string {
	const path = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	const fail = (problem: string) => parameterError(context.getNode(), label, problem, i, HINT);
	if (!path) throw fail('is empty');
	if (!path.startsWith('/')) throw fail(`"${path.slice(0, 80)}" does not start with "/"`);
	const segments = path.slice(1).split('/');
	if (segments.length > 20) throw fail(`has ${segments.length} segments; the API allows 20`);
	const bad = segments.find((segment) => segment === '' || segment === '.' || segment === '..');
	if (bad !== undefined) throw fail(bad === '' ? 'has an empty segment ("//" or a trailing "/")' : `has a "${bad}" segment`);
	// Control and format characters, and the line/paragraph separators, are refused by the API.
	if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(path)) throw fail('contains a control or invisible formatting character');
	if (Buffer.byteLength(path.normalize('NFC'), 'utf8') > 1024) throw fail('is longer than 1,024 bytes');
	return path.normalize('NFC');
}

export function pathPrefix(context: IExecuteFunctions, value: unknown, i: number): string | undefined {
	const prefix = String(value ?? '').trim();
	if (!prefix) return undefined;
	if (!prefix.startsWith('/') || !prefix.endsWith('/')) {
		throw parameterError(context.getNode(), 'Filters > Path Prefix', `"${prefix.slice(0, 80)}" must start and end with "/"`, i, 'The prefix matches whole segments, e.g. /notes/ matches /notes/todo.md.');
	}
	if (prefix !== '/') memoryPath(context, prefix.slice(0, -1), 'Filters > Path Prefix', i);
	return prefix;
}

export const MAX_MEMORY_BYTES = 102400;

export function memoryContent(context: IExecuteFunctions, value: unknown, label: string, i: number): string {
	const content = typeof value === 'string' ? value : value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	const bytes = Buffer.byteLength(content, 'utf8');
	if (bytes > MAX_MEMORY_BYTES) throw parameterError(context.getNode(), label, `is ${bytes} bytes; a memory holds at most 100 kB (102,400 bytes)`, i, 'Split it into several memories.');
	return content;
}
