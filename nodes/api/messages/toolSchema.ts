/**
 * A connected n8n tool's input schema as JSON schema. n8n tools carry a zod schema (zod 3 in n8n-core,
 * zod 4 in newer code) or a JSON schema already; the package has no zod of its own (no runtime
 * dependency for this), so the zod shapes tools use are read from their definitions here.
 */
type Json = Record<string, unknown>;

const EMPTY_OBJECT: Json = { type: 'object', properties: {} };

export function toJsonSchema(schema: unknown): Json {
	if (!schema || typeof schema !== 'object') return { ...EMPTY_OBJECT };
	const converted = isZod(schema) ? convert(schema) : (schema as Json);
	// The API wants an object schema at the top; a tool taking one plain value gets it as "input".
	if (converted.type === 'object') return converted;
	return { type: 'object', properties: { input: converted }, required: ['input'] };
}

function isZod(value: object): boolean {
	return '_def' in value || '_zod' in value;
}

/** The definition and its kind, for zod 3 (`_def.typeName` "ZodString") and zod 4 (`_zod.def.type` "string"). */
function defOf(schema: any): { kind: string; def: any } {
	const def = schema?._zod?.def ?? schema?._def ?? {};
	const kind = String(def.typeName ?? def.type ?? '')
		.replace(/^Zod/, '')
		.toLowerCase();
	return { kind, def };
}

function describe(schema: any, json: Json): Json {
	const description = typeof schema?.description === 'string' ? schema.description : undefined;
	return description ? { ...json, description } : json;
}

function isOptional(schema: any): boolean {
	const { kind, def } = defOf(schema);
	if (kind === 'optional' || kind === 'default') return true;
	if (kind === 'effects' || kind === 'pipe' || kind === 'pipeline' || kind === 'nullable' || kind === 'readonly' || kind === 'branded' || kind === 'catch') {
		return isOptional(def.schema ?? def.in ?? def.innerType ?? def.type);
	}
	return false;
}

function convert(schema: any): Json {
	const { kind, def } = defOf(schema);
	switch (kind) {
		case 'object': {
			const shape = typeof def.shape === 'function' ? def.shape() : (def.shape ?? {});
			const properties: Json = {};
			const required: string[] = [];
			for (const [key, value] of Object.entries(shape)) {
				properties[key] = convert(value);
				if (!isOptional(value)) required.push(key);
			}
			return describe(schema, { type: 'object', properties, ...(required.length ? { required } : {}) });
		}
		case 'string':
			return describe(schema, { type: 'string' });
		case 'number': {
			const checks: any[] = def.checks ?? [];
			const integer = checks.some((c) => c?.kind === 'int' || c?._zod?.def?.format === 'safeint' || c?.isInt) || def.format === 'safeint';
			return describe(schema, { type: integer ? 'integer' : 'number' });
		}
		case 'int':
			return describe(schema, { type: 'integer' });
		case 'bigint':
			return describe(schema, { type: 'integer' });
		case 'boolean':
			return describe(schema, { type: 'boolean' });
		case 'date':
			return describe(schema, { type: 'string', format: 'date-time' });
		case 'null':
			return describe(schema, { type: 'null' });
		case 'array':
			return describe(schema, { type: 'array', items: convert(def.element ?? def.type) });
		case 'tuple':
			return describe(schema, { type: 'array', items: (def.items ?? []).map(convert) });
		case 'set':
			return describe(schema, { type: 'array', uniqueItems: true, items: convert(def.valueType) });
		case 'enum': {
			const values = Array.isArray(def.values) ? def.values : Object.values(def.entries ?? def.values ?? {});
			return describe(schema, { type: 'string', enum: values });
		}
		case 'nativeenum': {
			const object = (def.values ?? {}) as Record<string, unknown>;
			// Numeric TypeScript enums map values back to names too: keep only the real values.
			const values = Object.entries(object)
				.filter(([key]) => typeof object[object[key] as string] !== 'number')
				.map(([, value]) => value);
			return describe(schema, { enum: values });
		}
		case 'literal': {
			const values = Array.isArray(def.values) ? def.values : [def.value];
			return describe(schema, values.length === 1 ? { const: values[0] } : { enum: values });
		}
		case 'union':
		case 'discriminatedunion': {
			const options = Array.isArray(def.options) ? def.options : [...(def.options?.values?.() ?? [])];
			return describe(schema, { anyOf: options.map(convert) });
		}
		case 'intersection':
			return describe(schema, { allOf: [convert(def.left), convert(def.right)] });
		case 'record':
			return describe(schema, { type: 'object', additionalProperties: convert(def.valueType) });
		case 'map':
			return describe(schema, { type: 'object', additionalProperties: convert(def.valueType) });
		case 'optional':
			return describe(schema, convert(def.innerType));
		case 'nullable':
			return describe(schema, { anyOf: [convert(def.innerType), { type: 'null' }] });
		case 'default': {
			const value = typeof def.defaultValue === 'function' ? def.defaultValue() : def.defaultValue;
			return describe(schema, { ...convert(def.innerType), ...(value !== undefined ? { default: value } : {}) });
		}
		case 'effects':
			return describe(schema, convert(def.schema));
		case 'pipe':
		case 'pipeline':
			return describe(schema, convert(def.in));
		case 'lazy':
			return describe(schema, convert(typeof def.getter === 'function' ? def.getter() : undefined));
		case 'readonly':
		case 'catch':
		case 'promise':
			return describe(schema, convert(def.innerType ?? def.type));
		case 'branded':
			return describe(schema, convert(def.type));
		default:
			// any, unknown and kinds this reader does not know: accept any value.
			return describe(schema, {});
	}
}
