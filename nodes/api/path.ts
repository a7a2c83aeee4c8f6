/**
 * The one ID rule and the one way to put an ID into a path. A pasted `..` or `a/b` must never reach
 * another endpoint: `GET /v1/sessions/..` is `GET /v1/`, `DELETE /v1/sessions/.` deletes nothing the
 * user meant. Every API module builds its paths with `route`, so no call site can forget.
 */
import { ClaudeConfigError } from '../transport/errors';

/** Anthropic's IDs (file_..., msgbatch_..., sesn_..., model names, skill versions) are letters, digits, `_` and `-`. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Why a value is not an ID, in words for the person who typed it ("file" gives "is not a file ID");
 * undefined when it is one.
 */
export function idProblem(value: string, noun = ''): string | undefined {
	const kind = noun ? `${noun} ID` : 'ID';
	if (value === '') return `no ${kind} was given`;
	if (!ID_PATTERN.test(value) || value === '.' || value === '..') {
		const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
		return `"${shown}" is not a${/^[aeiou]/i.test(kind) ? 'n' : ''} ${kind}`;
	}
	return undefined;
}

/** What the ID rule allows, for hints. */
export const ID_RULE = 'IDs have only letters, digits, "_" and "-"';

export class InvalidIdError extends ClaudeConfigError {
	constructor(
		readonly noun: string,
		readonly value: string,
		problem: string,
	) {
		super(noun, `${problem}`, 'Pick it from the list, or map the ID field of an earlier node, e.g. {{ $json.id }}.');
		this.name = 'InvalidIdError';
	}
}

/** Throws unless `value` is an ID; `noun` names it for the person ("Session", "File"). */
export function assertId(noun: string, value: string): string {
	const problem = idProblem(value);
	if (problem) throw new InvalidIdError(noun, value, problem);
	return value;
}

/**
 * A path with its IDs checked and encoded: route`/v1/sessions/${id}/events`. Each interpolated value
 * is one path segment; the literal parts are the module's own and are trusted.
 */
export function route(literals: TemplateStringsArray, ...ids: Array<string | number>): string {
	let path = literals[0];
	for (let i = 0; i < ids.length; i++) {
		path += encodeURIComponent(assertId('ID', String(ids[i]))) + literals[i + 1];
	}
	return path;
}
