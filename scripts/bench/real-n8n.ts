/**
 * Inside a real n8n, side by side, the same items and the same 200 ms emulator latency: n8n's own Anthropic
 * node (first-party x-api-key, its Base URL at the emulator), n8n's HTTP Request node with n8n's built-in AWS
 * credential and hand-typed headers, and our Messages node with default settings. Then our node under the
 * gateway's rate limits: 20 requests/s with and without the anthropic-ratelimit-* headers, and an output
 * tokens-per-minute limit. Started by real-n8n.sh (one n8n, one emulator, one run); talks to n8n's REST API.
 * The node's own time is n8n's executionTime of that node; what n8n adds is the execution's time around it.
 */
import { numberArg } from './lib/args';
import { api, benchCredentials, BURST, control, DEFAULT_CONCURRENCY, freshCredential, LATENCY_MS, RATE, runOnce, type Run, type Variant } from './lib/realN8nRuns';
import { emit, round, type BenchRow } from './lib/report';

(async () => {
	const items = numberArg('items', 1000);
	await api.login();
	const creds = await benchCredentials();
	const runs: Run[] = [];
	// REAL_N8N_RUNS=tpm (or rps, side): only those runs, raw figures only (for looking into one of them).
	const onlyRuns = process.env.REAL_N8N_RUNS?.split(',');
	if (onlyRuns) {
		const fresh = (name: string) => freshCredential(creds, name);
		if (onlyRuns.includes('tpm')) {
			await control('rate-limit', { outputTokensPerMinute: 6000 });
			runs.push(await runOnce('ours 300, tpm', 'ours', 300, await fresh('tpm')));
			await control('rate-limit', {});
			runs.push(await runOnce('ours 300, no limit', 'ours', 300, await fresh('none')));
		}
		emit({ bench: 'real n8n (selected runs)', rows: [], details: { runs } });
		process.exit(0);
	}
	// Warm-up: n8n loads each node type and JIT-compiles on first use.
	for (const variant of ['ours', 'httpRequest', 'anthropic'] as Variant[]) await runOnce(`warm-up ${variant}`, variant, 3, creds);
	for (const variant of ['anthropic', 'httpRequest', 'ours'] as Variant[]) runs.push(await runOnce(`${variant} 100`, variant, 100, creds));
	runs.push(await runOnce(`ours ${items}`, 'ours', items, creds));
	runs.push(await runOnce(`httpRequest ${items}`, 'httpRequest', items, creds));

	// Each limit meets a credential of its own: the pacer of a credential remembers what its gateway said for a minute.
	// ... and a full bucket at the gateway (20 at 20/s: refilled within a second).
	const fresh = async (name: string) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		return freshCredential(creds, name);
	};
	await control('rate-limit', { perSecond: RATE, burst: BURST });
	runs.push(await runOnce(`ours ${items}, ${RATE} req/s, headers`, 'ours', items, await fresh('rps headers')));
	await control('rate-limit', { perSecond: RATE, burst: BURST, headers: false });
	runs.push(await runOnce(`ours ${items}, ${RATE} req/s, no headers`, 'ours', items, await fresh('rps no headers')));
	const tpmItems = Math.min(items, 300);
	const otpm = 6000;
	await control('rate-limit', { outputTokensPerMinute: otpm });
	runs.push(await runOnce(`ours ${tpmItems}, ${otpm} output tokens/min, headers`, 'ours', tpmItems, await fresh('tpm')));
	await control('rate-limit', {});

	const rows: BenchRow[] = [];
	const by = (label: string) => runs.find((r) => r.label === label)!;
	const ours100 = by('ours 100');
	const ideal100 = (LATENCY_MS * 100) / DEFAULT_CONCURRENCY;
	for (const variant of ['anthropic', 'httpRequest', 'ours'] as Variant[]) {
		const r = by(`${variant} 100`);
		const name = { anthropic: "n8n's Anthropic node", httpRequest: "n8n's HTTP Request node + AWS credential", ours: 'our Messages node (defaults)', editFields: "n8n's Edit Fields node" }[variant];
		rows.push({
			metric: `100 items, ${name}: node time`,
			value: round(r.nodeMs / 1000),
			unit: 's',
			...(variant === 'ours' ? { goal: '≤ 1 s', pass: r.nodeMs <= 1000 && r.failures === 0 } : {}),
			note: `${r.failures} failures; execution ${round(r.executionMs / 1000)} s; ${round(r.nodeMs / ours100.nodeMs, 2)}× ours, ${round(r.nodeMs / ideal100, 2)}× the ideal (${round(ideal100 / 1000, 3)} s)`,
		});
	}
	const anthropic100 = by('anthropic 100');
	const http100 = by('httpRequest 100');
	rows.push({ metric: "100 items: speed-up over n8n's Anthropic node", value: round(anthropic100.nodeMs / ours100.nodeMs, 1), unit: '×', goal: '≥ 20×', pass: anthropic100.nodeMs / ours100.nodeMs >= 20 });
	rows.push({ metric: '100 items: ours / HTTP Request path', value: round(ours100.nodeMs / http100.nodeMs, 2), unit: '×', goal: '≤ 1.00×', pass: ours100.nodeMs <= http100.nodeMs });
	const big = by(`ours ${items}`);
	const bigIdeal = (LATENCY_MS * items) / DEFAULT_CONCURRENCY;
	rows.push({ metric: `${items} items, our node at defaults: node time / ideal (${round(bigIdeal / 1000, 3)} s)`, value: round(big.nodeMs / bigIdeal), unit: '×', goal: '≤ 1.5×', pass: big.nodeMs <= 1.5 * bigIdeal && big.failures === 0, note: `${round(big.nodeMs / 1000)} s, ${big.failures} failures` });
	rows.push({ metric: `${items} items: what n8n adds per item (execution − node time) / items`, value: round((big.executionMs - big.nodeMs) / items, 2), unit: 'ms', note: `execution ${round(big.executionMs / 1000)} s (Code node making the items, saving the run)` });
	const bigHttp = by(`httpRequest ${items}`);
	rows.push({ metric: `${items} items, HTTP Request node + AWS credential: node time`, value: round(bigHttp.nodeMs / 1000), unit: 's', note: `${bigHttp.failures} failures; ours ${round(big.nodeMs / bigHttp.nodeMs, 2)}× that` });
	const rlIdeal = ((items - BURST) / RATE) * 1000;
	const withHeaders = by(`ours ${items}, ${RATE} req/s, headers`);
	const share = (withHeaders.answered429 ?? 0) / Math.max(1, withHeaders.requests ?? 0);
	rows.push({ metric: `${items} items at ${RATE} req/s with headers: requests answered 429`, value: round(share * 100, 1), unit: '%', goal: '≤ 5 %', pass: share <= 0.05, note: `${withHeaders.answered429} of ${withHeaders.requests}, ${withHeaders.after429} after the first answer` });
	rows.push({ metric: `${items} items at ${RATE} req/s with headers: wall / ideal (${rlIdeal / 1000} s)`, value: round(withHeaders.nodeMs / rlIdeal), unit: '×', goal: '≤ 1.1×, 0 lost', pass: withHeaders.nodeMs <= 1.1 * rlIdeal && withHeaders.failures === 0, note: `${round(withHeaders.nodeMs / 1000, 1)} s, ${withHeaders.failures} lost` });
	const without = by(`ours ${items}, ${RATE} req/s, no headers`);
	rows.push({ metric: `${items} items at ${RATE} req/s without headers: wall / ideal`, value: round(without.nodeMs / rlIdeal), unit: '×', goal: '≤ 1.2×, 0 lost', pass: without.nodeMs <= 1.2 * rlIdeal && without.failures === 0, note: `${round(without.nodeMs / 1000, 1)} s, ${without.failures} lost, ${without.answered429} × 429 of ${without.requests}` });
	const tpm = by(`ours ${tpmItems}, ${otpm} output tokens/min, headers`);
	rows.push({ metric: `${tpmItems} items at ${otpm} output tokens/min with headers: 429 after the first answer`, value: tpm.after429 ?? NaN, goal: '0', pass: tpm.after429 === 0 && tpm.failures === 0, note: `${tpm.answered429} × 429 in all (the blind first burst), ${tpm.failures} lost, ${round(tpm.nodeMs / 1000, 1)} s` });
	emit({
		bench: 'Inside a real n8n 2.40.7: side by side, and under rate limits',
		rows,
		details: { latencyMs: LATENCY_MS, runs },
		notes: [
			'One n8n process (n8n start, the packed package installed as a community package), one emulator in its own process with 200 ms latency, workflows Manual Trigger → Code (the items) → the node, run over n8n\'s REST API. Node time is n8n\'s executionTime of that node.',
			`Ideal: latency × items / ${DEFAULT_CONCURRENCY} (our default concurrency); under a rate limit (items − burst) / rate.`,
		],
	});
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
