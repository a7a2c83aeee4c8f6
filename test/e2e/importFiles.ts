/**
 * Writes what `n8n import:credentials` and `n8n import:workflow --separate` read for one run:
 * - credentials.json: the ready credential (type claudePlatformAwsApi) pointing at the emulator, with AWS's
 *   documented example keys and the emulator's webhook secret (they only work there); n8n encrypts `data`.
 * - workflows/*.json: every examples/*.json, with the regional gateway origin in HTTP Request URLs pointed at
 *   the emulator (that URL is the only thing a user edits too: the credential's Base URL does not move an
 *   absolute URL).
 * Usage: importFiles.ts <emulator url> <out dir>
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WEBHOOK_SECRET, TEST_WORKSPACE_ID } from '../emulator/fixtures';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
export const CREDENTIAL_ID = 'claudeAwsEmu0001';
export const CREDENTIAL_NAME = 'Claude Platform on AWS (emulator)';
const GATEWAY_ORIGIN = /https:\/\/aws-external-anthropic\.[a-z0-9-]+\.api\.aws/g;

export function emulatorCredentialData(baseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
	return {
		authentication: 'accessKeys',
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		accessKeyId: TEST_ACCESS_KEY_ID,
		secretAccessKey: TEST_SECRET_ACCESS_KEY,
		baseUrl,
		// The secret the emulator signs its webhooks with (for the Claude on AWS Trigger).
		webhookSecret: TEST_WEBHOOK_SECRET,
		...overrides,
	};
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export function readExamples(): Array<{ file: string; workflow: ExampleWorkflow }> {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow }));
}

export function pointAtEmulator(workflow: ExampleWorkflow, emulatorUrl: string): ExampleWorkflow {
	return JSON.parse(JSON.stringify(workflow).replace(GATEWAY_ORIGIN, emulatorUrl.replace(/\/+$/, ''))) as ExampleWorkflow;
}

if (require.main === module) {
	const [emulatorUrl, outDir] = process.argv.slice(2);
	if (!emulatorUrl || !outDir) {
		console.error('usage: importFiles.ts <emulator url> <out dir>');
		process.exit(2);
	}
	mkdirSync(join(outDir, 'workflows'), { recursive: true });
	const credential = { id: CREDENTIAL_ID, name: CREDENTIAL_NAME, type: 'claudePlatformAwsApi', data: emulatorCredentialData(emulatorUrl) };
	writeFileSync(join(outDir, 'credentials.json'), JSON.stringify([credential], null, '\t'));
	for (const { file, workflow } of readExamples()) {
		writeFileSync(join(outDir, 'workflows', file), JSON.stringify(pointAtEmulator(workflow, emulatorUrl), null, '\t'));
	}
}
