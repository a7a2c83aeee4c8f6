/** Collects what a user could see (outputs, errors, logs) for the secret-leak scan in leakScan.ts. */
export interface LeakRecord {
	where: string;
	text: string;
}

const records: LeakRecord[] = [];

export function leakRecords(): LeakRecord[] {
	return records;
}

export function recordForLeakScan(where: string, value: unknown): void {
	records.push({ where, text: stringify(value) });
}

function stringify(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, (_key, v) => {
			if (v instanceof Error) {
				const extra = v as Error & { description?: unknown; context?: unknown; cause?: unknown };
				return { name: v.name, message: v.message, stack: v.stack, description: extra.description, context: extra.context, cause: extra.cause, ...v };
			}
			if (typeof v === 'object' && v !== null) {
				if (seen.has(v)) return '[circular]';
				seen.add(v);
			}
			if (typeof v === 'bigint') return v.toString();
			return v;
		}) ?? String(value);
	} catch {
		return String(value);
	}
}
