/**
 * The resources agents use beyond sessions (vaults and their credentials, memory stores, memories and
 * their versions, skills and their versions): their fields and operations, so the node and the router
 * each take them in one line.
 */
import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../shared/router';
import * as memory from './memory';
import * as memoryStore from './memoryStore';
import * as memoryVersion from './memoryVersion';
import * as skill from './skill';
import * as skillVersion from './skillVersion';
import * as vault from './vault';
import * as vaultCredential from './vaultCredential';

export const agentResourceProperties: INodeProperties[] = [
	...vault.description,
	...vaultCredential.description,
	...memoryStore.description,
	...memory.description,
	...memoryVersion.description,
	...skill.description,
	...skillVersion.description,
];

export const agentResourceOperations: Record<string, Record<string, Operation>> = {
	vault: { create: vault.create, list: vault.list, get: vault.get, update: vault.update, archive: vault.archive, delete: vault.delete },
	vaultCredential: {
		create: vaultCredential.create,
		list: vaultCredential.list,
		get: vaultCredential.get,
		update: vaultCredential.update,
		archive: vaultCredential.archive,
		delete: vaultCredential.delete,
		validateMcpOAuth: vaultCredential.validateMcpOAuth,
	},
	memoryStore: { create: memoryStore.create, list: memoryStore.list, get: memoryStore.get, update: memoryStore.update, archive: memoryStore.archive, delete: memoryStore.delete },
	memory: { create: memory.create, list: memory.list, get: memory.get, update: memory.update, delete: memory.delete },
	memoryVersion: { list: memoryVersion.list, get: memoryVersion.get, redact: memoryVersion.redact },
	skill: { create: skill.create, list: skill.list, get: skill.get, delete: skill.delete },
	skillVersion: { create: skillVersion.create, list: skillVersion.list, get: skillVersion.get, delete: skillVersion.delete, download: skillVersion.download },
};
