/**
 * Small pieces shared by the emulator's Managed Agents resources (agents, environments, sessions):
 * the beta flag, timestamps, the usual 400/404 errors and metadata patching.
 */
import { EmulatorHttpError } from '../types';

export { newId } from '../ids';

/** Value of `anthropic-beta` the SDK (1.14.0) sends for agents, environments and sessions. */
export const MANAGED_AGENTS_BETA = 'managed-agents-2026-04-01';

export function nowIso(): string {
	return new Date().toISOString();
}

/** A 400; `errorCode` when the SDK has an error class for the cause (`error.details.error_code`). */
export function badRequest(message: string, errorCode?: string): EmulatorHttpError {
	return new EmulatorHttpError(400, 'invalid_request_error', message, {}, errorCode ? { error_code: errorCode } : undefined);
}

export function notFound(kind: string, id: string): EmulatorHttpError {
	return new EmulatorHttpError(404, 'not_found_error', `${kind} '${id}' not found.`);
}

export function requireObjectBody(body: unknown): Record<string, any> {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest('Request body must be a JSON object.');
	}
	return body as Record<string, any>;
}

export function requireNonEmptyString(body: Record<string, any>, field: string): string {
	const value = body[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw badRequest(`${field}: Field required (a non-empty string).`);
	}
	return value;
}

/** Metadata is limited like the real API: at most 16 keys, keys up to 64 chars, values up to 512. */
export function validateMetadata(metadata: unknown): Record<string, string> {
	if (metadata === undefined || metadata === null) return {};
	if (typeof metadata !== 'object' || Array.isArray(metadata)) throw badRequest('metadata: must be an object.');
	const entries = Object.entries(metadata as Record<string, unknown>);
	if (entries.length > 16) throw badRequest('metadata: at most 16 keys are allowed.');
	const result: Record<string, string> = {};
	for (const [key, value] of entries) {
		if (key.length > 64) throw badRequest(`metadata: key '${key.slice(0, 20)}...' is longer than 64 characters.`);
		if (typeof value !== 'string') throw badRequest(`metadata.${key}: value must be a string.`);
		if (value.length > 512) throw badRequest(`metadata.${key}: value is longer than 512 characters.`);
		result[key] = value;
	}
	return result;
}

/** Update semantics of the API: a string upserts a key, null (or '' for environments) deletes it. */
export function patchMetadata(
	current: Record<string, string>,
	patch: unknown,
	deleteOnEmptyString = false,
): Record<string, string> {
	if (patch === undefined) return current;
	if (patch === null) return {};
	if (typeof patch !== 'object' || Array.isArray(patch)) throw badRequest('metadata: must be an object.');
	const next = { ...current };
	for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
		if (value === null || (deleteOnEmptyString && value === '')) delete next[key];
		else next[key] = value as string;
	}
	return validateMetadata(next);
}

/** `include_archived=true` (the SDK sends booleans as the strings true/false). */
export function queryFlag(query: URLSearchParams, name: string): boolean {
	return query.get(name) === 'true';
}

/** Array query params arrive as `name[]=a&name[]=b` (the SDK's bracket format) or as repeated `name=`. */
export function queryList(query: URLSearchParams, name: string): string[] {
	return [...query.getAll(`${name}[]`), ...query.getAll(name)].flatMap((value) => value.split(',')).filter(Boolean);
}
