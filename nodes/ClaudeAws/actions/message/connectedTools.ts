/** Tools from n8n tool sub-nodes connected to the node's Tools (ai_tool) input. */
import { NodeConnectionTypes, type IExecuteFunctions } from 'n8n-workflow';
import { toJsonSchema } from '../../../api/messages/toolSchema';
import type { ToolDefinition } from '../../../api/messages/types';

/** What the loop needs of a LangChain-like tool (n8n hands over StructuredTool / DynamicStructuredTool objects). */
export interface ConnectedTool {
	name: string;
	description?: string;
	schema?: unknown;
	invoke(input: unknown): Promise<unknown>;
}

function isTool(value: unknown): value is ConnectedTool {
	return typeof value === 'object' && value !== null && typeof (value as ConnectedTool).name === 'string' && typeof (value as ConnectedTool).invoke === 'function';
}

// Operations run per item, but the tools belong to the run: ask the sub-nodes once per execution context.
const perRun = new WeakMap<IExecuteFunctions, Promise<ConnectedTool[]>>();

export function connectedToolsOfRun(context: IExecuteFunctions): Promise<ConnectedTool[]> {
	let tools = perRun.get(context);
	if (!tools) {
		tools = getConnectedTools(context);
		perRun.set(context, tools);
	}
	return tools;
}

export async function getConnectedTools(context: IExecuteFunctions): Promise<ConnectedTool[]> {
	// When n8n runs this node as an Agent's tool, it has no Tools input at all.
	if (!context.getNodeInputs().some((input) => input.type === NodeConnectionTypes.AiTool)) return [];
	const supplied = (await context.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as unknown;
	const list = Array.isArray(supplied) ? supplied : supplied === undefined || supplied === null ? [] : [supplied];
	// A toolkit (e.g. an MCP client) supplies several tools at once.
	return list.flatMap((entry) => {
		const toolkit = entry as { tools?: unknown; getTools?: () => unknown };
		const tools = Array.isArray(toolkit?.tools) ? toolkit.tools : typeof toolkit?.getTools === 'function' ? toolkit.getTools() : [entry];
		return (tools as unknown[]).filter(isTool);
	});
}

export function toToolDefinition(tool: ConnectedTool): ToolDefinition {
	return {
		name: tool.name,
		...(tool.description ? { description: tool.description } : {}),
		input_schema: toJsonSchema(tool.schema),
	};
}
