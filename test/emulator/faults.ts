/** Injected faults: each rule matches by method/path and fires for its next `times` matching requests. */
import type { Fault, FaultRule } from './types';

interface ActiveRule {
	rule: FaultRule;
	remaining: number;
}

export class FaultStore {
	private rules: ActiveRule[] = [];

	inject(rule: FaultRule): void {
		this.rules.push({ rule, remaining: rule.times ?? 1 });
	}

	clear(): void {
		this.rules = [];
	}

	/** Takes (and counts down) the first rule matching this request, in injection order. */
	take(method: string, path: string): Fault | undefined {
		const active = this.rules.find(({ rule, remaining }) => remaining > 0 && matches(rule, method, path));
		if (!active) return undefined;
		active.remaining--;
		if (active.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== active);
		return active.rule.fault;
	}

	pending(): number {
		return this.rules.length;
	}
}

function matches(rule: FaultRule, method: string, path: string): boolean {
	if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
	if (rule.path === undefined) return true;
	if (typeof rule.path === 'string') return rule.path === path;
	rule.path.lastIndex = 0;
	return rule.path.test(path);
}
