/**
 * Per-request SigV4 signing time with each SHA-256 implementation the signer can use:
 * @aws-crypto/sha256-js (pure JS, what the official SDK uses) and Node's crypto through @smithy/hash-node,
 * both inside @smithy/signature-v4, and the transport's default (nodes/transport/sigv4.ts: Node's crypto
 * directly, no smithy).
 * Prints JSON. Run: node -r ts-node/register/transpile-only scripts/bench/signing.ts
 */
import { Sha256 as JsSha256 } from '@aws-crypto/sha256-js';
import { Hash } from '@smithy/hash-node';
import { RequestSigner } from '../../nodes/transport/signer';

class NodeSha256 {
	private readonly hash: Hash;
	constructor(secret?: never) {
		this.hash = new Hash('sha256', secret);
	}
	update(data: Uint8Array | string) {
		this.hash.update(data);
	}
	digest() {
		return this.hash.digest();
	}
}

const identity = async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });

async function measure(name: string, sha: unknown, bodyBytes: number, rounds: number) {
	const signer = new RequestSigner('us-east-1', identity, sha as never);
	const body = JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: 'x'.repeat(bodyBytes) }] });
	const url = new URL('https://aws-external-anthropic.us-east-1.api.aws/v1/messages');
	const headers = { 'anthropic-version': '2026-10-21', 'anthropic-workspace-id': 'wrkspc_01', 'content-type': 'application/json' };
	for (let i = 0; i < 200; i++) await signer.sign({ method: 'POST', url, headers, body });
	const cpu0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	for (let i = 0; i < rounds; i++) await signer.sign({ method: 'POST', url, headers, body });
	const wallUs = Number(process.hrtime.bigint() - t0) / 1000 / rounds;
	const cpu = process.cpuUsage(cpu0);
	return { sha256: name, bodyBytes: body.length, rounds, wallMicrosPerRequest: +wallUs.toFixed(1), cpuMicrosPerRequest: +((cpu.user + cpu.system) / rounds).toFixed(1) };
}

(async () => {
	const results = [];
	for (const size of [1_000, 100_000, 1_000_000]) {
		const rounds = size >= 1_000_000 ? 100 : size >= 100_000 ? 1000 : 5000;
		results.push(await measure('@aws-crypto/sha256-js', JsSha256, size, rounds));
		results.push(await measure('@smithy/hash-node (node:crypto)', NodeSha256, size, rounds));
		results.push(await measure('transport default: sigv4.ts (node:crypto, no smithy)', undefined, size, rounds));
	}
	console.log(JSON.stringify({ node: process.version, results }, null, 2));
})();
