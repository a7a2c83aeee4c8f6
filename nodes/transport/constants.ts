/** Wire constants of Claude Platform on AWS (checked against @anthropic-ai/sdk 1.14 / @anthropic-ai/aws-sdk 1.1). */
export const API_VERSION = '2026-10-21';
export const SIGNING_SERVICE = 'aws-external-anthropic';
export const MANAGED_AGENTS_BETA = 'managed-agents-2026-04-01';
export const PACKAGE_NAME = 'n8n-nodes-claude-aws';
// Kept in step with package.json by test/transport/constants.test.ts; reading package.json at run time
// would cost a file read on every n8n start-up for a header.
export const PACKAGE_VERSION = '0.1.0';
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;

export const DEFAULT_MAX_RETRIES = 2;
/** The official SDK waits up to 10 minutes for a response; n8n items should fail sooner than that. */
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
