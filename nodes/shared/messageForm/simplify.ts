/**
 * The short form of a Message for workflow items.
 *
 * Stable signature (the Batches node imports it for results):
 *   simplifyMessage(message: Message, options?: { includeThinking?: boolean; structuredOutput?: boolean })
 *     -> { text, stop_reason, usage, model, id, thinking?, citations?, tool_calls?, container_id?, mcp_tool_calls?, json? }
 *   With structuredOutput, the text is parsed into `json`; text that is not JSON throws StructuredOutputError.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Message } from '../../api/messages/types';

export interface SimplifyOptions {
	includeThinking?: boolean;
	/** The request asked for a JSON schema output: parse the text into `json`. */
	structuredOutput?: boolean;
}

export interface SimplifiedMessage extends IDataObject {
	text: string;
	stop_reason: string | null;
	usage: IDataObject;
	model: string;
	id: string;
	thinking?: string;
	tool_calls?: IDataObject[];
	/** What the text cites: cited_text with the document (index, title) or search result and the location, as the API gives them. */
	citations?: IDataObject[];
	/** The container code execution or skills ran in, for Container ID of a later request. */
	container_id?: string;
	/** Tools of MCP servers (the MCP connector) Claude called, with their results. */
	mcp_tool_calls?: IDataObject[];
	json?: IDataObject;
}

/** The model's answer should have been JSON (structured output) and is not. */
export class StructuredOutputError extends Error {
	constructor(
		message: string,
		readonly text: string,
	) {
		super(message);
		this.name = 'StructuredOutputError';
	}
}

export function simplifyMessage(message: Message, options: SimplifyOptions = {}): SimplifiedMessage {
	const content = Array.isArray(message.content) ? message.content : [];
	const text = content
		.filter((block) => block.type === 'text')
		.map((block) => block.text ?? '')
		.join('');
	const out: SimplifiedMessage = {
		text,
		stop_reason: message.stop_reason ?? null,
		usage: (message.usage ?? {}) as IDataObject,
		model: message.model,
		id: message.id,
	};
	if (options.includeThinking) {
		const thinking = content
			.filter((block) => block.type === 'thinking')
			.map((block) => block.thinking ?? '')
			.join('\n\n');
		if (thinking) out.thinking = thinking;
	}
	const calls = content.filter((block) => block.type === 'tool_use').map((block) => ({ id: block.id, name: block.name, input: block.input }) as IDataObject);
	if (calls.length) out.tool_calls = calls;
	const citations = content.flatMap((block) => (block.type === 'text' && Array.isArray(block.citations) ? (block.citations as IDataObject[]) : []));
	if (citations.length) out.citations = citations;
	const container = message.container as { id?: unknown } | null | undefined;
	if (typeof container?.id === 'string') out.container_id = container.id;
	const mcpCalls = mcpToolCalls(content);
	if (mcpCalls.length) out.mcp_tool_calls = mcpCalls;
	if (options.structuredOutput) out.json = parseStructuredOutput(message, text);
	return out;
}

/** The MCP connector's calls, each with the result it got (SDK mcp_tool_use / mcp_tool_result blocks). */
function mcpToolCalls(content: Message['content']): IDataObject[] {
	const results = new Map(content.filter((block) => block.type === 'mcp_tool_result').map((block) => [block.tool_use_id as string, block]));
	return content
		.filter((block) => block.type === 'mcp_tool_use')
		.map((block) => {
			const result = results.get(block.id as string);
			const output = typeof result?.content === 'string' ? result.content : Array.isArray(result?.content) ? (result.content as Array<{ text?: string }>).map((part) => part.text ?? '').join('') : undefined;
			return { id: block.id, server: block.server_name, name: block.name, input: block.input, ...(output !== undefined ? { output } : {}), ...(result?.is_error ? { is_error: true } : {}) } as IDataObject;
		});
}

export function parseStructuredOutput(message: Pick<Message, 'stop_reason'>, text: string): IDataObject {
	const cut = message.stop_reason === 'max_tokens' ? ' The answer was cut off at Max Tokens: raise it.' : message.stop_reason === 'refusal' ? ' Claude refused to answer.' : '';
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new StructuredOutputError(`The model's answer is not valid JSON for the Output Schema: ${(error as Error).message}.${cut}`, text);
	}
	if (typeof value !== 'object' || value === null) {
		throw new StructuredOutputError(`The model's answer is JSON but not an object or array (${typeof value}).${cut}`, text);
	}
	return value as IDataObject;
}
