/**
 * Session resources of every kind the SDK has (file, GitHub repository, memory store): the Start
 * option's fields and the one reader, so Start and Session Resource > Add check them the same way,
 * before any request.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ID_RULE, idProblem } from '../../api/path';
import { parameterError } from '../../shared/errors';

export const RESOURCES_LABEL = 'Resources';
/** Managed Agents memory docs: a session mounts at most 8 memory stores. The SDK states no other count limit. */
export const MAX_MEMORY_STORES = 8;
/** The SDK's BetaManagedAgentsMemoryStoreResourceParam: instructions "Max 4096 chars". */
const MAX_INSTRUCTIONS = 4096;
const KINDS = ['file', 'github_repository', 'memory_store'];

export const resourcesField: INodeProperties = {
	displayName: RESOURCES_LABEL,
	name: 'resources',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Resource',
	description: "Files, GitHub repositories and memory stores to mount in the session's container",
	options: [
		{
			displayName: 'Resource',
			name: 'resource',
			values: [
				{
					displayName: 'Access',
					name: 'access',
					type: 'options',
					default: 'read_write',
					options: [
						{
							name: 'Read and Write',
							value: 'read_write',
						},
						{
							name: 'Read Only',
							value: 'read_only',
						},
					]
				},
				{
					displayName: 'Authorization Token',
					name: 'authorizationToken',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'GitHub token to clone with;	needed for private repositories. Never shown in outputs.',
				},
				{
					displayName: 'Branch',
					name: 'branch',
					type: 'string',
					default: '',
					description: 'Empty checks out the repository\'s default branch',
				},
				{
					displayName: 'Commit SHA',
					name: 'commit',
					type: 'string',
					default: '',
					description: 'A full commit SHA to check out instead of a branch',
				},
				{
					displayName: 'File ID',
					name: 'fileId',
					type: 'string',
					default: '',
					placeholder: 'e.g. file_011CNha8iCJcU1wXNR6q4V8w',
				},
				{
					displayName: 'Instructions',
					name: 'instructions',
					type: 'string',
					default: '',
					description: 'How the agent should use this store (at most 4096 characters)',
				},
				{
					displayName: 'Kind',
					name: 'kind',
					type: 'options',
					default: 'file',
					options: [
						{
							name: 'File',
							value: 'file',
							description: 'A file uploaded with the Files API',
						},
						{
							name: 'GitHub Repository',
							value: 'github_repository',
							description: 'Cloned into the container',
						},
						{
							name: 'Memory Store',
							value: 'memory_store',
							description: 'Memory that outlives the session',
						},
						]
				},
				{
					displayName: 'Memory Store ID',
					name: 'memoryStoreId',
					type: 'string',
					default: '',
					placeholder: 'e.g. memstore_011CZkZBJq5dWxk9fVLNcPht',
				},
				{
					displayName: 'Mount Path',
					name: 'mountPath',
					type: 'string',
					default: '',
					description: 'Where it appears in the container;	empty uses the API default',
				},
				{
					displayName: 'Repository URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://github.com/acme/shop',
				},
			],
		},
	],
};

/** The `resource` entries of the Resources option as the API's resource params. */
export function resourcesFrom(context: IExecuteFunctions, collection: IDataObject | undefined, itemIndex: number, label = RESOURCES_LABEL): IDataObject[] {
	const entries = (collection?.resource as IDataObject[] | undefined) ?? [];
	const resources = entries.map((entry, at) => resourceFrom(context, entry, `${label} ${at + 1}`, itemIndex));
	const stores = resources.filter((r) => r.type === 'memory_store').length;
	if (stores > MAX_MEMORY_STORES) {
		throw parameterError(context.getNode(), label, `has ${stores} memory stores; a session can mount at most ${MAX_MEMORY_STORES}`, itemIndex);
	}
	return resources;
}

export function resourceFrom(context: IExecuteFunctions, entry: IDataObject, label: string, itemIndex: number): IDataObject {
	const fail = (message: string, hint?: string) => parameterError(context.getNode(), label, message, itemIndex, hint);
	const kind = String(entry.kind ?? 'file');
	const text = (name: string) => String(entry[name] ?? '').trim();
	const id = (name: string, noun: string) => {
		const value = text(name);
		const problem = idProblem(value, noun);
		if (problem) throw fail(problem, `${ID_RULE}.`);
		return value;
	};
	const mountPath = text('mountPath');
	switch (kind) {
		case 'file':
			return { type: 'file', file_id: id('fileId', 'file'), ...(mountPath ? { mount_path: mountPath } : {}) };
		case 'github_repository': {
			const url = text('url');
			if (!/^https:\/\/\S+$/i.test(url)) throw fail(url ? `"${url.slice(0, 60)}" is not an https repository URL` : 'has no Repository URL', 'E.g. https://github.com/acme/shop.');
			const branch = text('branch');
			const commit = text('commit');
			if (branch && commit) throw fail('has both a Branch and a Commit SHA', 'Give one of them.');
			if (commit && !/^[0-9a-f]{40}$/i.test(commit)) throw fail('Commit SHA must be a full 40-character SHA');
			const resource: IDataObject = { type: 'github_repository', url };
			const token = String(entry.authorizationToken ?? '');
			if (token) resource.authorization_token = token;
			if (branch) resource.checkout = { type: 'branch', name: branch };
			if (commit) resource.checkout = { type: 'commit', sha: commit };
			if (mountPath) resource.mount_path = mountPath;
			return resource;
		}
		case 'memory_store': {
			const resource: IDataObject = { type: 'memory_store', memory_store_id: id('memoryStoreId', 'memory store'), access: entry.access === 'read_only' ? 'read_only' : 'read_write' };
			const instructions = text('instructions');
			if (instructions.length > MAX_INSTRUCTIONS) throw fail(`Instructions are ${instructions.length} characters; at most ${MAX_INSTRUCTIONS} are allowed`);
			if (instructions) resource.instructions = instructions;
			return resource;
		}
		default:
			throw fail(`"${kind.slice(0, 40)}" is not a kind of resource`, `Use one of: ${KINDS.join(', ')}.`);
	}
}
