/**
 * Registers the production URL of every Claude on AWS Trigger in examples/ with the emulator's webhook
 * sender (what a user does in the Claude Console), signed with the secret the imported credential holds.
 * Usage (npm start): triggerWebhooks.ts <emulator url> <n8n url>
 */
import { TEST_WEBHOOK_SECRET } from '../emulator/fixtures';
import { readExamples } from './importFiles';

export interface TriggerEndpoint {
	workflowId: string;
	url: string;
	events: string[];
}

export function exampleTriggerEndpoints(n8nUrl: string): TriggerEndpoint[] {
	return readExamples().flatMap(({ workflow }) =>
		workflow.nodes
			.filter((node) => node.type === 'n8n-nodes-claude-aws.claudeAwsWebhookTrigger')
			.map((node) => ({
				workflowId: workflow.id,
				url: `${n8nUrl.replace(/\/+$/, '')}/webhook/${(node as { webhookId?: string }).webhookId}/webhook`,
				events: (node.parameters.events as string[] | undefined) ?? [],
			})),
	);
}

export async function registerTriggerEndpoint(emulatorUrl: string, endpoint: TriggerEndpoint): Promise<string> {
	const response = await fetch(`${emulatorUrl}/_emulator/webhooks`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url: endpoint.url, secret: TEST_WEBHOOK_SECRET, event_types: endpoint.events }),
	});
	if (!response.ok) throw new Error(`registering ${endpoint.url} answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { id: string }).id;
}

if (require.main === module) {
	const [emulatorUrl, n8nUrl] = process.argv.slice(2);
	(async () => {
		for (const endpoint of exampleTriggerEndpoints(n8nUrl)) await registerTriggerEndpoint(emulatorUrl, endpoint);
	})().catch((error) => {
		console.error(String(error));
		process.exit(1);
	});
}
