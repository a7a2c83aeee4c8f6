/**
 * Poll and webhook entry points, run with n8n-core's own classes: PollContext driven by
 * PollTriggerExecutor (the production poll path, emit/emitError included), WebhookContext for
 * webhook(), HookContext for webhookMethods (checkExists/create/delete).
 *
 * ```ts
 * const first = await runPoll({ node: MyTrigger, parameters, credentials, credentialTypes });
 * const second = await runPoll({ node: MyTrigger, parameters, credentials, credentialTypes,
 *                                staticData: first.staticData });   // state carried over
 * second.items  // INodeExecutionData[][] | null (null = nothing new, no execution started)
 *
 * const hook = await runWebhook({ node: MyWebhookTrigger, credentials, credentialTypes,
 *   request: { headers: { 'x-signature': sig }, body: '{"type":"batch.ended"}' } });
 * hook.items; hook.response.statusCode; hook.responseData.webhookResponse
 * ```
 */
import type {
	IDataObject,
	IHttpRequestMethods,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	WebhookSetupMethodNames,
	WebhookType,
} from 'n8n-workflow';
import { UnexpectedError, isNodeClassInstance } from 'n8n-workflow';
import { Container } from '@n8n/di';
import { HookContext, PollContext, PollTriggerExecutor, WebhookContext } from 'n8n-core';

import { readBinary } from './binary';
import { recordVisible } from './leakScan';
import { prepareSingleNode, type SingleNodeOptions } from './singleNode';

export interface RunPollOptions extends SingleNodeOptions {
	/** 'trigger' (default) is an active workflow's poll; 'manual' is the editor's "Fetch Test Event". */
	mode?: 'trigger' | 'manual';
}

export interface PollResult {
	/** What poll() returned; null means "nothing new" (n8n starts no execution). */
	items: INodeExecutionData[][] | null;
	/** json of the first output's items ([] when items is null). */
	json: IDataObject[];
	/** The node's static data after the poll; pass it to the next runPoll. */
	staticData: IDataObject;
	globalStaticData: IDataObject;
	/** The error poll() threw (in 'trigger' mode n8n reports it via emitError). */
	error?: Error;
	binary(itemIndex: number, property?: string): Promise<Buffer>;
}

export async function runPoll(options: RunPollOptions): Promise<PollResult> {
	const mode = options.mode ?? 'trigger';
	const { workflow, node, additionalData, staticData } = await prepareSingleNode(options, mode);
	let emitted: INodeExecutionData[][] | null = null;
	let emittedError: Error | undefined;
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		mode === 'manual' ? 'manual' : 'activate',
		(data) => {
			emitted = data;
		},
		(error) => {
			emittedError = error;
		},
	);
	const poll = Container.get(PollTriggerExecutor).create(workflow, node, context, () => true);
	try {
		await poll(mode === 'manual');
	} catch (error) {
		emittedError = error as Error;
	}
	const items = emitted as INodeExecutionData[][] | null;
	const after = staticData();
	recordVisible('poll output', items);
	recordVisible('poll error', emittedError);
	recordVisible('poll static data', after);
	return {
		items,
		json: (items?.[0] ?? []).map((i) => i.json),
		staticData: after.node,
		globalStaticData: after.global,
		error: emittedError,
		async binary(itemIndex, property = 'data') {
			const data = items?.[0]?.[itemIndex]?.binary?.[property];
			if (!data) throw new Error(`Poll item ${itemIndex} has no binary property "${property}"`);
			return await readBinary(data);
		},
	};
}

export interface WebhookRequestInput {
	method?: IHttpRequestMethods;
	/** Header names are lower-cased, as Node's http module does. */
	headers?: Record<string, string | string[]>;
	/** Raw body (string or Buffer) or an object (sent as JSON). JSON bodies are also parsed into req.body. */
	body?: string | Buffer | IDataObject;
	query?: Record<string, string | string[]>;
	params?: Record<string, string>;
	/** Path after /webhook/; defaults to the webhook description's path. */
	path?: string;
}

export interface RecordedResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
	ended: boolean;
}

export interface RunWebhookOptions extends SingleNodeOptions {
	request?: WebhookRequestInput;
	/** Which of the node's webhooks was hit; 'default' unless the node declares others. */
	webhookName?: WebhookType;
	mode?: 'webhook' | 'manual';
}

export interface WebhookResult {
	responseData: IWebhookResponseData;
	/** responseData.workflowData: the items that would start the workflow (undefined = none). */
	items: INodeExecutionData[][] | undefined;
	json: IDataObject[];
	/** What the node wrote to the HTTP response object itself (signature failures, challenges). */
	response: RecordedResponse;
	staticData: IDataObject;
	globalStaticData: IDataObject;
	/** The error webhook() threw, if any. */
	error?: Error;
	binary(itemIndex: number, property?: string): Promise<Buffer>;
}

export async function runWebhook(options: RunWebhookOptions): Promise<WebhookResult> {
	const mode = options.mode ?? 'webhook';
	const prepared = await prepareSingleNode(options, mode);
	const { workflow, node, additionalData, nodeTypes } = prepared;
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (!nodeType.webhook) throw new UnexpectedError(`Node type "${node.type}" has no webhook()`);

	const webhookName = options.webhookName ?? 'default';
	const description = (nodeType.description.webhooks ?? []).find((w) => w.name === webhookName);
	if (!description) throw new UnexpectedError(`Node type "${node.type}" declares no "${webhookName}" webhook`);

	const request = buildRequest(options.request ?? {}, description.path);
	const recorder = createResponseRecorder();
	additionalData.httpRequest = request.req as never;
	additionalData.httpResponse = recorder.res as never;

	const webhookData: IWebhookData = {
		httpMethod: (options.request?.method ?? (description.httpMethod as IHttpRequestMethods)) || 'POST',
		node: node.name,
		path: request.path,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest: mode === 'manual',
	};
	const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);

	let responseData: IWebhookResponseData = {};
	let error: Error | undefined;
	try {
		responseData = isNodeClassInstance(nodeType)
			? await (nodeType.webhook as (c: WebhookContext) => Promise<IWebhookResponseData>)(context)
			: await nodeType.webhook.call(context);
	} catch (e) {
		error = e as Error;
	}
	const items = responseData.workflowData;
	const after = prepared.staticData();
	recordVisible('webhook response data', responseData);
	recordVisible('webhook HTTP response', recorder.recorded);
	recordVisible('webhook error', error);
	recordVisible('webhook static data', after);
	return {
		responseData,
		items,
		json: (items?.[0] ?? []).map((i) => i.json),
		response: recorder.recorded,
		staticData: after.node,
		globalStaticData: after.global,
		error,
		async binary(itemIndex, property = 'data') {
			const data = items?.[0]?.[itemIndex]?.binary?.[property];
			if (!data) throw new Error(`Webhook item ${itemIndex} has no binary property "${property}"`);
			return await readBinary(data);
		},
	};
}

export interface RunWebhookMethodOptions extends SingleNodeOptions {
	method: WebhookSetupMethodNames;
	webhookName?: WebhookType;
	activation?: 'activate' | 'init' | 'update' | 'manual';
}

/** Runs webhookMethods[webhookName][method] (checkExists/create/delete) with n8n's HookContext. */
export async function runWebhookMethod(
	options: RunWebhookMethodOptions,
): Promise<{ result?: boolean; error?: Error; staticData: IDataObject; globalStaticData: IDataObject; webhookUrl?: string }> {
	const activation = options.activation ?? 'activate';
	const mode = activation === 'manual' ? 'manual' : 'trigger';
	const prepared = await prepareSingleNode(options, mode);
	const { workflow, node, additionalData, nodeTypes } = prepared;
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const webhookName = options.webhookName ?? 'default';
	const fn = nodeType.webhookMethods?.[webhookName]?.[options.method];
	if (!fn) throw new UnexpectedError(`Node type "${node.type}" has no webhookMethods.${webhookName}.${options.method}`);
	const description = (nodeType.description.webhooks ?? []).find((w) => w.name === webhookName);
	const webhookData: IWebhookData | undefined = description && {
		httpMethod: description.httpMethod as IHttpRequestMethods,
		node: node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	};
	const context = new HookContext(workflow, node, additionalData, mode, activation, webhookData);
	let result: boolean | undefined;
	let error: Error | undefined;
	try {
		result = await fn.call(context);
	} catch (e) {
		error = e as Error;
	}
	const after = prepared.staticData();
	recordVisible(`webhookMethods.${options.method} error`, error);
	recordVisible(`webhookMethods.${options.method} static data`, after);
	return {
		result,
		error,
		staticData: after.node,
		globalStaticData: after.global,
		webhookUrl: context.getNodeWebhookUrl(webhookName),
	};
}

function buildRequest(input: WebhookRequestInput, defaultPath: string) {
	const headers: Record<string, string | string[]> = {};
	for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v;

	let rawBody: Buffer;
	let body: unknown;
	if (input.body === undefined) {
		rawBody = Buffer.alloc(0);
		body = {};
	} else if (Buffer.isBuffer(input.body) || typeof input.body === 'string') {
		rawBody = Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body);
		body = parseLikeN8n(rawBody, String(headers['content-type'] ?? ''));
	} else {
		rawBody = Buffer.from(JSON.stringify(input.body));
		headers['content-type'] ??= 'application/json';
		body = input.body;
	}
	headers['content-length'] ??= String(rawBody.length);

	const path = input.path ?? defaultPath;
	const query = input.query ?? {};
	const search = new URLSearchParams(
		Object.entries(query).flatMap(([k, v]): Array<[string, string]> =>
			Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
		),
	).toString();
	const url = `/webhook/${path}${search ? `?${search}` : ''}`;
	const req = {
		method: input.method ?? 'POST',
		url,
		originalUrl: url,
		path: `/webhook/${path}`,
		headers,
		query,
		params: input.params ?? {},
		body,
		rawBody,
		// n8n reads the raw body lazily for non-JSON requests; here it is always already read.
		readRawBody: async () => {},
		get: (name: string) => headers[name.toLowerCase()],
		header: (name: string) => headers[name.toLowerCase()],
	};
	return { req, path };
}

/** n8n's webhook body parsing: JSON and urlencoded bodies become objects, others stay raw. */
function parseLikeN8n(raw: Buffer, contentType: string): unknown {
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (type === 'application/json' || type.endsWith('+json')) {
		return raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
	}
	if (type === 'application/x-www-form-urlencoded') {
		return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
	}
	return {};
}

function createResponseRecorder() {
	const recorded: RecordedResponse = { statusCode: 200, headers: {}, body: undefined, ended: false };
	const res = {
		statusCode: 200,
		headersSent: false,
		status(code: number) {
			recorded.statusCode = code;
			res.statusCode = code;
			return res;
		},
		setHeader(name: string, value: string) {
			recorded.headers[name.toLowerCase()] = String(value);
			return res;
		},
		header(name: string, value: string) {
			return res.setHeader(name, value);
		},
		set(name: string | Record<string, string>, value?: string) {
			if (typeof name === 'string') return res.setHeader(name, value ?? '');
			for (const [k, v] of Object.entries(name)) res.setHeader(k, v);
			return res;
		},
		getHeader(name: string) {
			return recorded.headers[name.toLowerCase()];
		},
		writeHead(code: number, headers?: Record<string, string>) {
			res.status(code);
			for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
			return res;
		},
		json(data: unknown) {
			res.setHeader('content-type', 'application/json');
			return res.send(data);
		},
		send(data?: unknown) {
			recorded.body = data;
			return res.end();
		},
		write(chunk: unknown) {
			recorded.body = recorded.body === undefined ? String(chunk) : `${String(recorded.body)}${String(chunk)}`;
			return true;
		},
		end(data?: unknown) {
			if (data !== undefined) recorded.body = data;
			recorded.ended = true;
			res.headersSent = true;
			return res;
		},
	};
	return { res, recorded };
}
