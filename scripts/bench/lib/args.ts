/** `--name <n>` / `--name=<n>` command-line numbers for the benchmark scripts. */
export function numberArg(name: string, fallback: number): number {
	const args = process.argv.slice(2);
	const index = args.indexOf(`--${name}`);
	const raw = index >= 0 ? args[index + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got '${raw}'`);
	return value;
}

export function hasFlag(name: string): boolean {
	return process.argv.includes(`--${name}`);
}
