/**
 * Runs connected n8n tools for Claude: while the answer stops for tool use and every tool it calls is a
 * connected one, run them, send the results back and ask again, up to a number of rounds. Calls of tools
 * the workflow defined itself (Tools (JSON)) are left in the answer for the workflow to handle.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ConnectedTool } from './connectedTools';
import type { ContentBlockParam, Message, MessageParam, MessageParams, Usage } from '../../../api/messages/types';

export interface ToolCallRecord extends IDataObject {
	id: string;
	name: string;
	input: IDataObject;
	output: string;
	is_error?: boolean;
}

export interface ToolLoopResult {
	message: Message;
	/** Every answer of the loop, the last one included (files made in an earlier, paused turn are in these). */
	answers: Message[];
	toolCalls: ToolCallRecord[];
	/** Requests sent (1 without tool rounds). */
	requests: number;
	/** Token counts summed over every request of the loop. */
	usage: Usage;
}

/** How often a paused server-tool turn (stop_reason pause_turn) is continued. */
const MAX_PAUSE_CONTINUATIONS = 5;

export async function runToolLoop(
	params: MessageParams,
	send: (params: MessageParams) => Promise<Message>,
	tools: ConnectedTool[],
	maxIterations: number,
	signal?: AbortSignal,
): Promise<ToolLoopResult> {
	const byName = new Map(tools.map((tool) => [tool.name, tool]));
	const messages: MessageParam[] = [...params.messages];
	const toolCalls: ToolCallRecord[] = [];
	let message = await send(params);
	const answers = [message];
	const usage = { ...message.usage };
	let requests = 1;
	let rounds = 0;
	let pauses = 0;

	for (;;) {
		if (signal?.aborted) break;
		if (message.stop_reason === 'tool_use') {
			const uses = message.content.filter((block) => block.type === 'tool_use');
			if (!uses.length || !uses.every((use) => byName.has(String(use.name))) || rounds >= maxIterations) break;
			const results: ContentBlockParam[] = [];
			for (const use of uses) {
				const record = await callTool(byName.get(String(use.name))!, use.id as string, use.name as string, (use.input ?? {}) as IDataObject);
				toolCalls.push(record);
				results.push({ type: 'tool_result', tool_use_id: record.id, content: record.output, ...(record.is_error ? { is_error: true } : {}) });
			}
			messages.push({ role: 'assistant', content: message.content as ContentBlockParam[] }, { role: 'user', content: results });
			rounds++;
		} else if (message.stop_reason === 'pause_turn' && pauses < MAX_PAUSE_CONTINUATIONS) {
			// A long server-tool turn was paused: sending it back as is lets Claude continue it.
			messages.push({ role: 'assistant', content: message.content as ContentBlockParam[] });
			pauses++;
		} else {
			break;
		}
		message = await send({ ...params, messages: [...messages] });
		answers.push(message);
		requests++;
		addUsage(usage, message.usage);
	}
	return { message, answers, toolCalls, requests, usage };
}

async function callTool(tool: ConnectedTool, id: string, name: string, input: IDataObject): Promise<ToolCallRecord> {
	try {
		const result = await tool.invoke(input);
		return { id, name, input, output: typeof result === 'string' ? result : JSON.stringify(result ?? '') };
	} catch (error) {
		// Claude gets the failure as the tool's result and can react to it; the item does not fail.
		return { id, name, input, output: `Error: ${error instanceof Error ? error.message : String(error)}`, is_error: true };
	}
}

function addUsage(total: Usage, usage: Usage | undefined): void {
	for (const key of ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const) {
		const value = usage?.[key];
		if (typeof value === 'number') total[key] = ((total[key] as number | null | undefined) ?? 0) + value;
	}
}
