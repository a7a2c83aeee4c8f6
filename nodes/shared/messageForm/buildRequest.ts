/**
 * Builds the Messages API request of one item from the fields of promptFields.ts, checking every input
 * first: a bad parameter throws parameterError (naming the parameter and the item) before any request.
 *
 * Stable signatures (the Batches node imports them):
 *   buildMessageParams(context: IExecuteFunctions, itemIndex: number, build?: BuildOptions): Promise<MessageParams>
 *     -> the body of POST /v1/messages without `stream` (model, max_tokens, system, messages, tools,
 *        tool_choice, thinking, output_config, stop_sequences, metadata, service_tier, inference_geo, speed)
 *   toCountTokensParams(params: MessageParams): CountTokensParams
 *   wantsStructuredOutput(params: MessageParams | CountTokensParams): boolean
 * Binary attachments are read through context.helpers.getBinaryDataBuffer(itemIndex, property).
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { parameterError } from '../errors';
import { itemParameter, nodeOf } from '../itemParameters';
import { DEFAULT_MAX_TOKENS } from '../modelOptions';
import { applyPromptCaching, cacheControl, effortParam, modelId, thinkingParam, wholeNumber } from '../modelParams';
import { binaryAttachments, fileAttachments, splitList, urlAttachments } from './attachments';
import type { ContainerUploads } from './containerFiles';
import { PROMPT_DEFAULTS, PROMPT_PARAMETERS as P } from './parameters';
import { readMcpServers } from './mcpServers';
import { searchResultBlocks } from './searchResults';
import { containerParam, readSkills, withCodeExecution } from './skills';
import { mergeExtras, readAdditionalBody, readBetas } from './requestExtras';
import { servingParams } from '../servingOptions';
import { builtInTools, clientTools, parseJsonParameter } from './toolDefinitions';
import type { ContentBlockParam, CountTokensParams, MessageParam, MessageParams, OutputConfig, ToolChoice, ToolDefinition } from '../../api/messages/types';

export interface BuildOptions {
	/** Send Message and Create Batch: uploads files Claude cannot read directly when code execution is on. */
	containerUploads?: ContainerUploads;
	/** Tools from connected n8n tool sub-nodes, already converted to definitions. */
	extraTools?: ToolDefinition[];
	/** Count Tokens has no max tokens (nor stop sequences, metadata, service tier). */
	countTokens?: boolean;
}

const ROLES = ['user', 'assistant', 'system'];

const O = P.options;

/** A text parameter's value; an expression that gave an object or a list would otherwise be sent as "[object Object]". */
function text(node: INode, parameter: string, value: unknown, itemIndex: number): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		throw parameterError(
			node,
			parameter,
			`is ${Array.isArray(value) ? 'a list' : 'an object'}, not text`,
			itemIndex,
			'Map one of its text fields (e.g. {{ $json.question.text }}), or turn it into text with {{ JSON.stringify($json.question) }}.',
		);
	}
	return String(value);
}

export async function buildMessageParams(context: IExecuteFunctions, itemIndex: number, build: BuildOptions = {}): Promise<MessageParams> {
	const node = nodeOf(context);
	// Parameters without an expression are resolved once per run (itemParameters.ts); each item still checks its value.
	const param = <T>(name: string, fallback: T): T => itemParameter(context, name, itemIndex, fallback);
	const options = param<IDataObject>(P.options.name, {});

	const model = modelId(node, itemParameter<unknown>(context, P.modelId.name, itemIndex, '', { extractValue: true }), itemIndex);
	const maxTokens = build.countTokens ? 0 : wholeNumber(node, P.maxTokens.label, param<unknown>(P.maxTokens.name, DEFAULT_MAX_TOKENS), 1, itemIndex);
	const messages = readMessages(context, itemIndex);
	const system = text(node, P.system.label, param<unknown>(P.system.name, ''), itemIndex).trim();

	const skills = readSkills(node, param<unknown>(P.skills.name, []), param<IDataObject>(P.customSkills.name, {}), itemIndex);
	const container = build.countTokens ? undefined : containerParam(node, skills, options[O.containerId.name], itemIndex);
	const tools = withCodeExecution(
		[...clientTools(node, param<unknown>(P.toolsJson.name, PROMPT_DEFAULTS.toolsJson), itemIndex), ...builtInTools(node, param<IDataObject>(P.builtInTools.name, {}), itemIndex), ...(build.extraTools ?? [])],
		skills.length > 0,
	);
	const seen = new Set<string>();
	for (const tool of tools) {
		if (seen.has(tool.name)) throw parameterError(node, P.toolsJson.label, `two tools are named "${tool.name}"; tool names must be unique (connected tools included)`, itemIndex);
		seen.add(tool.name);
	}

	const codeExecution = tools.some((tool) => /^code_execution_/.test(String(tool.type)));
	const forCode = codeExecution
		? build.containerUploads
			? { upload: build.containerUploads.upload }
			: { refusal: build.countTokens ? 'Count Tokens does not upload files for code execution; count with an image, PDF or text instead' : 'this operation does not upload files for code execution; upload it with Files > Upload and attach it by File ID' }
		: {};
	const attachments = [
		...searchResultBlocks(node, param<unknown>(P.searchResults.name, ''), itemIndex),
		...(await binaryAttachments(context, itemIndex, splitList(param<string>(P.binaryProperties.name, '')), forCode, param<boolean>(P.binaryCitations.name, false) === true)),
		...fileAttachments(context, itemIndex, (param<IDataObject>(P.fileAttachments.name, {})[P.fileAttachments.entry.name] as IDataObject[] | undefined) ?? []),
		...urlAttachments(context, itemIndex, (param<IDataObject>(P.urlAttachments.name, {})[P.urlAttachments.entry.name] as IDataObject[] | undefined) ?? []),
	];
	if (attachments.length) attachTo(node, messages, attachments, itemIndex);

	const mcp = readMcpServers(node, param<IDataObject>(P.mcpServers.name, {}), itemIndex);
	const serving = build.countTokens ? undefined : servingParams(node, options, itemIndex);

	const params: MessageParams = { model, max_tokens: maxTokens, messages };
	if (system) params.system = system;
	if (mcp.servers.length) params.mcp_servers = mcp.servers;
	if (container) params.container = container;
	if (tools.length || mcp.toolsets.length) {
		params.tools = [...tools, ...mcp.toolsets];
		const choice = toolChoice(node, param<string>(P.toolChoice.name, PROMPT_DEFAULTS.toolChoice), param<string>(P.toolChoiceName.name, ''), seen, itemIndex, param<unknown>(P.disableParallelToolUse.name, false));
		if (choice) params.tool_choice = choice;
	}
	const thinking = thinkingParam(node, options, maxTokens, itemIndex, { display: true, checkBudget: (raw) => thinkingBudget(node, raw, itemIndex) });
	if (thinking) params.thinking = thinking;
	const output = outputConfig(node, options, itemIndex);
	if (output) params.output_config = output;
	if (!build.countTokens) {
		const stops = splitList(options[O.stopSequences.name]);
		if (stops.length) params.stop_sequences = stops;
		const userId = String(options[O.metadataUserId.name] ?? '').trim();
		if (userId) params.metadata = { user_id: userId };
		const tier = options[O.serviceTier.name];
		if (tier === 'auto' || tier === 'standard_only') params.service_tier = tier;
		Object.assign(params, serving?.fields);
	}
	const cache = cacheControl(options[O.promptCaching.name]);
	if (cache) applyPromptCaching(params, cache);
	if (build.countTokens) delete (params as Partial<MessageParams>).max_tokens;
	return mergeExtras(params, readAdditionalBody(node, options, itemIndex, build.countTokens), [...mcp.betas, ...(serving?.betas ?? []), ...readBetas(node, options, itemIndex)]);
}

/** The request without what only a generated answer has (Additional Body Fields pass as they are). */
export function toCountTokensParams(params: MessageParams): CountTokensParams {
	const { max_tokens: _max, stop_sequences: _stops, metadata: _metadata, service_tier: _tier, container: _container, inference_geo: _geo, ...rest } = params;
	return JSON.parse(JSON.stringify(rest)) as CountTokensParams;
}

export function wantsStructuredOutput(params: Pick<MessageParams, 'output_config'>): boolean {
	return params.output_config?.format?.type === 'json_schema';
}

function readMessages(context: IExecuteFunctions, itemIndex: number): MessageParam[] {
	const node = nodeOf(context);
	const type = itemParameter<string>(context, P.promptType.name, itemIndex, PROMPT_DEFAULTS.promptType);
	if (type === 'simple') {
		const prompt = text(node, P.prompt.label, itemParameter<unknown>(context, P.prompt.name, itemIndex, ''), itemIndex);
		if (!prompt.trim()) throw parameterError(node, P.prompt.label, 'is empty', itemIndex, 'Type the message for Claude, or map a field of the input item into it.');
		return [{ role: 'user', content: prompt }];
	}
	if (type === 'messages') {
		const list = P.messages;
		const values = (itemParameter<IDataObject>(context, list.name, itemIndex, {})[list.entry.name] as IDataObject[] | undefined) ?? [];
		if (!values.length) throw parameterError(node, list.label, 'has no messages', itemIndex);
		return values.map((value, position) => {
			const content = text(node, list.label, value[list.content.name], itemIndex);
			if (!content.trim()) throw parameterError(node, list.label, `message ${position + 1} is empty`, itemIndex);
			const role = value[list.role.name] === 'assistant' ? 'assistant' : 'user';
			return { role, content };
		});
	}
	const parameter = P.messagesJson.label;
	const parsed = parseJsonParameter(node, parameter, itemParameter<unknown>(context, P.messagesJson.name, itemIndex, ''), itemIndex);
	if (!Array.isArray(parsed) || parsed.length === 0) {
		throw parameterError(node, parameter, 'must be a non-empty JSON array of messages', itemIndex, 'e.g. [{"role": "user", "content": "Hello"}]');
	}
	return parsed.map((entry, position) => {
		const where = `message ${position + 1}`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw parameterError(node, parameter, `${where} is not an object`, itemIndex);
		const { role, content } = entry as IDataObject;
		if (!ROLES.includes(role as string)) throw parameterError(node, parameter, `${where} has role ${JSON.stringify(role)}; use user, assistant or system`, itemIndex);
		if (typeof content === 'string') {
			if (!content.trim()) throw parameterError(node, parameter, `${where} is empty`, itemIndex);
		} else if (!Array.isArray(content) || content.length === 0 || content.some((block) => typeof block !== 'object' || block === null || typeof (block as IDataObject).type !== 'string')) {
			throw parameterError(node, parameter, `${where} needs a "content" that is text or a non-empty array of content blocks with a "type"`, itemIndex);
		}
		return structuredClone(entry) as MessageParam;
	});
}

/** Attachments go before the text of the last user message, where Claude reads them best. */
function attachTo(node: INode, messages: MessageParam[], blocks: ContentBlockParam[], itemIndex: number): void {
	const target = [...messages].reverse().find((m) => m.role === 'user');
	if (!target) throw parameterError(node, 'Attachments', 'there is no user message to attach the files to', itemIndex);
	const content = typeof target.content === 'string' ? [{ type: 'text', text: target.content }] : target.content;
	target.content = [...blocks, ...content];
}

/** `none` has no parallel setting in the SDK (ToolChoiceNone), so Disable Parallel Tool Use is not read for it. */
function toolChoice(node: INode, type: string, name: string, tools: Set<string>, itemIndex: number, disableParallel: unknown): ToolChoice | undefined {
	if (type === 'none') return { type };
	if (typeof disableParallel !== 'boolean') throw parameterError(node, P.disableParallelToolUse.label, `must be true or false, got ${JSON.stringify(disableParallel)}`, itemIndex);
	const parallel = disableParallel ? { disable_parallel_tool_use: true } : {};
	switch (type) {
		case 'any':
			return { type, ...parallel };
		case 'tool': {
			const wanted = String(name ?? '').trim();
			if (!wanted) throw parameterError(node, P.toolChoiceName.label, 'is empty; name the tool Claude must use', itemIndex);
			if (!tools.has(wanted)) throw parameterError(node, P.toolChoiceName.label, `no tool is named "${wanted}"`, itemIndex, `Tools: ${[...tools].join(', ')}.`);
			return { type: 'tool', name: wanted, ...parallel };
		}
		default:
			return disableParallel ? { type: 'auto', ...parallel } : undefined;
	}
}

/** This node's budget check says less than the shared one (no received value); kept so its messages stay as they were. */
function thinkingBudget(node: INode, raw: unknown, itemIndex: number): number {
	const budget = Number(raw);
	if (!Number.isInteger(budget) || budget < 1024) throw parameterError(node, O.thinkingBudget.label, 'must be a whole number of at least 1024', itemIndex);
	return budget;
}

function outputConfig(node: INode, options: IDataObject, itemIndex: number): OutputConfig | undefined {
	const config: OutputConfig = {};
	const effort = effortParam(node, options[O.effort.name], itemIndex);
	if (effort) config.effort = effort;
	const raw = options[O.outputSchema.name];
	if (raw !== undefined) {
		const schema = parseJsonParameter(node, O.outputSchema.label, raw, itemIndex);
		if (schema !== undefined) {
			if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
				throw parameterError(node, O.outputSchema.label, 'must be a JSON schema object', itemIndex, 'e.g. {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}');
			}
			config.format = { type: 'json_schema', schema: schema as Record<string, unknown> };
		}
	}
	return Object.keys(config).length ? config : undefined;
}
