/**
 * The contract test's harness: the emulator, official SDK clients pointed at it in each auth mode the
 * platform has, and what the emulator recorded about the SDK's requests (signing, version, beta, workspace).
 */
import { AnthropicAws } from '@anthropic-ai/aws-sdk';
import { startEmulator } from '../emulator/server';
import type { Emulator, EmulatorOptions, ReceivedRequest } from '../emulator/types';
import {
	TEST_ACCESS_KEY_ID,
	TEST_API_KEY,
	TEST_REGION,
	TEST_SECRET_ACCESS_KEY,
	TEST_SESSION_TOKEN,
	TEST_TEMP_ACCESS_KEY_ID,
	TEST_TEMP_SECRET_ACCESS_KEY,
	TEST_WORKSPACE_ID,
} from '../emulator/fixtures';

/** The anthropic-version the installed SDK sends (read from its requests, asserted against this). */
export const SDK_ANTHROPIC_VERSION = '2026-10-21';
export const MANAGED_AGENTS_BETA = 'managed-agents-2026-04-01';

export type AuthMode = 'sigv4' | 'sigv4-session-token' | 'api-key';

export interface Clients {
	/** SigV4 with long-term access keys (the default mode of our credential). */
	sigv4: AnthropicAws;
	/** SigV4 with temporary credentials: the session token must ride along, signed. */
	temporary: AnthropicAws;
	/** A short-term API key as `Authorization: Bearer`. */
	apiKey: AnthropicAws;
}

export function sdkClient(emulator: Emulator, mode: AuthMode): AnthropicAws {
	const common = {
		baseURL: emulator.url,
		awsRegion: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		// Retries would hide a refused request behind a later success; the contract wants the first answer.
		maxRetries: 0,
	};
	switch (mode) {
		case 'sigv4':
			return new AnthropicAws({ ...common, awsAccessKey: TEST_ACCESS_KEY_ID, awsSecretAccessKey: TEST_SECRET_ACCESS_KEY });
		case 'sigv4-session-token':
			return new AnthropicAws({
				...common,
				awsAccessKey: TEST_TEMP_ACCESS_KEY_ID,
				awsSecretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY,
				awsSessionToken: TEST_SESSION_TOKEN,
			});
		case 'api-key':
			return new AnthropicAws({ ...common, apiKey: TEST_API_KEY });
	}
}

export async function startContractEmulator(options: EmulatorOptions = {}): Promise<{ emulator: Emulator; clients: Clients }> {
	const emulator = await startEmulator({ batchProcessingMs: 80, sessionRunMs: 20, ...options });
	return {
		emulator,
		clients: {
			sigv4: sdkClient(emulator, 'sigv4'),
			temporary: sdkClient(emulator, 'sigv4-session-token'),
			apiKey: sdkClient(emulator, 'api-key'),
		},
	};
}

/** Requests the emulator routed from `mark` (an index into emulator.received) on. */
export function requestsSince(emulator: Emulator, mark: number): ReceivedRequest[] {
	return emulator.received.slice(mark);
}

export interface AcceptedExpectation {
	auth?: 'sigv4' | 'bearer';
	/** Access key ID the signature must name (SigV4). */
	principal?: string;
	/** A beta the request must have carried in anthropic-beta. */
	beta?: string;
	/**
	 * The response is a live stream still open when the check runs: it has no final status yet, and the
	 * SDK resolving the call already proved a 2xx (it throws on anything else).
	 */
	openStream?: boolean;
}

/** The SigV4 SignedHeaders list of a recorded request. */
export function signedHeadersOf(record: ReceivedRequest): string[] {
	const match = /SignedHeaders=([^,\s]+)/.exec(record.headers.authorization ?? '');
	return match ? match[1].split(';') : [];
}

/**
 * What every accepted SDK request must show: a 2xx from the emulator, the expected auth (signature
 * verified by the emulator's independent verifier), the SDK's anthropic-version, the workspace header
 * (signed, under SigV4) and, for beta routes, the beta header.
 */
export function describeRequestProblems(records: ReceivedRequest[], expected: AcceptedExpectation = {}): string[] {
	const problems: string[] = [];
	for (const record of records) {
		const where = `${record.method} ${record.path}`;
		if (record.status === undefined ? !expected.openStream : record.status < 200 || record.status >= 300) {
			problems.push(`${where}: answered ${record.status ?? 'nothing'} (${record.errorType ?? 'no error type'})`);
		}
		if (record.headers['anthropic-version'] !== SDK_ANTHROPIC_VERSION) {
			problems.push(`${where}: anthropic-version ${record.headers['anthropic-version']}`);
		}
		if (record.headers['anthropic-workspace-id'] !== TEST_WORKSPACE_ID) {
			problems.push(`${where}: anthropic-workspace-id ${record.headers['anthropic-workspace-id']}`);
		}
		if (expected.auth && record.auth !== expected.auth) problems.push(`${where}: auth ${record.auth}, expected ${expected.auth}`);
		if (expected.principal && record.principal !== expected.principal) {
			problems.push(`${where}: principal ${record.principal}, expected ${expected.principal}`);
		}
		if (record.auth === 'sigv4') {
			const signed = signedHeadersOf(record);
			for (const name of ['host', 'x-amz-date', 'anthropic-version', 'anthropic-workspace-id']) {
				if (!signed.includes(name)) problems.push(`${where}: ${name} is not signed`);
			}
			if (record.headers['anthropic-beta'] !== undefined && !signed.includes('anthropic-beta')) {
				problems.push(`${where}: anthropic-beta is sent but not signed`);
			}
		}
		if (expected.beta) {
			const betas = (record.headers['anthropic-beta'] ?? '').split(',').map((value) => value.trim());
			if (!betas.includes(expected.beta)) problems.push(`${where}: anthropic-beta '${record.headers['anthropic-beta'] ?? ''}' lacks ${expected.beta}`);
		}
	}
	return problems;
}

/**
 * The emulator records a status when a response has finished on its side, which can come a moment
 * after the client has read the last byte of a streamed body: give those records a few turns to settle.
 */
export async function settled(records: ReceivedRequest[]): Promise<ReceivedRequest[]> {
	for (let turn = 0; turn < 100 && records.some((record) => record.status === undefined); turn++) {
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
	return records;
}

/** Polls `read` until `done` holds; no deadline of its own (jest's test timeout is the bound). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, intervalMs = 20): Promise<T> {
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** The error an SDK call failed with; fails the test when the call succeeded. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the SDK call to fail');
}
