/**
 * The optional settings of the web tools, with the SDK's (1.15) shapes: web search's `user_location`
 * (UserLocation, approximate) and web fetch's `citations` (CitationsConfigParam) and `max_content_tokens`.
 * Each is checked before any request and named as the Built-in Tools field shows it.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { parameterError } from '../errors';
import { PROMPT_PARAMETERS } from './parameters';

const B = PROMPT_PARAMETERS.builtInTools;

interface UserLocation {
	type: 'approximate';
	city?: string;
	region?: string;
	country?: string;
	timezone?: string;
}

const where = (label: string) => `${B.label} › ${label}`;

function textSetting(node: INode, label: string, raw: unknown, itemIndex: number): string {
	if (raw === undefined || raw === null) return '';
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw parameterError(node, where(label), `is ${Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'an object' : `${typeof raw} ${JSON.stringify(raw)}`}, not text`, itemIndex);
	}
	return String(raw).trim();
}

function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

/** `user_location` when any of its parts is set; the API takes any subset of them. */
export function userLocation(node: INode, settings: IDataObject, itemIndex: number): { user_location?: UserLocation } {
	const city = textSetting(node, B.webSearchUserCity.label, settings[B.webSearchUserCity.name], itemIndex);
	const region = textSetting(node, B.webSearchUserRegion.label, settings[B.webSearchUserRegion.name], itemIndex);
	const country = textSetting(node, B.webSearchUserCountry.label, settings[B.webSearchUserCountry.name], itemIndex);
	const timezone = textSetting(node, B.webSearchUserTimezone.label, settings[B.webSearchUserTimezone.name], itemIndex);
	if (country && !/^[A-Za-z]{2}$/.test(country)) {
		throw parameterError(node, where(B.webSearchUserCountry.label), `"${country}" is not a two-letter country code`, itemIndex, 'Use the ISO 3166-1 alpha-2 code, e.g. US, DE or JP.');
	}
	if (timezone && !isTimeZone(timezone)) {
		throw parameterError(node, where(B.webSearchUserTimezone.label), `"${timezone}" is not an IANA time zone`, itemIndex, 'e.g. America/New_York, Europe/Berlin or UTC.');
	}
	if (!city && !region && !country && !timezone) return {};
	return {
		user_location: {
			type: 'approximate',
			...(city ? { city } : {}),
			...(region ? { region } : {}),
			...(country ? { country: country.toUpperCase() } : {}),
			...(timezone ? { timezone } : {}),
		},
	};
}

export function webFetchExtras(node: INode, settings: IDataObject, itemIndex: number): { citations?: { enabled: boolean }; max_content_tokens?: number } {
	const extras: { citations?: { enabled: boolean }; max_content_tokens?: number } = {};
	const citations = settings[B.webFetchCitations.name];
	if (citations !== undefined && citations !== null) {
		if (typeof citations !== 'boolean') throw parameterError(node, where(B.webFetchCitations.label), `must be true or false, got ${JSON.stringify(citations)}`, itemIndex);
		if (citations) extras.citations = { enabled: true };
	}
	const raw = settings[B.webFetchMaxContentTokens.name];
	if (raw !== undefined && raw !== null && raw !== '') {
		const tokens = Number(raw);
		if (!Number.isInteger(tokens) || tokens < 1) throw parameterError(node, where(B.webFetchMaxContentTokens.label), `must be a whole number of at least 1, got ${JSON.stringify(raw)}`, itemIndex);
		extras.max_content_tokens = tokens;
	}
	return extras;
}
