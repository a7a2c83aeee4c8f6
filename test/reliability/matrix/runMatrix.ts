/** Runs one resource's row of the fault matrix: one `it` per fault, named "<Resource> × <fault>". */
import type { EmulatorOptions } from '../../emulator/types';
import { credentialsFor, hits, scanSignatures, useEmulator } from '../helpers/suite';
import type { Driver } from './drivers';
import { FAULTS } from './faults';
import { OUTCOMES, type ResourceKey } from './outcomes';

export function runMatrix(key: ResourceKey, driver: Driver, emulatorOptions: EmulatorOptions = {}): void {
	const suite = useEmulator(emulatorOptions);

	for (const fault of FAULTS) {
		const outcome = OUTCOMES[key][fault.id];
		const name = `${driver.resource} × ${fault.label}`;
		if (outcome.kind === 'na') {
			it.skip(`${name} (not applicable: ${outcome.reason})`, () => undefined);
			continue;
		}
		it(name, async () => {
			const emulator = suite.emulator;
			await driver.prepare?.(emulator);
			emulator.clearReceived();
			const createdBefore = driver.created?.(emulator);
			const target = driver.target(fault.id);
			if (fault.fault) emulator.faults.inject({ method: target.method, path: target.path, fault: fault.fault });
			if (fault.clockSkewMs) emulator.setClockSkew(fault.clockSkewMs);

			const started = Date.now();
			const result = await driver.run(emulator, { credentials: credentialsFor(emulator, fault.credential), timeoutSeconds: fault.timeoutSeconds });
			const elapsed = Date.now() - started;
			scanSignatures(emulator);
			const onTarget = hits(emulator, target.method, target.path);
			const created = createdBefore === undefined ? undefined : driver.created!(emulator) - createdBefore;

			if (outcome.kind === 'retried' || outcome.kind === 'survived') {
				expect(result.error).toBeUndefined();
				await driver.expectComplete(result, emulator);
				if (fault.fault) expect(onTarget.filter((r) => r.fault === fault.fault!.type)).toHaveLength(1);
				if (outcome.kind === 'retried') expect(onTarget).toHaveLength(outcome.attempts ?? 2);
				else expect(onTarget.length).toBeGreaterThanOrEqual(outcome.minAttempts);
				if (outcome.kind === 'retried' && outcome.minMs) expect(elapsed).toBeGreaterThanOrEqual(outcome.minMs);
				if (created !== undefined) expect(created).toBe(1);
				return;
			}

			// A clear error, and nothing else: no item, not even a partial one.
			expect(result.error).toBeDefined();
			expect(result.items.flat()).toEqual([]);
			expect(result.error!.message).toMatch(outcome.message);
			const description = String((result.error as { description?: string }).description ?? '');
			for (const piece of outcome.description) expect(description).toMatch(piece);
			if (outcome.httpCode) expect((result.error as { httpCode?: string }).httpCode).toBe(outcome.httpCode);
			expect(onTarget).toHaveLength(outcome.attempts ?? 1);
			if (created !== undefined) expect(created).toBe(0);
		});
	}
}
