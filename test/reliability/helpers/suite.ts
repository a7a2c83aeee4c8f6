/**
 * Shared set-up of the reliability suite: one emulator per test file, reset between tests, and the
 * credentials each fault needs (expired short-term key, wrong secret, session token).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { TEST_API_KEY, TEST_EXPIRED_API_KEY } from '../../emulator/fixtures';
import type { Emulator, EmulatorOptions, ReceivedRequest } from '../../emulator/types';
import { accessKeyCredentials, apiKeyCredentials } from '../../helpers/credentials';
import { useEmulator as useSharedEmulator } from '../../helpers/emulator';

/** A secret access key that is wrong for the test access key ID (signatures made with it must be refused). */
export const WRONG_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/WRONGsecretKEY0000000';

export interface Suite {
	emulator: Emulator;
}

export function useEmulator(options: EmulatorOptions = {}): Suite {
	// The suite-wide leak scan prints what it scanned for each reliability file.
	(globalThis as { __leakScanSummary?: boolean }).__leakScanSummary = true;
	const handle = useSharedEmulator(options);
	beforeAll(() => addSecretForLeakScan(WRONG_SECRET_ACCESS_KEY));
	return handle;
}

export type CredentialKind = 'accessKeys' | 'expiredApiKey' | 'wrongSecret';

export function credentialsFor(emulator: Emulator, kind: CredentialKind = 'accessKeys'): ICredentialDataDecryptedObject {
	switch (kind) {
		case 'expiredApiKey':
			return apiKeyCredentials(emulator, { apiKey: TEST_EXPIRED_API_KEY });
		case 'wrongSecret':
			return accessKeyCredentials(emulator, { secretAccessKey: WRONG_SECRET_ACCESS_KEY });
		default:
			return accessKeyCredentials(emulator);
	}
}

export { TEST_API_KEY };

/** The suite-wide leak scan also looks for this value (minted keys, signatures). */
export function addSecretForLeakScan(value: string | undefined): void {
	if (value) (globalThis as { __addSecretForLeakScan?: (v: string) => void }).__addSecretForLeakScan?.(value);
}

/** The SigV4 signature of a request as it reached the gateway (a per-request secret: it must never be shown). */
export function signatureOf(request: ReceivedRequest): string | undefined {
	return /Signature=([0-9a-f]{64})/.exec(request.headers.authorization ?? '')?.[1];
}

/** Adds every signature the gateway received so far to the leak scan. */
export function scanSignatures(emulator: Emulator): number {
	let added = 0;
	for (const request of emulator.received) {
		const signature = signatureOf(request);
		if (signature) {
			addSecretForLeakScan(signature);
			added++;
		}
	}
	return added;
}

/** Requests that reached a route, matched like fault rules. */
export function hits(emulator: Emulator, method: string, path: string | RegExp): ReceivedRequest[] {
	return emulator.received.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
}
