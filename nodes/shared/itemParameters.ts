/**
 * Parameter reads for code that runs once per item. Every `getNodeParameter` call makes n8n copy the
 * saved value, resolve it, clean it up and validate it against the node type (10–40 µs for a plain
 * value, more in a real n8n), and `getNode()` copies the whole node. A parameter whose saved value holds
 * no expression resolves to the same value for every item, so it is resolved once per node run (one
 * execution context) and each item gets its own copy; an expression is still resolved per item, by n8n.
 *
 * Nothing about errors changes: a read n8n rejects is not remembered (every item asks again and gets its
 * own error), and callers still check each item's value, so a bad constant fails every item by its index.
 */
import type { IExecuteFunctions, IGetNodeParameterOptions, INode } from 'n8n-workflow';

type ParameterContext = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>;

type Entry = { expression: true } | { expression: false; value: unknown };

interface RunCache {
	node: INode;
	entries: Map<string, Entry>;
	/** The common read (saved value present, no options), by name alone: no key to build, no path to follow. */
	plain: Map<string, Entry>;
}

const runs = new WeakMap<object, RunCache>();

function runCache(context: ParameterContext): RunCache {
	let cache = runs.get(context);
	if (!cache) {
		cache = { node: context.getNode(), entries: new Map(), plain: new Map() };
		runs.set(context, cache);
	}
	return cache;
}

/**
 * The node of this run, read once. Shared by the run's items, so it is for reading (error messages name
 * it), never for changing.
 */
export function nodeOf(context: ParameterContext): INode {
	return runCache(context).node;
}

/** Whether n8n would evaluate something in this saved value: a string starting with "=", at any depth. */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.charAt(0) === '=';
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** `context.getNodeParameter(name, itemIndex, fallback, options)`, resolved once per run when it holds no expression. */
export function itemParameter<T>(context: ParameterContext, name: string, itemIndex: number, fallback: T, options?: IGetNodeParameterOptions): T {
	const read = () => context.getNodeParameter(name, itemIndex, fallback, options) as T;
	const cache = runCache(context);
	const plain = options ? undefined : cache.plain.get(name);
	if (plain) return plain.expression ? read() : (copyOf(plain.value) as T);
	const raw = savedValue(cache.node, name);
	if (raw === UNKNOWN || options?.contextNode) return read();
	// An absent parameter resolves to the fallback, which callers may pass differently.
	const key = `${name}\u0000${options ? JSON.stringify(options) : ''}${raw === undefined ? `\u0000${JSON.stringify(fallback)}` : ''}`;
	let entry = cache.entries.get(key);
	if (!entry) {
		if (holdsExpression(raw) || (raw === undefined && holdsExpression(fallback))) {
			entry = { expression: true };
			cache.entries.set(key, entry);
			if (!options && raw !== undefined) cache.plain.set(name, entry);
		} else {
			// Not remembered when n8n throws: the next item asks again and gets its own error.
			const value = read();
			// Kept as a copy: the caller may change the value it was handed.
			const stored: Entry = { expression: false, value: copyOf(value) };
			cache.entries.set(key, stored);
			if (!options && raw !== undefined) cache.plain.set(name, stored);
			return value;
		}
	}
	return entry.expression ? read() : (copyOf(entry.value) as T);
}

const UNKNOWN = Symbol('unknown');

/** The saved value at a dotted path (what n8n looks up), or UNKNOWN for paths this does not follow. */
function savedValue(node: INode, name: string): unknown {
	if (!node?.parameters || name.includes('[')) return UNKNOWN;
	let value: unknown = node.parameters;
	for (const part of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

/** Parameter values are JSON-like (n8n stores them so): a plain deep copy is enough. */
function copyOf(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(copyOf);
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value)) copy[key] = copyOf((value as Record<string, unknown>)[key]);
	return copy;
}
