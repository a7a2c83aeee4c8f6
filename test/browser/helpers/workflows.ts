/**
 * Workflows the specs open in the editor, saved through n8n's REST API (what importing a workflow JSON does),
 * wired to the ready credential run.sh imported.
 */
import { randomUUID } from 'node:crypto';
import { N8nApi } from '../../e2e/helpers/n8nApi';
import { CREDENTIAL_ID, CREDENTIAL_NAME, emulatorCredentialData } from '../../e2e/importFiles';

export const PACKAGE = 'n8n-nodes-claude-aws';
export const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface NodeSpec {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	typeVersion?: number;
	/** true: the ready credential run.sh imported; or another one createCredential() made. */
	credential?: boolean | CredentialRef;
	position?: [number, number];
	/** Other node fields, e.g. webhookId. */
	extra?: Record<string, unknown>;
}

let api: N8nApi | undefined;
export function n8nApi(): N8nApi {
	api ??= new N8nApi();
	return api;
}

export function manualTrigger(): NodeSpec {
	return { name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger' };
}

export function ourNode(name: string, shortType: string, parameters: Record<string, unknown> = {}): NodeSpec {
	return { name, type: `${PACKAGE}.${shortType}`, parameters, credential: true };
}

/**
 * Saves a workflow; `main` chains nodes by name on their first main output, `ai` connects a sub-node to its
 * parent as [sub-node, parent, connection type].
 */
export async function saveWorkflow(
	name: string,
	nodes: NodeSpec[],
	main: Array<[from: string, to: string]> = [],
	ai: Array<[sub: string, parent: string, type: string]> = [],
): Promise<string> {
	const connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>> = {};
	for (const [from, to] of main) (connections[from] ??= {}).main = [[...(connections[from]?.main?.[0] ?? []), { node: to, type: 'main', index: 0 }]];
	for (const [sub, parent, type] of ai) (connections[sub] ??= {})[type] = [[{ node: parent, type, index: 0 }]];
	const workflow = await n8nApi().rest<{ id: string }>('POST', '/workflows', {
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections,
		nodes: nodes.map((node, index) => ({
			id: randomUUID(),
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion ?? 1,
			position: node.position ?? [index * 260, 0],
			parameters: node.parameters ?? {},
			...(node.extra ?? {}),
			...(node.credential
				? { credentials: { claudePlatformAwsApi: node.credential === true ? { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } : node.credential } }
				: {}),
		})),
	});
	return workflow.id;
}

/** A credential pointing at the emulator with extra fields (e.g. the webhook signing secret); n8n answers it encrypted. */
export async function createCredential(name: string, overrides: Record<string, string>): Promise<CredentialRef> {
	const created = await n8nApi().rest<{ id: string }>('POST', '/credentials', {
		name,
		type: 'claudePlatformAwsApi',
		data: emulatorCredentialData(n8nApi().env.emulatorUrl, overrides),
	});
	return { id: created.id, name };
}
