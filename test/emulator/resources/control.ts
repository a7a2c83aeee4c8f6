/**
 * Control routes for a test driving the emulator from another process (the real-n8n e2e suite):
 * GET/DELETE /_emulator/received, POST/DELETE /_emulator/faults, POST /_emulator/rate-limit and /latency. No auth, and only under /_emulator/,
 * which no gateway path uses. The requests list leaves out control calls and credential headers.
 */
import type { Emulator, Fault, FaultRule, RouteContext, Router } from '../types';
import { badRequest, requireObjectBody } from './managedAgentsShared';

const noAuth = { noAuth: true };
/** Headers that carry a credential (the bearer key, the STS session token); never echoed back. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'x-api-key']);

function visibleRequests(emulator: Emulator) {
	return emulator.received
		.filter((request) => !request.path.startsWith('/_emulator/'))
		.map((request) => ({
			...request,
			headers: Object.fromEntries(
				Object.entries(request.headers).map(([name, value]) => [name, SECRET_HEADERS.has(name) ? '[redacted]' : value]),
			),
		}));
}

function faultRuleFrom(body: Record<string, unknown>): FaultRule {
	const fault = body.fault as Fault | undefined;
	if (!fault || typeof fault !== 'object' || typeof fault.type !== 'string') throw badRequest('fault.type is required.');
	let path: string | RegExp | undefined;
	if (typeof body.path === 'string') path = body.path;
	else if (typeof body.path_regex === 'string') path = new RegExp(body.path_regex);
	// A rule without a path would also hit these control routes and lock the test out.
	if (path === undefined) throw badRequest('path or path_regex is required.');
	const times = body.times === undefined ? 1 : Number(body.times);
	if (!Number.isInteger(times) || times < 1) throw badRequest('times must be a positive integer.');
	return { method: typeof body.method === 'string' ? body.method : undefined, path, times, fault };
}

export function register(router: Router, emulator: Emulator): void {
	router.add('GET', '/_emulator/received', (ctx: RouteContext) => ctx.send(200, { data: visibleRequests(emulator) }), noAuth);
	router.add(
		'DELETE',
		'/_emulator/received',
		(ctx: RouteContext) => {
			emulator.clearReceived();
			ctx.send(200, { cleared: true });
		},
		noAuth,
	);
	// A benchmark in another process changes the limits and latency between its runs, on the same emulator.
	router.add(
		'POST',
		'/_emulator/rate-limit',
		(ctx: RouteContext) => {
			const body = ctx.json() as Record<string, unknown> | null;
			emulator.setRateLimit(body && Object.keys(body).length ? (body as never) : null);
			ctx.send(200, { rateLimit: body });
		},
		noAuth,
	);
	router.add(
		'POST',
		'/_emulator/latency',
		(ctx: RouteContext) => {
			emulator.setLatency(Number((requireObjectBody(ctx.json()) as { ms?: unknown }).ms) || 0);
			ctx.send(200, { latencyMs: emulator.options.latencyMs });
		},
		noAuth,
	);
	router.add(
		'POST',
		'/_emulator/faults',
		(ctx: RouteContext) => {
			emulator.faults.inject(faultRuleFrom(requireObjectBody(ctx.json())));
			ctx.send(200, { injected: true });
		},
		noAuth,
	);
	router.add(
		'DELETE',
		'/_emulator/faults',
		(ctx: RouteContext) => {
			emulator.faults.clear();
			ctx.send(200, { cleared: true });
		},
		noAuth,
	);
}
