/**
 * Checks a JSON value the emulator sent against a response type of the installed `@anthropic-ai/sdk`,
 * read from the SDK's own declaration files with the TypeScript checker. Hand-written expectations would
 * drift with the SDK; these cannot: a field the SDK marks required and the emulator leaves out, a value of
 * the wrong kind, or a field the SDK does not know are all reported with their JSON path.
 *
 * Unions are narrowed by their `type` discriminant when the value has one (as every API union does),
 * else the value must fit at least one member. `unknown`/`any` accept anything.
 */
import ts from 'typescript';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The SDK types the contract test reads (mostly responses): name -> `<module under the SDK>#<export>`. */
export const SDK_TYPES = {
	ModelInfo: 'resources/models#ModelInfo',
	Message: 'resources/messages/messages#Message',
	RawMessageStreamEvent: 'resources/messages/messages#RawMessageStreamEvent',
	MessageTokensCount: 'resources/messages/messages#MessageTokensCount',
	MessageBatch: 'resources/messages/batches#MessageBatch',
	DeletedMessageBatch: 'resources/messages/batches#DeletedMessageBatch',
	MessageBatchIndividualResponse: 'resources/messages/batches#MessageBatchIndividualResponse',
	FileMetadata: 'resources/files#FileMetadata',
	DeletedFile: 'resources/files#DeletedFile',
	Agent: 'resources/beta/agents/agents#BetaManagedAgentsAgent',
	Environment: 'resources/beta/environments/environments#BetaEnvironment',
	EnvironmentDeleteResponse: 'resources/beta/environments/environments#BetaEnvironmentDeleteResponse',
	Session: 'resources/beta/sessions/sessions#BetaManagedAgentsSession',
	DeletedSession: 'resources/beta/sessions/sessions#BetaManagedAgentsDeletedSession',
	SessionResource: 'resources/beta/sessions/resources#BetaManagedAgentsSessionResource',
	DeletedSessionResource: 'resources/beta/sessions/resources#BetaManagedAgentsDeleteSessionResource',
	SessionThread: 'resources/beta/sessions/threads/threads#BetaManagedAgentsSessionThread',
	SessionEvent: 'resources/beta/sessions/events#BetaManagedAgentsSessionEvent',
	SendSessionEvents: 'resources/beta/sessions/events#BetaManagedAgentsSendSessionEvents',
	StreamSessionEvent: 'resources/beta/sessions/events#BetaManagedAgentsStreamSessionEvents',
	Vault: 'resources/beta/vaults/vaults#BetaManagedAgentsVault',
	DeletedVault: 'resources/beta/vaults/vaults#BetaManagedAgentsDeletedVault',
	VaultCredential: 'resources/beta/vaults/credentials#BetaManagedAgentsCredential',
	DeletedVaultCredential: 'resources/beta/vaults/credentials#BetaManagedAgentsDeletedCredential',
	CredentialValidation: 'resources/beta/vaults/credentials#BetaManagedAgentsCredentialValidation',
	MemoryStore: 'resources/beta/memory-stores/memory-stores#BetaManagedAgentsMemoryStore',
	DeletedMemoryStore: 'resources/beta/memory-stores/memory-stores#BetaManagedAgentsDeletedMemoryStore',
	Memory: 'resources/beta/memory-stores/memories#BetaManagedAgentsMemory',
	MemoryListItem: 'resources/beta/memory-stores/memories#BetaManagedAgentsMemoryListItem',
	DeletedMemory: 'resources/beta/memory-stores/memories#BetaManagedAgentsDeletedMemory',
	MemoryVersion: 'resources/beta/memory-stores/memory-versions#BetaManagedAgentsMemoryVersion',
	Skill: 'resources/beta/skills/skills#BetaSkill',
	DeletedSkill: 'resources/beta/skills/skills#BetaDeletedSkill',
	SkillVersion: 'resources/beta/skills/versions#BetaSkillVersion',
	DeletedSkillVersion: 'resources/beta/skills/versions#BetaDeletedSkillVersion',
	/** The model IDs the SDK knows (an open union: its string literals are the current models). */
	Model: 'resources/messages/messages#Model',
	/** Request params: what a Messages request may carry at the top level. */
	MessageCreateParams: 'resources/messages/messages#MessageCreateParamsBase',
	MessageCountTokensParams: 'resources/messages/messages#MessageCountTokensParams',
} as const;

export type SdkTypeName = keyof typeof SDK_TYPES;

export interface ShapeChecker {
	/** Every way `value` departs from the SDK type, as `path: problem` lines (empty when it fits). */
	issues(name: SdkTypeName, value: unknown): string[];
	/** The string literals of a union type (e.g. the model IDs of `Model`). */
	stringLiterals(name: SdkTypeName): string[];
	/** The property names of an object type (e.g. the fields a request may carry). */
	propertyNames(name: SdkTypeName): string[];
}

/** The installed SDK's folder (its exports map hides package.json, so walk up from the entry point). */
export const SDK_ROOT = ((): string => {
	let dir = dirname(require.resolve('@anthropic-ai/sdk'));
	while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
	return dir;
})();

/** Builds one TypeScript program over the SDK's .d.ts files (a few seconds; do it once per test file). */
export function createShapeChecker(): ShapeChecker {
	const fileName = join(SDK_ROOT, '__contract_shapes__.ts');
	const source =
		Object.entries(SDK_TYPES)
			.map(([alias, spec]) => {
				const [module, exported] = spec.split('#');
				return `import type { ${exported} as ${alias} } from './${module}';`;
			})
			.join('\n') +
		`\nexport interface Shapes {\n${Object.keys(SDK_TYPES)
			.map((alias) => `\t${alias}: ${alias};`)
			.join('\n')}\n}\n`;
	const options: ts.CompilerOptions = {
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		target: ts.ScriptTarget.ES2022,
		module: ts.ModuleKind.CommonJS,
		moduleResolution: ts.ModuleResolutionKind.Node10,
		types: [],
	};
	const host = ts.createCompilerHost(options);
	const getSourceFile = host.getSourceFile.bind(host);
	const fileExists = host.fileExists.bind(host);
	host.getSourceFile = (name, language, ...rest) =>
		name === fileName ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
	host.fileExists = (name) => name === fileName || fileExists(name);
	const program = ts.createProgram([fileName], options, host);
	const problems = ts
		.getPreEmitDiagnostics(program, program.getSourceFile(fileName))
		.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
	if (problems.length) throw new Error(`The SDK types of the contract test do not resolve:\n${problems.join('\n')}`);
	const checker = program.getTypeChecker();
	const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(fileName)!)!;
	const shapes = checker.getDeclaredTypeOfSymbol(checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Shapes')!);
	const roots = new Map<string, ts.Type>();
	for (const property of checker.getPropertiesOfType(shapes)) roots.set(property.name, checker.getTypeOfSymbol(property));

	return {
		issues(name, value) {
			const out: string[] = [];
			check(checker, roots.get(name)!, value, name, out);
			return out;
		},
		stringLiterals(name) {
			const type = roots.get(name)!;
			const members = type.isUnion() ? type.types : [type];
			return members.filter((member): member is ts.StringLiteralType => member.isStringLiteral()).map((member) => member.value);
		},
		propertyNames(name) {
			return checker.getPropertiesOfType(roots.get(name)!).map((property) => property.name);
		},
	};
}

const describe = (value: unknown): string =>
	value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : JSON.stringify(value);

function isStringish(type: ts.Type): boolean {
	if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping)) return true;
	// `string & {}` (open string unions such as Model).
	return type.isIntersection() && type.types.some((member) => member.flags & ts.TypeFlags.String);
}

function check(checker: ts.TypeChecker, type: ts.Type, value: unknown, path: string, out: string[]): void {
	const flags = type.flags;
	if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
	if (type.isUnion()) return checkUnion(checker, type, value, path, out);
	if (isStringish(type)) {
		if (typeof value !== 'string') out.push(`${path}: expected a string, got ${describe(value)}`);
		return;
	}
	if (type.isStringLiteral() || type.isNumberLiteral()) {
		if (value !== type.value) out.push(`${path}: expected ${JSON.stringify(type.value)}, got ${describe(value)}`);
		return;
	}
	if (flags & ts.TypeFlags.BooleanLiteral) {
		const expected = checker.typeToString(type) === 'true';
		if (value !== expected) out.push(`${path}: expected ${expected}, got ${describe(value)}`);
		return;
	}
	if (flags & ts.TypeFlags.Number) {
		if (typeof value !== 'number') out.push(`${path}: expected a number, got ${describe(value)}`);
		return;
	}
	if (flags & ts.TypeFlags.Boolean) {
		if (typeof value !== 'boolean') out.push(`${path}: expected a boolean, got ${describe(value)}`);
		return;
	}
	if (flags & ts.TypeFlags.Null) {
		if (value !== null) out.push(`${path}: expected null, got ${describe(value)}`);
		return;
	}
	if (checker.isArrayType(type) || checker.isTupleType(type)) {
		if (!Array.isArray(value)) {
			out.push(`${path}: expected an array, got ${describe(value)}`);
			return;
		}
		const args = checker.getTypeArguments(type as ts.TypeReference);
		value.forEach((item, index) => {
			const itemType = checker.isTupleType(type) ? args[index] : args[0];
			if (itemType) check(checker, itemType, item, `${path}[${index}]`, out);
		});
		return;
	}
	if (flags & ts.TypeFlags.Object || type.isIntersection()) return checkObject(checker, type, value, path, out);
	out.push(`${path}: the checker has no rule for SDK type ${checker.typeToString(type)}`);
}

function checkObject(checker: ts.TypeChecker, type: ts.Type, value: unknown, path: string, out: string[]): void {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		out.push(`${path}: expected an object (${checker.typeToString(type)}), got ${describe(value)}`);
		return;
	}
	const record = value as Record<string, unknown>;
	const known = new Set<string>();
	for (const property of checker.getPropertiesOfType(type)) {
		known.add(property.name);
		const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
		const present = Object.prototype.hasOwnProperty.call(record, property.name) && record[property.name] !== undefined;
		if (!present) {
			if (!optional) out.push(`${path}.${property.name}: required by the SDK, missing`);
			continue;
		}
		// An optional property's type carries `undefined`; checkUnion drops it.
		check(checker, checker.getTypeOfSymbol(property), record[property.name], `${path}.${property.name}`, out);
	}
	const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
	for (const key of Object.keys(record)) {
		if (known.has(key)) continue;
		if (index) check(checker, index.type, record[key], `${path}.${key}`, out);
		else out.push(`${path}.${key}: not a field of the SDK's ${checker.typeToString(type)}`);
	}
}

function discriminantOf(checker: ts.TypeChecker, member: ts.Type): string | undefined {
	if (!(member.flags & ts.TypeFlags.Object) && !member.isIntersection()) return undefined;
	const property = checker.getPropertyOfType(member, 'type');
	if (!property) return undefined;
	const type = checker.getTypeOfSymbol(property);
	return type.isStringLiteral() ? type.value : undefined;
}

function checkUnion(checker: ts.TypeChecker, type: ts.UnionType, value: unknown, path: string, out: string[]): void {
	const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
	if (members.some((member) => member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
	// `boolean` is the union true | false.
	if (typeof value === 'boolean' && members.some((member) => member.flags & ts.TypeFlags.BooleanLiteral)) {
		if (members.some((member) => checker.typeToString(member) === String(value))) return;
	}
	const discriminant =
		value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).type : undefined;
	if (typeof discriminant === 'string') {
		const tagged = members.filter((member) => discriminantOf(checker, member) !== undefined);
		if (tagged.length) {
			const untagged = members.filter((member) => discriminantOf(checker, member) === undefined);
			const matching = tagged.filter((member) => discriminantOf(checker, member) === discriminant);
			if (!matching.length && untagged.length) return bestFit(checker, untagged, value, path, out);
			if (!matching.length) {
				const names = [...new Set(tagged.map((member) => discriminantOf(checker, member)))];
				out.push(`${path}.type: '${discriminant}' is none of the SDK's ${names.map((n) => `'${n}'`).join(', ')}`);
				return;
			}
			return bestFit(checker, matching, value, path, out);
		}
	}
	bestFit(checker, members, value, path, out);
}

/** Passes when one member fits; otherwise reports the member that came closest. */
function bestFit(checker: ts.TypeChecker, members: ts.Type[], value: unknown, path: string, out: string[]): void {
	let best: string[] | undefined;
	for (const member of members) {
		const attempt: string[] = [];
		check(checker, member, value, path, attempt);
		if (!attempt.length) return;
		if (!best || attempt.length < best.length) best = attempt;
	}
	out.push(...(best ?? [`${path}: no SDK type fits ${describe(value)}`]));
}
