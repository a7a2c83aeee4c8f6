/** Talks to the emulator process run.sh started, through its no-auth /_emulator/ control routes. */
import { e2eEnv } from './n8nApi';

export interface ReceivedSummary {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	json?: any;
	bodyBytes: number;
	auth: string;
	principal: string;
	status?: number;
	errorType?: string;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${e2eEnv().emulatorUrl}${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`emulator ${method} ${path} answered ${response.status}: ${text}`);
	return JSON.parse(text) as T;
}

/** Requests the gateway received since the last clear (control routes excluded). */
export async function received(): Promise<ReceivedSummary[]> {
	return (await call<{ data: ReceivedSummary[] }>('GET', '/_emulator/received')).data;
}

export async function clearReceived(): Promise<void> {
	await call('DELETE', '/_emulator/received');
}

export async function injectFault(rule: { method?: string; path?: string; times?: number; fault: unknown }): Promise<void> {
	await call('POST', '/_emulator/faults', rule);
}

export async function registerWebhook(url: string, secret: string, eventTypes: string[] = []): Promise<{ id: string }> {
	return await call('POST', '/_emulator/webhooks', { url, secret, event_types: eventTypes });
}
