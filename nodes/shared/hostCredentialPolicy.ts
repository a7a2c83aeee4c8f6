/**
 * Whether this n8n host lets workflows use its own AWS identity. On a shared n8n any user could borrow
 * the host's IAM role, so it is off unless the admin opts in, with n8n's own variables (the same ones
 * that gate n8n's built-in AWS credential), so one policy covers both.
 */
import { ClaudeConfigError } from '../transport/errors';

export const HOST_CREDENTIALS_ENABLED_ENV = 'N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED';
export const HOST_CREDENTIALS_SOURCES_ENV = 'N8N_AWS_SYSTEM_CREDENTIALS_SDK_SOURCES';
const KNOWN_SOURCES = ['environment', 'roleForServiceAccount', 'podIdentity', 'containerMetadata', 'instanceMetadata'];

export function allowedHostCredentialSources(env: NodeJS.ProcessEnv = process.env): 'all' | string[] {
	if ((env[HOST_CREDENTIALS_ENABLED_ENV] ?? '').toLowerCase() !== 'true') {
		throw new ClaudeConfigError(
			'Authentication',
			"This n8n host does not allow workflows to use its own AWS identity.",
			`An n8n admin can allow it by setting ${HOST_CREDENTIALS_ENABLED_ENV}=true on the n8n host (and optionally ${HOST_CREDENTIALS_SOURCES_ENV} to limit the sources). Or use AWS access keys or a short-term API key in this credential.`,
		);
	}
	const raw = (env[HOST_CREDENTIALS_SOURCES_ENV] ?? 'all').trim();
	if (raw === '' || raw.toLowerCase() === 'all') return 'all';
	if (raw.toLowerCase() === 'none') {
		throw new ClaudeConfigError('Authentication', `${HOST_CREDENTIALS_SOURCES_ENV}=none: this n8n host allows no AWS identity source.`, `Set ${HOST_CREDENTIALS_SOURCES_ENV} to all or a list of: ${KNOWN_SOURCES.join(', ')}.`);
	}
	const sources = raw.split(',').map((s) => s.trim()).filter(Boolean);
	const unknown = sources.filter((s) => !KNOWN_SOURCES.includes(s));
	if (unknown.length) {
		throw new ClaudeConfigError('Authentication', `${HOST_CREDENTIALS_SOURCES_ENV} names unknown sources: ${unknown.join(', ')}.`, `Known sources: ${KNOWN_SOURCES.join(', ')}.`);
	}
	return sources;
}
