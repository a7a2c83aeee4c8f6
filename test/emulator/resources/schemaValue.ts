/**
 * Builds a deterministic value for a JSON schema from the words of a prompt: used for tool inputs and for
 * structured-output replies.
 *
 * - string: `name: value` / `name=value` in the text, else the first "quoted" text, else the last
 *   Capitalised word (not the first word), else the last word; `enum` takes its first value, `const` wins.
 * - number / integer: `name: 12`, else the next number of the text not used yet, else 1.
 * - boolean: `name: true|false`, else true.  array: one item.  object: recurse.
 */
export interface SchemaTextSource {
	text: string;
	/** Words to ignore when picking a string value (e.g. the tool's name). */
	ignoreWords?: string[];
}

export interface SchemaValueOptions {
	/** Fill every property (structured outputs), rather than only the required ones (tool inputs). */
	allProperties?: boolean;
}

type Schema = Record<string, any>;

export function valueForSchema(schema: Schema, source: SchemaTextSource, options: SchemaValueOptions = {}): unknown {
	const numbers = (source.text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
	const state = { numbers, nextNumber: 0 };
	return build(schema, undefined, source, options, state, 0);
}

interface State {
	numbers: number[];
	nextNumber: number;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function explicitValue(text: string, name: string | undefined): string | undefined {
	if (!name) return undefined;
	const match = new RegExp(`\\b${escapeRegExp(name)}\\s*[:=]\\s*(?:"([^"]*)"|([^\\s,;]+))`, 'i').exec(text);
	if (!match) return undefined;
	return (match[1] ?? match[2]).replace(/[.!?]+$/, '');
}

function stringFromText(source: SchemaTextSource): string {
	const quoted = /"([^"]+)"/.exec(source.text);
	if (quoted) return quoted[1];
	const ignore = new Set((source.ignoreWords ?? []).map((word) => word.toLowerCase()).concat(['use', 'call']));
	const words = source.text
		.split(/\s+/)
		.map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
		.filter((word) => word && !ignore.has(word.toLowerCase()));
	const capitalised = words.slice(1).filter((word) => /^\p{Lu}/u.test(word));
	if (capitalised.length) return capitalised[capitalised.length - 1];
	return words[words.length - 1] ?? 'value';
}

function build(
	schema: Schema,
	name: string | undefined,
	source: SchemaTextSource,
	options: SchemaValueOptions,
	state: State,
	depth: number,
): unknown {
	if (!schema || typeof schema !== 'object' || depth > 8) return null;
	if ('const' in schema) return schema.const;
	if (Array.isArray(schema.enum) && schema.enum.length) {
		const explicit = explicitValue(source.text, name);
		return schema.enum.find((value: unknown) => String(value) === explicit) ?? schema.enum[0];
	}
	const variants = schema.anyOf ?? schema.oneOf;
	if (Array.isArray(variants) && variants.length) {
		const firstNonNull = variants.find((variant: Schema) => variant?.type !== 'null') ?? variants[0];
		return build(firstNonNull, name, source, options, state, depth + 1);
	}
	const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
	switch (type) {
		case 'string':
			return explicitValue(source.text, name) ?? stringFromText(source);
		case 'number':
		case 'integer': {
			const explicit = Number(explicitValue(source.text, name));
			let value = Number.isFinite(explicit) && explicitValue(source.text, name) !== undefined ? explicit : undefined;
			if (value === undefined) value = state.numbers[state.nextNumber++] ?? 1;
			return type === 'integer' ? Math.round(value) : value;
		}
		case 'boolean':
			return explicitValue(source.text, name)?.toLowerCase() !== 'false';
		case 'null':
			return null;
		case 'array':
			return [build(schema.items ?? { type: 'string' }, name, source, options, state, depth + 1)];
		case 'object':
		default: {
			const properties: Record<string, Schema> = schema.properties ?? {};
			const required: string[] = Array.isArray(schema.required) ? schema.required : [];
			const keys = options.allProperties || !required.length ? Object.keys(properties) : required;
			const out: Record<string, unknown> = {};
			for (const key of keys) out[key] = build(properties[key] ?? { type: 'string' }, key, source, options, state, depth + 1);
			return out;
		}
	}
}
