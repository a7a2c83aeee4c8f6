/** Dropdown searches for resource locators, shared by every node (models, batches, files, agents, environments, sessions). */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { agents } from '../../api/agents';
import { batches } from '../../api/batches';
import { environments } from '../../api/environments';
import { files } from '../../api/files';
import { models } from '../../api/models';
import { onePage, type Noun } from '../../api/resource';
import { sessions } from '../../api/sessions';
import { memoryStores, MEMORY, MEMORY_VERSION } from '../../api/memoryStores';
import { skills, SKILL_VERSION } from '../../api/skills';
import { vaults, VAULT_CREDENTIAL } from '../../api/vaults';
import { idProblem } from '../../api/path';
import { getClient } from '../client';
import { toNodeError } from '../errors';

type Entry = { name: string; value: string; url?: string };

async function searchList(
	context: ILoadOptionsFunctions,
	resource: { noun: Noun; path: string },
	toResult: (item: any) => Entry,
	filter: string | undefined,
	paginationToken: string | undefined,
	keep: (entry: Entry) => boolean = () => true,
): Promise<INodeListSearchResult> {
	try {
		const client = await getClient(context);
		const page = await onePage<any>(client, resource.noun, resource.path, paginationToken);
		const needle = filter?.trim().toLowerCase();
		const results = page.data.map(toResult).filter(keep).filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
		return { results, paginationToken: page.next };
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
}

/** A deprecated model still answers but is headed for retirement: say so where it is picked. */
function modelEntry(m: { id: string; display_name?: string; lifecycle?: string; retires_at?: string | null }): Entry {
	const name = m.display_name ? `${m.display_name} (${m.id})` : m.id;
	if (m.lifecycle !== 'deprecated') return { name, value: m.id };
	const retires = typeof m.retires_at === 'string' ? `, retires ${m.retires_at.slice(0, 10)}` : '';
	return { name: `${name} — deprecated${retires}`, value: m.id };
}

export async function searchModels(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, models, modelEntry, filter, paginationToken);
}

export async function searchBatches(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, batches, (b) => ({ name: `${b.id} (${b.processing_status})`, value: b.id }), filter, paginationToken);
}

export async function searchFiles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, files, (f) => ({ name: `${f.filename} (${f.id})`, value: f.id }), filter, paginationToken);
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, agents, (a) => ({ name: a.name ? `${a.name} (${a.id})` : a.id, value: a.id }), filter, paginationToken);
}

export async function searchEnvironments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, environments, (e) => ({ name: e.name ? `${e.name} (${e.id})` : e.id, value: e.id }), filter, paginationToken);
}

export async function searchSessions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(
		this,
		sessions,
		(s) => ({ name: s.title ? `${s.title} (${s.id}, ${s.status})` : `${s.id} (${s.status})`, value: s.id }),
		filter,
		paginationToken,
	);
}

export async function searchVaults(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, vaults, (v) => ({ name: `${v.display_name} (${v.id})`, value: v.id }), filter, paginationToken);
}

export async function searchMemoryStores(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, memoryStores, (m) => ({ name: `${m.name} (${m.id})`, value: m.id }), filter, paginationToken);
}

export async function searchSkills(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, skills, (s) => ({ name: `${s.display_name} (${s.id})`, value: s.id }), filter, paginationToken);
}

/** The ID picked in another field of the same node (the vault of a credential...), through the one ID rule. */
function parentId(context: ILoadOptionsFunctions, name: string, label: string): string {
	const raw = context.getCurrentNodeParameter(name, { extractValue: true });
	const id = typeof raw === 'string' ? raw.trim() : '';
	const problem = idProblem(id, label.toLowerCase());
	if (problem) throw toNodeError(context.getNode(), new Error(`Pick the ${label} first: ${problem}.`));
	return id;
}

export async function searchVaultCredentials(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const path = vaults.credentials.path(parentId(this, 'vaultId', 'Vault'));
	return searchList(this, { noun: VAULT_CREDENTIAL, path }, (c) => ({ name: `${c.display_name || c.auth?.mcp_server_url || c.auth?.secret_name || c.id} (${c.id})`, value: c.id }), filter, paginationToken);
}

export async function searchMemories(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const path = memoryStores.memories.path(parentId(this, 'memoryStoreId', 'Memory Store'));
	// Folder entries (memory_prefix) have no ID to pick.
	return searchList(this, { noun: MEMORY, path }, (m) => ({ name: m.id ? `${m.path} (${m.id})` : '', value: m.id ?? '' }), filter, paginationToken, (e) => e.value !== '');
}

export async function searchMemoryVersions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const path = memoryStores.versions.path(parentId(this, 'memoryStoreId', 'Memory Store'));
	return searchList(this, { noun: MEMORY_VERSION, path }, (v) => ({ name: `${v.path ?? v.memory_id} ${v.operation} ${v.created_at} (${v.id})`, value: v.id }), filter, paginationToken);
}

export async function searchSkillVersions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const path = skills.versions.path(parentId(this, 'skillId', 'Skill'));
	return searchList(this, { noun: SKILL_VERSION, path }, (v) => ({ name: `${v.name} ${v.id} (${v.created_at})`, value: v.id }), filter, paginationToken);
}
