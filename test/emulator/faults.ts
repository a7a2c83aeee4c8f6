/**
 * Injected faults: each rule matches by method/path and fires for its next `times` matching requests.
 * A rule with a `probability` fires for a seeded share of its matching requests instead (see FaultRule).
 */
import { createHash } from 'node:crypto';
import type { Fault, FaultRule } from './types';

interface ActiveRule {
	rule: FaultRule;
	remaining: number;
	/** Probabilistic rules: how often each distinct request (method, path, body) was seen, so a retry draws anew. */
	seen?: Map<string, number>;
}

export class FaultStore {
	private rules: ActiveRule[] = [];

	inject(rule: FaultRule): void {
		if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
			throw new RangeError(`probability must be from 0 to 1, not ${rule.probability}`);
		}
		const probabilistic = rule.probability !== undefined;
		this.rules.push({ rule, remaining: rule.times ?? (probabilistic ? Infinity : 1), ...(probabilistic ? { seen: new Map() } : {}) });
	}

	clear(): void {
		this.rules = [];
	}

	/**
	 * Takes (and counts down) the first rule that matches this request and fires, in injection order.
	 * `body` feeds the draw of probabilistic rules (buffered bodies only; streamed uploads draw on method and path).
	 */
	take(method: string, path: string, body?: Buffer): Fault | undefined {
		for (const active of this.rules) {
			if (active.remaining <= 0 || !matches(active.rule, method, path)) continue;
			if (active.seen && !draw(active, method, path, body)) continue;
			active.remaining--;
			if (active.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== active);
			return active.rule.fault;
		}
		return undefined;
	}

	pending(): number {
		return this.rules.length;
	}
}

/**
 * Whether a probabilistic rule fires: a hash of (seed, request, how many times this same request came
 * before) read as a number in [0, 1). Independent of arrival order, so a concurrent run is reproducible.
 */
function draw(active: ActiveRule, method: string, path: string, body: Buffer | undefined): boolean {
	const request = createHash('sha256').update(`${method.toUpperCase()} ${path}\n`).update(body ?? Buffer.alloc(0)).digest('hex');
	const occurrence = active.seen!.get(request) ?? 0;
	active.seen!.set(request, occurrence + 1);
	const digest = createHash('sha256').update(`${active.rule.seed ?? 0}:${request}:${occurrence}`).digest();
	return digest.readUInt32BE(0) / 0x1_0000_0000 < active.rule.probability!;
}

function matches(rule: FaultRule, method: string, path: string): boolean {
	if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
	if (rule.path === undefined) return true;
	if (typeof rule.path === 'string') return rule.path === path;
	rule.path.lastIndex = 0;
	return rule.path.test(path);
}
