/** Collects what a user could see (outputs, errors, logs) for the secret-leak scan in leakScan.ts, and scans it. */
export interface LeakRecord {
	where: string;
	text: string;
}

export interface LeakHit {
	where: string;
	/** The first 4 characters of the secret, so a report never repeats it. */
	secretStart: string;
}

const records: LeakRecord[] = [];
const addedSecrets: string[] = [];

export function leakRecords(): LeakRecord[] {
	return records;
}

export function recordForLeakScan(where: string, value: unknown): void {
	records.push({ where, text: stringify(value) });
}

/** Secrets minted at run time (assumed-role keys, request signatures) that the scan looks for too. */
export function addLeakScanSecret(value: string): void {
	if (value && value.length >= 8) addedSecrets.push(value);
}

export function addedLeakScanSecrets(): string[] {
	return addedSecrets;
}

const HEX_64 = /^[0-9a-f]{64}$/;

/**
 * Every place a secret shows up in the records. SigV4 signatures (64 hex digits) may number in the
 * thousands: they are found by pattern and looked up in a set, so they cost one pass per record.
 */
export function findLeaks(scanned: LeakRecord[], secrets: string[]): LeakHit[] {
	const signatures = new Set(secrets.filter((secret) => HEX_64.test(secret)));
	const others = [...new Set(secrets.filter((secret) => !signatures.has(secret)))];
	const hits: LeakHit[] = [];
	for (const record of scanned) {
		for (const secret of others) if (record.text.includes(secret)) hits.push({ where: record.where, secretStart: secret.slice(0, 4) });
		if (signatures.size === 0) continue;
		for (const match of record.text.matchAll(/[0-9a-f]{64,}/g)) {
			// A longer hex run may hold a signature anywhere inside it.
			const run = match[0];
			for (let at = 0; at + 64 <= run.length; at++) {
				if (signatures.has(run.slice(at, at + 64))) {
					hits.push({ where: record.where, secretStart: run.slice(at, at + 4) });
					break;
				}
			}
		}
	}
	return hits;
}

function stringify(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, v) => {
				if (v instanceof Error) {
					const extra = v as Error & { description?: unknown; context?: unknown; cause?: unknown };
					return { ...v, name: v.name, message: v.message, stack: v.stack, description: extra.description, context: extra.context, cause: extra.cause };
				}
				if (typeof v === 'object' && v !== null) {
					if (seen.has(v)) return '[circular]';
					seen.add(v);
				}
				if (typeof v === 'bigint') return v.toString();
				return v;
			}) ?? String(value)
		);
	} catch {
		return String(value);
	}
}
