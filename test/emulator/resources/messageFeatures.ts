/**
 * Beta features of the Messages API in the emulator, with the SDK's (1.15) shapes: the MCP connector
 * (`mcp_servers` + `mcp_toolset` tools), containers with Agent Skills (`container.skills`, `container.id`),
 * `container_upload` blocks, and the files code execution creates.
 *
 * Deterministic rules for replies:
 * - MCP: the emulated MCP server of the first `mcp_servers` entry offers the tools its toolset enables
 *   (`configs` with enabled: true when `default_config.enabled` is false), or one tool `search` when the
 *   toolset enables all. The reply calls the first offered tool named in the prompt, or the first one:
 *   an `mcp_tool_use` block, an `mcp_tool_result` block (`<server>.<tool> result for: <prompt>`), then the
 *   text `Echo: ...`.
 * - Skills: with skills loaded and code execution among the tools, the reply runs code
 *   (`server_tool_use` bash_code_execution + `bash_code_execution_tool_result`) that creates one file per
 *   pre-built document skill (xlsx -> report.xlsx, docx -> report.docx, pptx -> presentation.pptx,
 *   pdf -> report.pdf; a custom skill -> output.txt), stored in the Files store (downloadable), whose
 *   bytes name the skill and the uploaded files it read. The reply's `container` names the container
 *   (the one asked for, or a new one) and its skills.
 */
import { EmulatorHttpError, type Emulator } from '../types';
import { newId } from '../ids';

type Params = Record<string, any>;

const bad = (message: string) => new EmulatorHttpError(400, 'invalid_request_error', message);
const isObject = (value: unknown): value is Params => typeof value === 'object' && value !== null && !Array.isArray(value);

const MCP_BETAS = ['mcp-client-2025-11-20', 'mcp-client-2026-09-15'];
export const PREBUILT_SKILLS = ['pptx', 'xlsx', 'docx', 'pdf'];
const CODE_EXECUTION = /^code_execution_/;

export const SKILL_OUTPUTS: Record<string, { filename: string; mime: string }> = {
	xlsx: { filename: 'report.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	docx: { filename: 'report.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
	pptx: { filename: 'presentation.pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
	pdf: { filename: 'report.pdf', mime: 'application/pdf' },
};
const CUSTOM_OUTPUT = { filename: 'output.txt', mime: 'text/plain' };

export interface FeatureOptions {
	/** The request's anthropic-beta values; undefined inside a batch (its header is not checked here). */
	betas?: string[];
	emulator?: Emulator;
	countTokens?: boolean;
}

function hasCodeExecution(params: Params): boolean {
	return Array.isArray(params.tools) && params.tools.some((tool: Params) => CODE_EXECUTION.test(String(tool?.type)));
}

export function validateFeatures(params: Params, options: FeatureOptions): void {
	validateMcp(params, options);
	validateContainer(params, options);
	const uploads = (params.messages ?? []).some((message: Params) => Array.isArray(message?.content) && message.content.some((block: Params) => block?.type === 'container_upload'));
	if (uploads && !hasCodeExecution(params)) throw bad('container_upload blocks need the code execution tool: add a code_execution tool to `tools`.');
}

function validateMcp(params: Params, options: FeatureOptions): void {
	const servers = params.mcp_servers;
	const toolsets = (Array.isArray(params.tools) ? params.tools : []).filter((tool: Params) => tool?.type === 'mcp_toolset');
	if (servers === undefined && !toolsets.length) return;
	if (options.betas && !options.betas.some((beta) => MCP_BETAS.includes(beta))) {
		throw bad(`mcp_servers: the MCP connector needs the anthropic-beta header ${MCP_BETAS[0]}`);
	}
	if (!Array.isArray(servers)) throw bad('mcp_servers: Input should be a valid list');
	const names = new Set<string>();
	servers.forEach((server, index) => {
		if (!isObject(server) || server.type !== 'url') throw bad(`mcp_servers.${index}.type: Input should be 'url'`);
		if (typeof server.name !== 'string' || !server.name) throw bad(`mcp_servers.${index}.name: Field required`);
		if (names.has(server.name)) throw bad(`mcp_servers: MCP server names must be unique (duplicate: ${server.name})`);
		names.add(server.name);
		let url: URL | undefined;
		try {
			url = new URL(String(server.url));
		} catch {
			url = undefined;
		}
		if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw bad(`mcp_servers.${index}.url: Input should be a valid URL`);
		if (server.authorization_token != null && typeof server.authorization_token !== 'string') throw bad(`mcp_servers.${index}.authorization_token: Input should be a valid string`);
	});
	const referenced = new Set<string>();
	for (const toolset of toolsets) {
		if (!names.has(toolset.mcp_server_name)) throw bad(`tools: mcp_toolset references MCP server '${String(toolset.mcp_server_name)}', which is not in mcp_servers`);
		if (referenced.has(toolset.mcp_server_name)) throw bad(`tools: MCP server '${toolset.mcp_server_name}' is referenced by more than one mcp_toolset`);
		referenced.add(toolset.mcp_server_name);
	}
	for (const name of names) if (!referenced.has(name)) throw bad(`mcp_servers: MCP server '${name}' is not referenced by any mcp_toolset in tools`);
}

function validateContainer(params: Params, options: FeatureOptions): void {
	const container = params.container;
	if (container === undefined || container === null || typeof container === 'string') return;
	if (!isObject(container)) throw bad('container: Input should be a valid dictionary or string');
	if (container.id != null && typeof container.id !== 'string') throw bad('container.id: Input should be a valid string');
	if (container.skills == null) return;
	if (!Array.isArray(container.skills)) throw bad('container.skills: Input should be a valid list');
	if (!hasCodeExecution(params)) throw bad('container.skills: skills need the code execution tool in `tools`');
	container.skills.forEach((skill: unknown, index: number) => {
		if (!isObject(skill) || (skill.type !== 'anthropic' && skill.type !== 'custom')) throw bad(`container.skills.${index}.type: Input should be 'anthropic' or 'custom'`);
		if (typeof skill.skill_id !== 'string' || !skill.skill_id) throw bad(`container.skills.${index}.skill_id: Field required`);
		if (skill.type === 'anthropic' && !PREBUILT_SKILLS.includes(skill.skill_id)) throw new EmulatorHttpError(404, 'not_found_error', `Skill not found: ${skill.skill_id}`);
		const custom = (options.emulator?.state.skills as { skills?: Map<string, unknown> } | undefined)?.skills;
		if (skill.type === 'custom' && custom instanceof Map && !custom.has(skill.skill_id)) throw new EmulatorHttpError(404, 'not_found_error', `Skill not found: ${skill.skill_id}`);
	});
}

/** The MCP server's tools this request enables, or undefined without MCP. */
function mcpTools(params: Params): { server: string; tools: string[] } | undefined {
	const server = params.mcp_servers?.[0];
	if (!server) return undefined;
	const toolset = (params.tools ?? []).find((tool: Params) => tool?.type === 'mcp_toolset' && tool.mcp_server_name === server.name) ?? {};
	const allOn = toolset.default_config?.enabled !== false;
	const configured = Object.entries((toolset.configs ?? {}) as Record<string, Params>)
		.filter(([, config]) => config?.enabled !== false)
		.map(([name]) => name);
	return { server: server.name, tools: allOn && !configured.length ? ['search'] : configured };
}

export function mcpBlocks(params: Params, userText: string): Params[] {
	const offered = mcpTools(params);
	if (!offered?.tools.length) return [];
	const tool = offered.tools.find((name) => userText.toLowerCase().includes(name.toLowerCase())) ?? offered.tools[0];
	const id = newId('mcptoolu');
	return [
		{ type: 'mcp_tool_use', id, name: tool, server_name: offered.server, input: { query: userText } },
		{ type: 'mcp_tool_result', tool_use_id: id, is_error: false, content: [{ type: 'text', text: `${offered.server}.${tool} result for: ${userText}`, citations: null }] },
	];
}

interface ContainerState {
	skills: Params[];
}

/** Runs the loaded skills: the blocks that show it and the files it made. */
export function skillBlocks(params: Params, emulator: Emulator | undefined): { blocks: Params[]; container: Params | null } {
	const asked = isObject(params.container) ? params.container : typeof params.container === 'string' ? { id: params.container } : undefined;
	const containers: Map<string, ContainerState> = (emulator?.state.containers as Map<string, ContainerState>) ?? new Map();
	if (emulator && !emulator.state.containers) emulator.state.containers = containers;
	if (!asked && !hasCodeExecution(params)) return { blocks: [], container: null };
	const id = typeof asked?.id === 'string' ? asked.id : newId('container');
	const state = containers.get(id) ?? { skills: [] };
	if (Array.isArray(asked?.skills)) state.skills = asked.skills;
	containers.set(id, state);
	const container = {
		id,
		expires_at: '2030-01-01T00:00:00Z',
		skills: state.skills.length ? state.skills.map((skill) => ({ type: skill.type, skill_id: skill.skill_id, version: skill.version ?? 'latest' })) : null,
	};
	const uploads = (params.messages ?? []).flatMap((message: Params) =>
		Array.isArray(message?.content) ? message.content.filter((block: Params) => block?.type === 'container_upload').map((block: Params) => block.file_id as string) : [],
	);
	const files = emulator?.state.files as { addFile?: Function; get?: (id: string) => { meta: { filename: string } } | undefined } | undefined;
	if (!state.skills.length || !files?.addFile) return { blocks: [], container };
	const read = uploads.map((fileId: string) => files.get?.(fileId)?.meta.filename ?? fileId);
	const outputs = state.skills.map((skill) => (skill.type === 'anthropic' ? SKILL_OUTPUTS[skill.skill_id] : CUSTOM_OUTPUT) ?? CUSTOM_OUTPUT);
	const made = outputs.map((output) => files.addFile!(output.filename, output.mime, `emulated ${output.filename} from: ${read.join(', ') || 'no input files'}\n`, { downloadable: true }));
	const useId = newId('srvtoolu');
	return {
		container,
		blocks: [
			{ type: 'server_tool_use', id: useId, name: 'bash_code_execution', input: { command: `python make_${outputs.map((o) => o.filename).join('_')}.py` }, caller: { type: 'direct' } },
			{
				type: 'bash_code_execution_tool_result',
				tool_use_id: useId,
				content: { type: 'bash_code_execution_result', stdout: `Wrote ${outputs.map((o) => o.filename).join(', ')}`, stderr: '', return_code: 0, content: made.map((file: Params) => ({ type: 'bash_code_execution_output', file_id: file.id })) },
			},
		],
	};
}

/**
 * Citations: every document of the last user message with citations enabled, and every search result,
 * is cited once, in order, by the reply's text (SDK TextCitation shapes): text documents by characters
 * (the first 40), PDFs and files by page 1, search results by their first block.
 */
export function citationsFor(params: Params): Params[] {
	const messages: Params[] = params.messages ?? [];
	const lastUser = [...messages].reverse().find((message) => message?.role === 'user');
	const blocks: Params[] = Array.isArray(lastUser?.content) ? lastUser.content : [];
	const citations: Params[] = [];
	let documentIndex = 0;
	let searchIndex = 0;
	for (const block of blocks) {
		if (block?.type === 'document') {
			const index = documentIndex++;
			if (block.citations?.enabled !== true) continue;
			const title = typeof block.title === 'string' ? block.title : null;
			if (block.source?.type === 'text') {
				const cited = String(block.source.data).slice(0, 40);
				citations.push({ type: 'char_location', cited_text: cited, document_index: index, document_title: title, start_char_index: 0, end_char_index: cited.length, file_id: null });
			} else {
				citations.push({ type: 'page_location', cited_text: `Page 1 of ${title ?? `document ${index}`}`, document_index: index, document_title: title, start_page_number: 1, end_page_number: 2, file_id: block.source?.file_id ?? null });
			}
		} else if (block?.type === 'search_result') {
			const index = searchIndex++;
			if (block.citations?.enabled === false) continue;
			const cited = String(block.content?.[0]?.text ?? '').slice(0, 40);
			citations.push({ type: 'search_result_location', cited_text: cited, search_result_index: index, source: block.source, title: block.title ?? null, start_block_index: 0, end_block_index: 1 });
		}
	}
	return citations;
}
