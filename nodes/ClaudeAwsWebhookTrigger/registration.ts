/**
 * "Register on Activation": n8n's webhook lifecycle (checkExists, create, delete) keeps one platform
 * webhook endpoint per active trigger. Activation reuses the endpoint at this node's URL when the node
 * still holds its signing secret (after a restart, or a second main process), else creates one;
 * deactivation deletes it. IAM: ListWebhooks, CreateWebhook, DeleteWebhook.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { webhooks, type WebhookEndpoint } from '../api/webhooks';
import { clientFromCredential } from '../shared/client';
import { CREDENTIAL_TYPE } from '../shared/connectionConfig';
import { toNodeError } from '../shared/errors';
import type { ClaudeAwsClient } from '../transport/client';
import { ClaudeApiError } from '../transport/errors';
import { WEBHOOK_EVENT_OPTIONS } from './eventTypes';
import { sealSecret, unsealSecret, type SealScope } from './sealedSecret';

export const REGISTER_MANUALLY = 'manual';
export const REGISTER_ON_ACTIVATION = 'onActivation';

/** Static data keys (the node's own static data). */
const ENDPOINT_ID = 'webhookEndpointId';
const SEALED_SECRET = 'webhookSigningSecret';

type TriggerContext = IHookFunctions | IWebhookFunctions;

export function registersItself(context: TriggerContext): boolean {
	return context.getNodeParameter('registration', REGISTER_MANUALLY) === REGISTER_ON_ACTIVATION;
}

function scope(context: TriggerContext, endpointId: string): SealScope {
	return { workflowId: String(context.getWorkflow().id ?? ''), nodeId: context.getNode().id, endpointId };
}

/** The secret of the endpoint this node registered, or undefined when it holds none. */
export function registeredSecret(context: TriggerContext): string | undefined {
	const state = context.getWorkflowStaticData('node');
	const endpointId = typeof state[ENDPOINT_ID] === 'string' ? state[ENDPOINT_ID] : undefined;
	return endpointId ? unsealSecret(state[SEALED_SECRET], scope(context, endpointId)) : undefined;
}

function forget(state: IDataObject): void {
	delete state[ENDPOINT_ID];
	delete state[SEALED_SECRET];
}

async function clientFor(context: IHookFunctions): Promise<ClaudeAwsClient> {
	const data = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	return clientFromCredential(data, {}, context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined);
}

/** The picked events; none picked means every event type the node knows (the API wants at least one). */
function wantedEvents(context: IHookFunctions): string[] {
	const picked = context.getNodeParameter('events', []) as string[];
	return picked.length > 0 ? [...picked] : WEBHOOK_EVENT_OPTIONS.map((option) => String(option.value));
}

function sameEvents(a: string[], b: string[]): boolean {
	const set = new Set(a);
	return set.size === new Set(b).size && b.every((type) => set.has(type));
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new Error("n8n gave this trigger no webhook URL to register");
	return url;
}

async function deleteEndpoint(client: ClaudeAwsClient, id: string): Promise<void> {
	try {
		await webhooks.delete(client, id);
	} catch (error) {
		// Already gone is what we wanted.
		if (!(error instanceof ClaudeApiError && error.status === 404)) throw error;
	}
}

async function guarded<T>(context: IHookFunctions, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
}

export const registrationMethods = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		if (!registersItself(this)) return true;
		return await guarded(this, async () => {
			const state = this.getWorkflowStaticData('node');
			const url = webhookUrl(this);
			const client = await clientFor(this);
			const atThisUrl = (await webhooks.list(client)).filter((endpoint: WebhookEndpoint) => endpoint.url === url);
			const secret = registeredSecret(this);
			const events = wantedEvents(this);
			const mine = atThisUrl.find((endpoint) => endpoint.id === state[ENDPOINT_ID] && secret !== undefined);
			const reusable = mine && mine.state === 'enabled' && sameEvents(mine.enabled_events, events) ? mine : undefined;
			// Anything else at this URL would deliver with a secret this node cannot check: replaced by create().
			for (const endpoint of atThisUrl) if (endpoint !== reusable) await deleteEndpoint(client, endpoint.id);
			if (!reusable) forget(state);
			return reusable !== undefined;
		});
	},

	async create(this: IHookFunctions): Promise<boolean> {
		if (!registersItself(this)) return true;
		return await guarded(this, async () => {
			const client = await clientFor(this);
			const workflow = this.getWorkflow();
			const created = await webhooks.create(client, {
				url: webhookUrl(this),
				enabled_events: wantedEvents(this),
				name: `n8n: ${workflow.name ?? workflow.id}`.slice(0, 64),
				description: `Created by the Claude on AWS Trigger "${this.getNode().name}" of n8n workflow ${workflow.id}; deleted when the workflow is deactivated.`,
			});
			const state = this.getWorkflowStaticData('node');
			state[ENDPOINT_ID] = created.id;
			state[SEALED_SECRET] = sealSecret(created.signing_secret, scope(this, created.id));
			return true;
		});
	},

	async delete(this: IHookFunctions): Promise<boolean> {
		if (!registersItself(this)) return true;
		const state = this.getWorkflowStaticData('node');
		const endpointId = state[ENDPOINT_ID];
		if (typeof endpointId !== 'string' || endpointId === '') return true;
		// On failure the ID stays, so the next activation finds and replaces the endpoint.
		await guarded(this, async () => deleteEndpoint(await clientFor(this), endpointId));
		forget(state);
		return true;
	},
};
