/**
 * Stops and restarts n8n's main process of the queue-mode run (run-queue-mode.sh writes its PID to
 * <run dir>/main.pid; so does this file, so the script's clean-up stops whichever main is running).
 * The new main gets the environment the script gave this test process, which holds the queue-mode
 * settings, and the same HTTP port, so webhook URLs and the REST cookie stay valid.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { e2eEnv } from '../../helpers/n8nApi';

const pidFile = () => join(process.env.E2E_RUN_DIR ?? '', 'main.pid');

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export async function stopMain(timeoutMs = 60_000): Promise<void> {
	const pid = Number(readFileSync(pidFile(), 'utf8').trim());
	if (!pid || !alive(pid)) return;
	process.kill(pid, 'SIGTERM');
	const deadline = Date.now() + timeoutMs;
	while (alive(pid)) {
		if (Date.now() > deadline) throw new Error(`n8n main (pid ${pid}) did not stop within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

async function waitHttp(url: string, timeoutMs: number, ready: (status: number) => boolean = (status) => status >= 200 && status < 300): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			if (ready((await fetch(url)).status)) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Starts a main process like queue_start_main does and waits until its REST API answers. */
export async function startMain(timeoutMs = 180_000): Promise<void> {
	const env = e2eEnv();
	const port = new URL(env.n8nUrl).port;
	const log = openSync(env.n8nLog, 'a');
	// Jest's NODE_ENV=test would switch n8n into its own test behaviour.
	const { NODE_ENV: _nodeEnv, JEST_WORKER_ID: _jestWorker, ...inherited } = process.env;
	const child = spawn(join(env.n8nDir, 'node_modules', '.bin', 'n8n'), ['start'], {
		env: {
			...inherited,
			N8N_PORT: port,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			WEBHOOK_URL: `${env.n8nUrl}/`,
			N8N_EVENTBUS_LOGWRITER_LOGFULLPATH: join(process.env.E2E_RUN_DIR ?? '', 'events-main.log'),
		},
		stdio: ['ignore', log, log],
	});
	closeSync(log);
	writeFileSync(pidFile(), String(child.pid));
	child.unref();
	await waitHttp(`${env.n8nUrl}/healthz`, timeoutMs);
	await waitHttp(`${env.n8nUrl}/rest/settings`, timeoutMs);
	// /rest/settings answers a moment before the auth routes exist (a login then gets 404 or no cookie);
	// GET /rest/login answers 401 to a caller without a session once they do. Not a login attempt:
	// n8n allows 5 logins per minute per user.
	await waitHttp(`${env.n8nUrl}/rest/login`, timeoutMs, (status) => status === 401);
}
