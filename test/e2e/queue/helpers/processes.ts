/**
 * What the queue-mode processes wrote (run-queue-mode.sh starts them with N8N_LOG_FORMAT=json): which
 * worker ran which execution, from each worker's own log and from the main process's record of the
 * `job-finished` message (its `workerId`).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface LogLine {
	message?: string;
	metadata?: Record<string, unknown>;
}

function jsonLines(file: string): LogLine[] {
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => {
			try {
				return JSON.parse(line) as LogLine;
			} catch {
				return {};
			}
		});
}

export function workerLogFiles(): string[] {
	const files = (process.env.E2E_QUEUE_WORKER_LOGS ?? '').split(':').filter(Boolean);
	if (files.length === 0) throw new Error('E2E_QUEUE_WORKER_LOGS is not set: run this suite through test/e2e/queue/run-queue-mode.sh');
	return files;
}

/** Execution ID ⇒ the worker log files that say "Worker started execution <id>" (one each, or it ran twice). */
export function startsByWorker(): Map<string, string[]> {
	const starts = new Map<string, string[]>();
	for (const file of workerLogFiles()) {
		for (const line of jsonLines(file)) {
			const match = /^Worker started execution (\S+) \(job /.exec(line.message ?? '');
			if (!match) continue;
			starts.set(match[1], [...(starts.get(match[1]) ?? []), basename(file, '.log')]);
		}
	}
	return starts;
}

/** Execution ID ⇒ worker ID, as the main process logged the job's `job-finished` message. */
export function finishedOnWorker(mainLog: string): Map<string, string> {
	const finished = new Map<string, string>();
	for (const line of jsonLines(mainLog)) {
		const match = /^Execution (\S+) \(job \S+\) finished$/.exec(line.message ?? '');
		if (match && typeof line.metadata?.workerId === 'string') finished.set(match[1], line.metadata.workerId);
	}
	return finished;
}

export function allLogTexts(mainLog: string): Array<{ file: string; text: string }> {
	return [mainLog, ...workerLogFiles()].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}
