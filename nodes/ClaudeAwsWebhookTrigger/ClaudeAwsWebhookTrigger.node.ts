/**
 * Claude on AWS Trigger: receives the platform's webhooks (session idled, requires action, terminated,
 * agent/environment changes...), verifies their Standard Webhooks signature and starts the workflow.
 */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { WEBHOOK_EVENT_OPTIONS } from './eventTypes';
import { registeredSecret, registersItself, registrationMethods, REGISTER_MANUALLY, REGISTER_ON_ACTIVATION } from './registration';
import { isReplay } from './replayGuard';
import { signingKey, verifyStandardWebhook } from './standardWebhooks';

export class ClaudeAwsWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude on AWS Trigger',
		name: 'claudeAwsWebhookTrigger',
		icon: { light: 'file:../../icons/claude-aws.svg', dark: 'file:../../icons/claude-aws.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "all events"}}',
		description: "Starts the workflow when Claude Platform on AWS sends a webhook (an agent session went idle, needs a tool result, ended...)",
		defaults: { name: 'Claude on AWS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'claudePlatformAwsApi', required: false }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				options: [
					{
						name: 'Register Manually',
						value: REGISTER_MANUALLY,
						description: "You add this node's Production URL in the Claude Console and give the trigger its signing secret",
					},
					{
						name: 'Register on Activation',
						value: REGISTER_ON_ACTIVATION,
						description: 'The trigger creates its webhook endpoint when the workflow is activated and deletes it when deactivated (IAM: CreateWebhook, ListWebhooks, DeleteWebhook)',
					},
				],
				default: REGISTER_MANUALLY,
			},
			{
				displayName:
					'Register this node\'s Production URL as a webhook endpoint of your workspace in the Claude Console, and put its signing secret (whsec_...) in the credential\'s Webhook Signing Secret field or below',
				name: 'setupNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: [REGISTER_MANUALLY] } },
			},
			{
				displayName:
					'Activating the workflow creates this node\'s webhook endpoint for the events below and keeps its signing secret; deactivating deletes it. The credential\'s principal needs CreateWebhook, ListWebhooks and DeleteWebhook.',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: [REGISTER_ON_ACTIVATION] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENT_OPTIONS,
				default: [],
				description: 'Event types that start the workflow; leave empty for all. Other events are acknowledged and ignored.',
			},
			{
				displayName: 'Signing Secret',
				name: 'signingSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				placeholder: 'whsec_...',
				description: "The endpoint's signing secret; overrides the credential's Webhook Signing Secret. Leave empty to use the credential.",
				displayOptions: { show: { registration: [REGISTER_MANUALLY] } },
			},
		],
	};

	webhookMethods = { default: registrationMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const automatic = registersItself(this);
		const key = signingKey((automatic ? registeredSecret(this) : await signingSecret(this)) ?? '');
		if (!key && automatic) {
			throw new NodeOperationError(this.getNode(), 'This trigger holds no signing secret from its registration: deliveries cannot be verified, so none is accepted', {
				description: 'Deactivate and activate the workflow: activation creates the webhook endpoint again and keeps its new secret.',
			});
		}
		if (!key) {
			throw new NodeOperationError(this.getNode(), 'No usable webhook signing secret: deliveries cannot be verified, so none is accepted', {
				description: "Set the endpoint's whsec_... secret in the credential's Webhook Signing Secret field or in the node's Signing Secret.",
			});
		}
		const request = this.getRequestObject();
		const body = await rawBody(request);
		const headers = this.getHeaderData() as IDataObject;
		const webhookId = header(headers, 'webhook-id');
		const timestamp = header(headers, 'webhook-timestamp');
		const nowSeconds = Math.floor(Date.now() / 1000);
		const verdict = verifyStandardWebhook(key, { id: webhookId, timestamp, signature: header(headers, 'webhook-signature') }, body, nowSeconds);
		const response = this.getResponseObject();
		if (!verdict.ok) {
			response.status(401).json({ error: 'Webhook signature verification failed', reason: verdict.reason });
			return { noWebhookResponse: true };
		}

		let event: IDataObject;
		try {
			event = JSON.parse(body.toString('utf8')) as IDataObject;
		} catch {
			response.status(400).json({ error: 'The webhook body is not JSON' });
			return { noWebhookResponse: true };
		}
		const type = String((event?.data as IDataObject | undefined)?.type ?? event?.type ?? '');
		const wanted = this.getNodeParameter('events', []) as string[];
		// Acknowledged with 200, so the platform does not redeliver an event nobody asked for.
		if (wanted.length > 0 && !wanted.includes(type)) return { webhookResponse: { received: true, ignored: type } };
		// Verified, so webhookId and timestamp are present and signed. A replay gets 200: it was delivered.
		const scope = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
		if (isReplay(this.getWorkflowStaticData('node'), scope, webhookId!, Number(timestamp), nowSeconds)) {
			return { webhookResponse: { received: true, duplicate: webhookId } };
		}
		return { workflowData: [[{ json: { event, webhook_id: webhookId ?? null, type } }]] };
	}
}

async function signingSecret(context: IWebhookFunctions): Promise<string> {
	const override = String(context.getNodeParameter('signingSecret', '') ?? '').trim();
	if (override) return override;
	let credential: ICredentialDataDecryptedObject | undefined;
	try {
		credential = await context.getCredentials<ICredentialDataDecryptedObject>('claudePlatformAwsApi');
	} catch {
		credential = undefined;
	}
	return String(credential?.webhookSecret ?? '').trim();
}

/** The exact bytes that were signed: n8n keeps them as rawBody (read on demand for some content types). */
async function rawBody(request: ReturnType<IWebhookFunctions['getRequestObject']>): Promise<Buffer> {
	const withRaw = request as typeof request & { rawBody?: Buffer | string; readRawBody?: () => Promise<void> };
	if (withRaw.rawBody === undefined && typeof withRaw.readRawBody === 'function') await withRaw.readRawBody();
	if (Buffer.isBuffer(withRaw.rawBody)) return withRaw.rawBody;
	if (typeof withRaw.rawBody === 'string') return Buffer.from(withRaw.rawBody);
	// Last resort: the parsed body re-serialised; a mismatch can only make verification fail, never pass.
	return Buffer.from(request.body === undefined ? '' : JSON.stringify(request.body));
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}
