/**
 * The MCP connector: each server of the MCP Servers field becomes an `mcp_servers` entry and one
 * `mcp_toolset` tool (SDK 1.15, beta mcp-client-2025-11-20); an allow-list turns every tool off by
 * default and back on by name.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { parameterError } from '../errors';
import { MCP_BETA } from '../../api/messages/betas';
import type { McpServer, McpToolset } from '../../api/messages/types';
import { splitList } from './attachments';
import { PROMPT_PARAMETERS as P } from './parameters';

const M = P.mcpServers;

export interface McpRequestParts {
	servers: McpServer[];
	toolsets: McpToolset[];
	betas: string[];
}

export function readMcpServers(node: INode, raw: IDataObject | undefined, itemIndex: number): McpRequestParts {
	const entries = ((raw ?? {})[M.entry.name] as IDataObject[] | undefined) ?? [];
	const servers: McpServer[] = [];
	const toolsets: McpToolset[] = [];
	const names = new Set<string>();
	entries.forEach((entry, position) => {
		const where = `server ${position + 1}`;
		const url = String(entry[M.url.name] ?? '').trim();
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
			throw parameterError(node, M.label, `${where} has URL "${url}", which is not an http(s) URL`, itemIndex, 'e.g. https://mcp.example.com/sse');
		}
		const name = String(entry[M.serverName.name] ?? '').trim();
		if (!name) throw parameterError(node, M.label, `${where} has no ${M.serverName.label}`, itemIndex);
		if (names.has(name)) throw parameterError(node, M.label, `two servers are named "${name}"; names must be unique`, itemIndex);
		names.add(name);
		const token = entry[M.authorizationToken.name];
		if (token !== undefined && token !== null && typeof token !== 'string') {
			throw parameterError(node, M.label, `${where} ("${name}") has an ${M.authorizationToken.label} that is not text`, itemIndex);
		}
		servers.push({ type: 'url', url, name, ...(typeof token === 'string' && token.trim() ? { authorization_token: token.trim() } : {}) });
		const allowed = splitList(entry[M.allowedTools.name]);
		toolsets.push({
			type: 'mcp_toolset',
			mcp_server_name: name,
			...(allowed.length ? { default_config: { enabled: false }, configs: Object.fromEntries(allowed.map((tool) => [tool, { enabled: true }])) } : {}),
		});
	});
	return { servers, toolsets, betas: servers.length ? [MCP_BETA] : [] };
}
