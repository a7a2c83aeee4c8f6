/**
 * Memory benchmark of the Files node (not a test): uploads a 1 GiB file through the node, run by n8n-core's
 * real engine with binary data in filesystem mode, then downloads it back, and reports the peak RSS growth
 * of this process for each (goal: at most 64 MiB each). The emulator runs in a child process so its own
 * memory does not count.
 *
 *   node -r ts-node/register/transpile-only --expose-gc scripts/bench/files-memory.ts [--mib 1024] [--random] [--no-verify]
 *
 * Prints one JSON object. The API refuses files over 500 MB; the benchmark lifts that limit in the node
 * and in the emulator, because the point is that the size of a file does not become memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, createWriteStream, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { IBinaryData } from 'n8n-workflow';

const EMULATOR_CHILD_FLAG = '--emulator-child';
const GOAL_MIB = 64;
const SAMPLE_MS = 50;

function argValue(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Child process: the emulator with its file limit lifted; prints its URL as one JSON line. */
async function emulatorChild(): Promise<void> {
	const { startEmulator } = await import('../../test/emulator/server');
	const emulator = await startEmulator({ quiet: true });
	(emulator.state.files as { maxBytes: number }).maxBytes = Number.MAX_SAFE_INTEGER;
	process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
	const stop = async () => {
		await emulator.close();
		process.exit(0);
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	// Also stop when the parent goes away without a signal.
	process.stdin.resume();
	process.stdin.once('end', stop);
}

async function startEmulatorChild(): Promise<{ url: string; child: ChildProcess }> {
	const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, EMULATOR_CHILD_FLAG], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const lines = createInterface({ input: child.stdout! });
	const [line] = (await once(lines, 'line')) as [string];
	lines.close();
	return { url: JSON.parse(line).url, child };
}

interface Measured<T> {
	result: T;
	/** Peak RSS minus the RSS just before the run: the goal's number. */
	peakGrowthMiB: number;
	baselineMiB: number;
	baselineBytes: number;
	peakMiB: number;
	/** Peak RSS minus `startRss` (the RSS before the first measured phase): stricter, as one phase's freed memory can hide the next one's. */
	peakAboveStartMiB: number;
	/** Peak growth of memory held in Buffers/ArrayBuffers: where file bytes would show if something buffered them. */
	peakArrayBuffersGrowthMiB: number;
	seconds: number;
}

/** Samples this process's memory every 50 ms while `work` runs. */
async function measure<T>(work: () => Promise<T>, startRss?: number): Promise<Measured<T>> {
	(globalThis as { gc?: () => void }).gc?.();
	const before = process.memoryUsage();
	const start = startRss ?? before.rss;
	let peak = before.rss;
	let peakArrayBuffers = before.arrayBuffers;
	const sample = () => {
		const now = process.memoryUsage();
		peak = Math.max(peak, now.rss);
		peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
	};
	const timer = setInterval(sample, SAMPLE_MS);
	const started = process.hrtime.bigint();
	try {
		const result = await work();
		sample();
		return {
			result,
			peakGrowthMiB: mib(peak - before.rss),
			baselineMiB: mib(before.rss),
			baselineBytes: before.rss,
			peakMiB: mib(peak),
			peakAboveStartMiB: mib(peak - start),
			peakArrayBuffersGrowthMiB: mib(peakArrayBuffers - before.arrayBuffers),
			seconds: round(Number(process.hrtime.bigint() - started) / 1e9),
		};
	} finally {
		clearInterval(timer);
	}
}

function summary(m: Measured<unknown>, sizeMiB: number) {
	return {
		peakRssGrowthMiB: m.peakGrowthMiB,
		baselineRssMiB: m.baselineMiB,
		peakRssMiB: m.peakMiB,
		peakRssAboveUploadStartMiB: m.peakAboveStartMiB,
		peakArrayBuffersGrowthMiB: m.peakArrayBuffersGrowthMiB,
		seconds: m.seconds,
		mibPerSecond: round(sizeMiB / m.seconds),
	};
}

const mib = (bytes: number) => round(bytes / 1024 / 1024);
const round = (value: number) => Math.round(value * 10) / 10;

async function sha256Of(stream: NodeJS.ReadableStream): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of stream) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

async function writeRandomFile(file: string, bytes: number): Promise<void> {
	const out = createWriteStream(file);
	const block = 4 * 1024 * 1024;
	for (let written = 0; written < bytes; written += block) {
		if (!out.write(randomBytes(Math.min(block, bytes - written)))) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}

async function main(): Promise<void> {
	const sizeMiB = Number(argValue('mib') ?? 1024);
	const fileBytes = sizeMiB * 1024 * 1024;
	const verify = !process.argv.includes('--no-verify');
	const dir = mkdtempSync(path.join(tmpdir(), 'files-memory-bench-'));
	const { url, child } = await startEmulatorChild();
	try {
		// Loaded after the child started; the harness sets up n8n-core's services on first use.
		const { runNode, getEngine, cleanupEngine } = await import('../../test/helpers/runNode');
		// By file name: a bare "ClaudeAwsFiles.node" would resolve to the codex file ClaudeAwsFiles.node.json
		// before ts-node's .ts extension is tried.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { ClaudeAwsFiles } = require(path.join(__dirname, '../../nodes/ClaudeAwsFiles/ClaudeAwsFiles.node.ts')) as typeof import('../../nodes/ClaudeAwsFiles/ClaudeAwsFiles.node');
		const { ClaudePlatformAwsApi } = await import('../../credentials/ClaudePlatformAwsApi.credentials');
		const { accessKeyCredentials } = await import('../../test/helpers/credentials');
		const { uploadLimits } = await import('../../nodes/ClaudeAwsFiles/helpers/constants');
		uploadLimits.maxBytes = Number.MAX_SAFE_INTEGER;

		const run = (parameters: Record<string, unknown>, input?: Array<{ json: {}; binary?: Record<string, IBinaryData> }>) =>
			runNode({
				node: ClaudeAwsFiles,
				parameters: { resource: 'file', ...parameters } as never,
				credentials: { claudePlatformAwsApi: accessKeyCredentials({ url }) },
				credentialTypes: [ClaudePlatformAwsApi],
				binaryMode: 'filesystem',
				input,
			});
		const { binaryDataService } = await getEngine();
		const store = async (file: string, fileName: string) =>
			binaryDataService.store({ type: 'execution', workflowId: 'bench', executionId: 'input' }, createReadStream(file), {
				data: '',
				mimeType: 'application/pdf',
				fileName,
			});
		const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
		const check = (result: Awaited<ReturnType<typeof run>>, what: string) => {
			if (result.error) throw new Error(`${what} failed: ${result.error.message}`);
			return result;
		};

		// Warm-up with a small file, so module loading and first-use set-up are not counted.
		const small = path.join(dir, 'small.pdf');
		writeFileSync(small, randomBytes(64 * 1024));
		const warm = check(await run({ operation: 'upload' }, [{ json: {}, binary: { data: await store(small, 'small.pdf') } }]), 'warm-up upload');
		check(await run({ operation: 'download', fileId: byId(String(warm.json[0].id)) }), 'warm-up download');

		const big = path.join(dir, 'big.pdf');
		if (process.argv.includes('--random')) await writeRandomFile(big, fileBytes);
		else {
			writeFileSync(big, '');
			truncateSync(big, fileBytes); // sparse: the disk holds no blocks, reads return zeros
		}
		// Put into n8n's binary data store as a Read File node would have, but copied by the kernel: streaming
		// 1 GiB through this process first would raise its RSS high-water mark and hide the upload's growth.
		const input = await binaryDataService.store({ type: 'execution', workflowId: 'bench', executionId: 'input' }, Buffer.from('x'), {
			data: '',
			mimeType: 'application/pdf',
			fileName: 'big.pdf',
		});
		copyFileSync(big, binaryDataService.getPath(input.id!));
		input.bytes = fileBytes;
		input.fileSize = `${sizeMiB} MiB`;

		const upload = await measure(async () => check(await run({ operation: 'upload' }, [{ json: {}, binary: { data: input } }]), 'upload'));
		const meta = upload.result.json[0];
		if (meta.size_bytes !== fileBytes) throw new Error(`uploaded ${String(meta.size_bytes)} bytes, expected ${fileBytes}`);

		const startRss = upload.baselineBytes;
		const download = await measure(async () => check(await run({ operation: 'download', fileId: byId(String(meta.id)) }), 'download'), startRss);
		const output = download.result.items[0][0].binary!.data;

		let identical: boolean | undefined;
		if (verify) {
			const [before, after] = await Promise.all([sha256Of(createReadStream(big)), sha256Of(await binaryDataService.getAsStream(output.id!))]);
			identical = before === after;
		}
		const report = {
			fileMiB: sizeMiB,
			content: process.argv.includes('--random') ? 'random' : 'sparse (zeros)',
			binaryMode: 'filesystem',
			goalMiB: GOAL_MIB,
			upload: summary(upload, sizeMiB),
			download: { ...summary(download, sizeMiB), storedAs: output.id ? 'n8n binary data store (filesystem)' : 'inline' },
			roundTripIdentical: identical,
			withinGoal: upload.peakAboveStartMiB <= GOAL_MIB && download.peakAboveStartMiB <= GOAL_MIB,
		};
		console.log(JSON.stringify(report, null, 2));
		cleanupEngine();
	} finally {
		child.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv.includes(EMULATOR_CHILD_FLAG)) {
	emulatorChild().catch((error) => {
		console.error(error);
		process.exit(1);
	});
} else {
	main().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
