/**
 * One-time set-up of the n8n-core services a real execution touches, the way n8n's own test
 * utilities do it: an isolated n8n user folder (InstanceSettings writes its config file there),
 * a fixed encryption key, and BinaryDataService initialised in filesystem mode so binary data
 * really goes to disk and back through streams.
 *
 * Jest gives every test file its own module registry, so the DI container (and this module's
 * state) is per test file; the temp folder is removed in an afterAll registered on first use.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Container } from '@n8n/di';
import type { BinaryDataService as BinaryDataServiceType, KeyInfo } from 'n8n-core';

export type BinaryMode = 'filesystem' | 'default';

export interface Engine {
	/** Root of the throw-away n8n user folder; binary data lives under it. */
	folder: string;
	binaryDataService: BinaryDataServiceType;
	/** Switch where prepareBinaryData puts bytes: on disk ('filesystem') or base64 in the item ('default'). */
	setBinaryMode(mode: BinaryMode): void;
}

let enginePromise: Promise<Engine> | undefined;
let folder: string | undefined;

export function getEngine(): Promise<Engine> {
	enginePromise ??= boot();
	return enginePromise;
}

/** Removes the temp folder. Registered automatically with afterAll; safe to call twice. */
export function cleanupEngine(): void {
	if (folder) rmSync(folder, { recursive: true, force: true });
	folder = undefined;
	enginePromise = undefined;
}

async function boot(): Promise<Engine> {
	folder = mkdtempSync(path.join(tmpdir(), 'n8n-claude-aws-harness-'));
	registerCleanup();

	// InstanceSettings and the @Config classes read these when the container first builds them,
	// so they must be set before anything asks the container for an n8n-core service.
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_ENCRYPTION_KEY ??= 'claude-aws-harness-encryption-key';
	process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
	process.env.N8N_STORAGE_PATH = path.join(folder, 'storage');
	process.env.N8N_BINARY_DATA_STORAGE_PATH = process.env.N8N_STORAGE_PATH;
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	// n8n's request helpers refuse private addresses when SSRF protection is on; the emulator is on localhost.
	process.env.N8N_SSRF_PROTECTION_ENABLED ??= 'false';
	// n8n logs every node error it reports; tests assert on errors, so keep quiet unless asked
	// (N8N_LOG_LEVEL=debug npx jest ... shows the engine's own logging).
	process.env.N8N_LOG_LEVEL ??= 'silent';

	// Loaded lazily so the env above is in place before n8n-core's module-level code runs.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const core = require('n8n-core') as typeof import('n8n-core');
	configureEncryptionKeys(core);
	const binaryDataService = Container.get(core.BinaryDataService);
	await binaryDataService.init();

	return {
		folder,
		binaryDataService,
		setBinaryMode(mode) {
			// The service keeps its mode private and only sets it in init(); 'default' means
			// "no manager", which makes store() keep the bytes inline as base64, as n8n does.
			(binaryDataService as unknown as { mode: string }).mode =
				mode === 'filesystem' ? 'filesystem-v2' : 'default';
		},
	};
}

/**
 * n8n's CLI plugs a database-backed key store into EncryptionKeyProxy. A fresh n8n instance's
 * only key is the legacy one (the instance encryption key itself, stored wrapped and without a
 * prefix), so that is what credentials get encrypted with here.
 */
function configureEncryptionKeys(core: typeof import('n8n-core')): void {
	const instanceKey = Container.get(core.InstanceSettings).encryptionKey;
	const legacy: KeyInfo = {
		id: 'legacy',
		value: Container.get(core.Cipher).encryptDEKWithInstanceKey(instanceKey),
		algorithm: 'aes-256-cbc',
		format: 'no-prefix',
	};
	Container.get(core.EncryptionKeyProxy).setProvider({
		getActiveKey: async () => legacy,
		getKeyById: async (id) => (id === legacy.id ? legacy : null),
		getLegacyKey: async () => legacy,
	});
}

let cleanupRegistered = false;
function registerCleanup(): void {
	if (cleanupRegistered) return;
	cleanupRegistered = true;
	// Also on exit: the afterAll below only exists when this module is loaded at collection time.
	process.once('exit', cleanupEngine);
}

// Registered when a test file imports the harness (collection time): jest forbids adding
// hooks from inside a running test, which is where the engine first boots.
if (typeof afterAll === 'function') {
	try {
		afterAll(() => cleanupEngine());
	} catch {
		// Imported from inside a test or hook: the exit handler cleans up instead.
	}
}
