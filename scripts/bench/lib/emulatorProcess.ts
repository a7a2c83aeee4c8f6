/**
 * The emulator in its own process, so its CPU time never counts against the client being measured.
 * Started through the `npm run emulator` entry (test/emulator/cli.ts) on a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface EmulatorProcess {
	url: string;
	close(): Promise<void>;
}

export interface EmulatorProcessOptions {
	latencyMs?: number;
	/** Gateway-wide requests per second (token bucket); 429 with retry-after above it. */
	rateLimit?: number;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

export function startEmulatorProcess(options: EmulatorProcessOptions = {}): Promise<EmulatorProcess> {
	const args = ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'test/emulator/cli.ts'), '--port', '0', '--quiet'];
	if (options.latencyMs) args.push('--latency', String(options.latencyMs));
	if (options.rateLimit) args.push('--rate-limit', String(options.rateLimit));
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		const timer = setTimeout(() => fail(new Error('the emulator did not start within 30 s')), 30_000);
		const fail = (error: Error) => {
			clearTimeout(timer);
			child.kill();
			reject(new Error(`${error.message}\n${err.trim()}`));
		};
		child.stderr!.on('data', (chunk) => (err += chunk));
		child.once('exit', (code) => fail(new Error(`the emulator exited with code ${code}`)));
		child.stdout!.on('data', (chunk) => {
			out += chunk;
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (!match) return;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			child.stdout!.removeAllListeners('data');
			child.stdout!.resume();
			resolve({ url: match[1], close: () => stop(child) });
		});
	});
}

function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}
