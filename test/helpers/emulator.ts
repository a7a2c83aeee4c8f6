/**
 * The one emulator set-up for test files: one emulator per file, and everything a test may have
 * changed put back before the next (received requests, faults, latency, clock skew, rate limit,
 * cached identities, what the per-credential pacers learnt). Harnesses build on it instead of starting emulators of their own.
 */
import { clearIdentityCache } from '../../nodes/transport/identity';
import { resetPacers } from '../../nodes/transport/pacer';
import { startEmulator } from '../emulator/server';
import type { Emulator, EmulatorOptions } from '../emulator/types';

export interface EmulatorHandle {
	/** The running emulator (only inside tests and hooks). */
	readonly emulator: Emulator;
}

export function useEmulator(options: EmulatorOptions = {}): EmulatorHandle {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator(options);
	});
	afterAll(async () => {
		await emulator?.close();
	});
	beforeEach(() => {
		if (!emulator) return;
		emulator.clearReceived();
		emulator.faults.clear();
		emulator.setLatency(0);
		emulator.setClockSkew(0);
		emulator.setRateLimit(null);
		clearIdentityCache();
		// What one test's answers taught the per-credential pacer must not slow the next test down.
		resetPacers();
	});
	return {
		get emulator(): Emulator {
			if (!emulator) throw new Error('The emulator is only running inside tests (beforeAll has not run yet)');
			return emulator;
		},
	};
}
