/**
 * The request settings of the Messages API that are not content, checked with the SDK's (1.15) shapes and
 * the platform's documented rules:
 * - `inference_geo`: `us` or `global` (Claude Platform on AWS user guide); refused on models older than
 *   Claude 4.6 (same guide: "400 on models older than 4.6"). A model ID without a version number (a
 *   preview such as claude-mythos-preview) counts as new: the guide names no such model as old.
 * - `speed`: `standard` or `fast`. The SDK says "some models require the fast-mode-2026-02-01 beta header"
 *   and does not say which; the emulator asks for it on every model (the strictest reading), outside
 *   batches, whose header is not checked per request.
 * - `tool_choice.disable_parallel_tool_use`: a boolean, on auto, any and tool (ToolChoiceNone has none).
 * - web search `user_location` (UserLocation) and web fetch `blocked_domains`, `citations`
 *   (CitationsConfigParam), `max_content_tokens`; allowed and blocked domains exclude each other.
 */
import { EmulatorHttpError } from '../types';

type Params = Record<string, any>;

const bad = (message: string) => new EmulatorHttpError(400, 'invalid_request_error', message);
const isObject = (value: unknown): value is Params => typeof value === 'object' && value !== null && !Array.isArray(value);

export const FAST_MODE_BETA = 'fast-mode-2026-02-01';
const GEOS = ['us', 'global'];
const SPEEDS = ['standard', 'fast'];
const LOCATION_FIELDS = ['city', 'region', 'country', 'timezone'];

export interface ServingOptions {
	/** The request's anthropic-beta values; undefined inside a batch. */
	betas?: string[];
	countTokens?: boolean;
}

/** Whether the model is older than Claude 4.6: claude-<line>-<major>[-<minor>][-<date>]. */
export function olderThan46(model: string): boolean {
	const match = /^claude-[a-z]+-(\d+)(?:-(\d{1,2}))?(?:-\d{8})?$/.exec(model);
	if (!match) return false;
	const major = Number(match[1]);
	const minor = match[2] === undefined ? 0 : Number(match[2]);
	return major < 4 || (major === 4 && minor < 6);
}

export function validateServing(params: Params, options: ServingOptions): void {
	if (params.inference_geo !== undefined && params.inference_geo !== null) {
		if (!GEOS.includes(params.inference_geo)) throw bad(`inference_geo: Input should be ${GEOS.map((g) => `'${g}'`).join(' or ')}`);
		if (olderThan46(params.model)) {
			throw bad(`inference_geo: ${params.model} does not support inference_geo; it is available on Claude 4.6 models and newer.`);
		}
	}
	if (params.speed !== undefined && params.speed !== null) {
		if (!SPEEDS.includes(params.speed)) throw bad(`speed: Input should be 'standard' or 'fast'`);
		if (params.speed === 'fast' && options.betas && !options.betas.includes(FAST_MODE_BETA)) {
			throw bad(`speed: fast mode needs the anthropic-beta header ${FAST_MODE_BETA} for ${params.model}`);
		}
	}
	const choice = params.tool_choice;
	if (isObject(choice) && choice.disable_parallel_tool_use !== undefined) {
		if (choice.type === 'none') throw bad('tool_choice.none.disable_parallel_tool_use: Extra inputs are not permitted');
		if (typeof choice.disable_parallel_tool_use !== 'boolean') throw bad(`tool_choice.${choice.type}.disable_parallel_tool_use: Input should be a valid boolean`);
	}
	if (Array.isArray(params.tools)) params.tools.forEach((tool: unknown, index: number) => validateWebTool(tool, `tools.${index}`));
}

function stringList(value: unknown, path: string): void {
	if (value === undefined || value === null) return;
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string' || !entry)) throw bad(`${path}: Input should be a valid list of non-empty strings`);
}

function validateWebTool(tool: unknown, path: string): void {
	if (!isObject(tool) || typeof tool.type !== 'string') return;
	const search = tool.type.startsWith('web_search_');
	const fetch = tool.type.startsWith('web_fetch_');
	if (!search && !fetch) return;
	stringList(tool.allowed_domains, `${path}.allowed_domains`);
	stringList(tool.blocked_domains, `${path}.blocked_domains`);
	if (tool.allowed_domains?.length && tool.blocked_domains?.length) {
		throw bad(`${path}: allowed_domains and blocked_domains cannot be used together`);
	}
	if (tool.max_uses !== undefined && tool.max_uses !== null && (!Number.isInteger(tool.max_uses) || tool.max_uses < 1)) {
		throw bad(`${path}.max_uses: Input should be greater than or equal to 1`);
	}
	if (search) validateUserLocation(tool.user_location, `${path}.user_location`);
	if (search && (tool.citations !== undefined || tool.max_content_tokens !== undefined)) {
		throw bad(`${path}.${tool.citations !== undefined ? 'citations' : 'max_content_tokens'}: Extra inputs are not permitted`);
	}
	if (fetch) {
		if (tool.user_location !== undefined) throw bad(`${path}.user_location: Extra inputs are not permitted`);
		if (tool.citations !== undefined && tool.citations !== null) {
			if (!isObject(tool.citations) || (tool.citations.enabled !== undefined && typeof tool.citations.enabled !== 'boolean')) {
				throw bad(`${path}.citations.enabled: Input should be a valid boolean`);
			}
		}
		const tokens = tool.max_content_tokens;
		if (tokens !== undefined && tokens !== null && (!Number.isInteger(tokens) || tokens < 1)) {
			throw bad(`${path}.max_content_tokens: Input should be a valid integer greater than or equal to 1`);
		}
	}
}

function validateUserLocation(location: unknown, path: string): void {
	if (location === undefined || location === null) return;
	if (!isObject(location)) throw bad(`${path}: Input should be a valid dictionary`);
	if (location.type !== 'approximate') throw bad(`${path}.type: Input should be 'approximate'`);
	for (const key of Object.keys(location)) {
		if (key !== 'type' && !LOCATION_FIELDS.includes(key)) throw bad(`${path}.${key}: Extra inputs are not permitted`);
	}
	for (const key of LOCATION_FIELDS) {
		const value = location[key];
		if (value !== undefined && value !== null && typeof value !== 'string') throw bad(`${path}.${key}: Input should be a valid string`);
	}
	if (typeof location.country === 'string' && !/^[A-Z]{2}$/.test(location.country)) {
		throw bad(`${path}.country: String should be a two-letter ISO 3166-1 country code`);
	}
	if (typeof location.timezone === 'string') {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: location.timezone });
		} catch {
			throw bad(`${path}.timezone: '${location.timezone}' is not a valid IANA time zone`);
		}
	}
}
