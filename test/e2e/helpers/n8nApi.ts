/**
 * Drives the real n8n that test/e2e/run.sh started, through the REST API its editor uses: log in (cookie),
 * run a saved workflow, read the execution n8n saved. Every execution read here also goes to the leak scan.
 */
import { readFileSync } from 'node:fs';
import { recordForLeakScan } from '../../setup/leakRecorder';

export interface E2eEnv {
	n8nUrl: string;
	emulatorUrl: string;
	email: string;
	password: string;
	n8nLog: string;
	n8nDir: string;
}

export function e2eEnv(): E2eEnv {
	const need = (name: string): string => {
		const value = process.env[name];
		if (!value) throw new Error(`${name} is not set: run the e2e suite through test/e2e/run.sh`);
		return value;
	};
	return {
		n8nUrl: need('E2E_N8N_URL'),
		emulatorUrl: need('E2E_EMULATOR_URL'),
		email: need('E2E_OWNER_EMAIL'),
		password: need('E2E_OWNER_PASSWORD'),
		n8nLog: need('E2E_N8N_LOG'),
		n8nDir: need('E2E_N8N_DIR'),
	};
}

/** n8n's item as saved in run data. */
export interface SavedItem {
	json: Record<string, any>;
	binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string; id?: string; data?: string; [key: string]: unknown }>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<SavedItem[] | null> };
}

export interface SavedExecution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	/** Raw JSON text n8n returned, for leak scans. */
	raw: string;
	runData: Record<string, NodeRun[]>;
	error?: { message?: string; description?: string; node?: { name?: string } };
	lastNodeExecuted?: string;
}

export class N8nApi {
	private cookie = '';
	private readonly browserId = 'e2e-suite';
	private flatted: { parse(text: string): any } | undefined;

	constructor(readonly env: E2eEnv = e2eEnv()) {}

	async login(): Promise<void> {
		const response = await fetch(`${this.env.n8nUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': this.browserId },
			body: JSON.stringify({ emailOrLdapLoginId: this.env.email, password: this.env.password }),
		});
		if (response.status !== 200) throw new Error(`login answered ${response.status}: ${await response.text()}`);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error('login set no n8n-auth cookie');
		this.cookie = cookie.split(';')[0];
	}

	/** REST call; returns the `data` of n8n's `{ data }` envelope, throws with the body on non-2xx. */
	async rest<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const { status, text } = await this.restRaw(method, path, body);
		if (status < 200 || status > 299) throw new Error(`${method} ${path} answered ${status}: ${text.slice(0, 2000)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	async restRaw(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
		if (!this.cookie) await this.login();
		const response = await fetch(`${this.env.n8nUrl}/rest${path}`, {
			method,
			headers: { cookie: this.cookie, 'browser-id': this.browserId, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		recordForLeakScan(`n8n REST ${method} ${path}`, text);
		return { status: response.status, text };
	}

	/** Runs a saved workflow from its trigger, like the editor's "Execute workflow" button, and waits for the saved execution. */
	/** `pollMs`: how often the execution is asked for; each answer costs the n8n process some CPU (benchmarks ask less often). */
	async runWorkflow(workflowId: string, triggerName: string, timeoutMs = 60_000, pollMs = 250): Promise<SavedExecution> {
		const started = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		if (!started.executionId) throw new Error(`workflow ${workflowId} did not start: ${JSON.stringify(started)}`);
		return await this.waitForExecution(started.executionId, timeoutMs, pollMs);
	}

	async waitForExecution(executionId: string, timeoutMs = 60_000, pollMs = 250): Promise<SavedExecution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const { status, text } = await this.restRaw('GET', `/executions/${executionId}`);
			if (status === 200) {
				const execution = JSON.parse(text).data;
				if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return this.decode(execution, text);
			} else if (status !== 404) {
				throw new Error(`GET /executions/${executionId} answered ${status}: ${text.slice(0, 2000)}`);
			}
			if (Date.now() > deadline) throw new Error(`execution ${executionId} did not finish within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, pollMs));
		}
	}

	/** IDs of a workflow's saved executions, newest first. */
	async executionIds(workflowId: string): Promise<string[]> {
		const list = await this.rest<{ results: Array<{ id: string }> }>('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`);
		return list.results.map((execution) => String(execution.id));
	}

	/** Waits for an execution of a workflow that is not in `known` (one a trigger started), until it finished. */
	async waitForNewExecution(workflowId: string, known: string[], timeoutMs = 30_000): Promise<SavedExecution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const fresh = (await this.executionIds(workflowId)).filter((id) => !known.includes(id));
			if (fresh.length) return await this.waitForExecution(fresh[fresh.length - 1], Math.max(1000, deadline - Date.now()));
			if (Date.now() > deadline) throw new Error(`no new execution of ${workflowId} within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** The newest execution of a workflow (e.g. one a webhook call started), once it has finished. */
	async latestExecution(workflowId: string, timeoutMs = 30_000): Promise<SavedExecution> {
		// A webhook may answer (Respond to Webhook) before n8n has saved the execution: wait for it to be listed.
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.rest<{ results: Array<{ id: string }> }>(
				'GET',
				`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=1`,
			);
			if (list.results.length) return await this.waitForExecution(list.results[0].id, timeoutMs);
			if (Date.now() > deadline) throw new Error(`workflow ${workflowId} has no executions after ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * Activates (publishes) a workflow and waits until its triggers are live: n8n 2.x publishes through an
	 * outbox that a background loop works off, so the activate call returns before webhooks are registered.
	 */
	async activate(workflowId: string, timeoutMs = 30_000): Promise<void> {
		const workflow = await this.rest<{ versionId: string; activeVersionId: string | null }>('GET', `/workflows/${workflowId}`);
		if (workflow.activeVersionId !== workflow.versionId) await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.rest<{ status: string; liveVersionId: string | null; pendingVersionId: string | null; triggers: Array<{ status: string; errorMessage?: string | null }> }>(
				'GET',
				`/workflows/${workflowId}/publication-status`,
			);
			const failed = status.triggers.filter((trigger) => trigger.errorMessage);
			if (failed.length) throw new Error(`activating ${workflowId} failed: ${failed.map((trigger) => trigger.errorMessage).join('; ')}`);
			if (status.liveVersionId === workflow.versionId && !status.pendingVersionId) return;
			if (Date.now() > deadline) throw new Error(`workflow ${workflowId} was not live after ${timeoutMs} ms: ${JSON.stringify(status)}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/** n8n's log so far (for leak scans and for failure messages). */
	log(): string {
		return readFileSync(this.env.n8nLog, 'utf8');
	}

	private decode(execution: any, raw: string): SavedExecution {
		const data = typeof execution.data === 'string' ? this.flattedParse(execution.data) : execution.data;
		return {
			id: String(execution.id),
			status: execution.status,
			finished: execution.finished,
			mode: execution.mode,
			raw,
			runData: data?.resultData?.runData ?? {},
			error: data?.resultData?.error,
			lastNodeExecuted: data?.resultData?.lastNodeExecuted,
		};
	}

	private flattedParse(text: string): any {
		// n8n stores run data as `flatted` text; use the copy n8n itself ships.
		this.flatted ??= require(require.resolve('flatted', { paths: [this.env.n8nDir] }));
		return this.flatted!.parse(text);
	}
}

/** Items a node put on its first output in its last run. */
export function outputOf(execution: SavedExecution, nodeName: string, outputIndex = 0): SavedItem[] {
	const runs = execution.runData[nodeName];
	if (!runs?.length) throw new Error(`node '${nodeName}' did not run; ran: ${Object.keys(execution.runData).join(', ')}${describeError(execution)}`);
	const run = runs[runs.length - 1];
	if (run.error) throw new Error(`node '${nodeName}' failed: ${run.error.message} ${run.error.description ?? ''}`);
	return run.data?.main?.[outputIndex] ?? [];
}

/** Fails with the node's error message (not just "error") when the execution did not succeed. */
export function expectSuccess(execution: SavedExecution): void {
	if (execution.status !== 'success') throw new Error(`execution ${execution.id} ended '${execution.status}'${describeError(execution)}`);
}

export function describeError(execution: SavedExecution): string {
	return execution.error ? ` (execution error in '${execution.error.node?.name ?? '?'}': ${execution.error.message} ${execution.error.description ?? ''})` : '';
}

export function pairedIndexes(items: SavedItem[]): number[] {
	return items.map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		return typeof paired === 'number' ? paired : (paired?.item ?? -1);
	});
}
