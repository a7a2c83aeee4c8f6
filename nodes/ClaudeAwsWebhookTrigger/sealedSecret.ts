/**
 * The signing secret the platform returns when the trigger registers itself is kept in the node's static
 * data, which n8n stores in its database with the workflow, unencrypted, and shows in workflow exports
 * and REST answers. So it is kept sealed (AES-256-GCM), never as text anyone can copy out of an export,
 * a screenshot or a log. The key is derived from the workflow, node and endpoint IDs: this masks the
 * secret, it does not protect it from someone who can read n8n's database and this code. Users who need
 * the secret encrypted at rest register the endpoint manually and keep the secret in the credential.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export interface SealScope {
	workflowId: string;
	nodeId: string;
	endpointId: string;
}

function keyFor(scope: SealScope): Buffer {
	return createHash('sha256').update(`n8n-nodes-claude-aws webhook signing secret\u0000${scope.workflowId}\u0000${scope.nodeId}\u0000${scope.endpointId}`).digest();
}

export function sealSecret(secret: string, scope: SealScope): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyFor(scope), iv);
	const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
}

/** The secret, or undefined when the value was not sealed for this scope (copied workflow, edited data). */
export function unsealSecret(value: unknown, scope: SealScope): string | undefined {
	if (typeof value !== 'string') return undefined;
	const [version, iv, tag, sealed] = value.split(':');
	if (version !== VERSION || !iv || !tag || sealed === undefined) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', keyFor(scope), Buffer.from(iv, 'base64'));
		decipher.setAuthTag(Buffer.from(tag, 'base64'));
		return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}
