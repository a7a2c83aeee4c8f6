/** The Messages API shapes this package sends and reads (SDK 1.14.0 names), kept loose where the API is open-ended. */

export type Role = 'user' | 'assistant' | 'system';

export interface CacheControl {
	type: 'ephemeral';
	ttl?: '5m' | '1h';
}

/** Any request content block (text, image, document, tool_use, tool_result, thinking...). */
export interface ContentBlockParam {
	type: string;
	cache_control?: CacheControl;
	[key: string]: unknown;
}

export interface MessageParam {
	role: Role;
	content: string | ContentBlockParam[];
}

/** A tool definition: a client tool ({name, description?, input_schema}) or a server tool ({type, name, ...}). */
export interface ToolDefinition {
	name: string;
	type?: string;
	description?: string;
	input_schema?: Record<string, unknown>;
	cache_control?: CacheControl;
	[key: string]: unknown;
}

export type ToolChoice =
	| { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean }
	| { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
	| { type: 'none' };

export type ThinkingConfig =
	| { type: 'adaptive'; display?: 'summarized' | 'omitted' }
	| { type: 'enabled'; budget_tokens: number; display?: 'summarized' | 'omitted' }
	| { type: 'disabled' };

export interface OutputConfig {
	effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
	format?: { type: 'json_schema'; schema: Record<string, unknown> };
}

/** Body of POST /v1/messages (without `stream`). */
export interface MessageParams {
	model: string;
	max_tokens: number;
	messages: MessageParam[];
	system?: string | ContentBlockParam[];
	tools?: Array<ToolDefinition | McpToolset>;
	tool_choice?: ToolChoice;
	thinking?: ThinkingConfig;
	output_config?: OutputConfig;
	stop_sequences?: string[];
	metadata?: { user_id: string };
	service_tier?: 'auto' | 'standard_only';
	/** Where inference runs (`us` or `global`); without it, the workspace's default_inference_geo. */
	inference_geo?: InferenceGeo;
	/** `fast` for high output speed (with the fast-mode beta on some models). */
	speed?: Speed;
	/** MCP connector servers (beta); their tools are offered through `mcp_toolset` entries in `tools`. */
	mcp_servers?: McpServer[];
	/** A container to reuse (its ID) and the Agent Skills to load in it (beta). */
	container?: ContainerParams | string;
	/**
	 * Header param, as in the SDK's beta MessageCreateParams: the anthropic-beta values of this request.
	 * The messages module sends them as the header, never in the body (a batch request carries them in
	 * the batch's header).
	 */
	betas?: string[];
}

/** The values Claude Platform on AWS documents for `inference_geo` (the SDK types it as any string). */
export const INFERENCE_GEOS = ['us', 'global'] as const;
export type InferenceGeo = (typeof INFERENCE_GEOS)[number];

/** SDK MessageCreateParams.speed. */
export const SPEEDS = ['standard', 'fast'] as const;
export type Speed = (typeof SPEEDS)[number];

/** SDK BetaRequestMCPServerURLDefinition. */
export interface McpServer {
	type: 'url';
	url: string;
	name: string;
	authorization_token?: string;
}

/** SDK BetaMCPToolset: the tools of one MCP server, all or those enabled by name. */
export interface McpToolset {
	type: 'mcp_toolset';
	mcp_server_name: string;
	default_config?: { enabled?: boolean };
	configs?: Record<string, { enabled?: boolean }>;
	cache_control?: CacheControl;
	name?: undefined;
}

/** SDK BetaSkillParams. */
export interface SkillParams {
	type: 'anthropic' | 'custom';
	skill_id: string;
	version?: string;
}

/** SDK BetaContainerParams. */
export interface ContainerParams {
	id?: string;
	skills?: SkillParams[];
}

/** Body of POST /v1/messages/count_tokens. */
export type CountTokensParams = Pick<MessageParams, 'model' | 'messages' | 'system' | 'tools' | 'tool_choice' | 'thinking' | 'output_config' | 'mcp_servers' | 'betas'> & Record<string, unknown>;

/** A response content block. */
export interface ContentBlock {
	type: string;
	text?: string;
	thinking?: string;
	signature?: string;
	id?: string;
	name?: string;
	input?: unknown;
	[key: string]: unknown;
}

export interface Usage {
	input_tokens: number;
	output_tokens: number;
	cache_creation_input_tokens?: number | null;
	cache_read_input_tokens?: number | null;
	[key: string]: unknown;
}

export interface Message {
	id: string;
	type: 'message';
	role: 'assistant';
	model: string;
	content: ContentBlock[];
	stop_reason: string | null;
	stop_sequence: string | null;
	usage: Usage;
	[key: string]: unknown;
}
