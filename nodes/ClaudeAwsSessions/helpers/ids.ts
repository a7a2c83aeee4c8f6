/** The ID fields of vaults, memory stores, skills and what they hold; dropdowns page through the API. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { idLocator, type IdFieldSpec } from '../../shared/idLocator';

export interface IdParam {
	spec: IdFieldSpec;
	/** How an error words it: 'is not a vault ID'. */
	noun: string;
}

export const VAULT: IdParam = {
	spec: { name: 'vaultId', displayName: 'Vault', searchListMethod: 'searchVaults', placeholder: 'e.g. vlt_011CZkZDLs7fYzm1hXNPeRjv' },
	noun: 'vault',
};
export const CREDENTIAL: IdParam = {
	spec: { name: 'credentialId', displayName: 'Credential', searchListMethod: 'searchVaultCredentials', placeholder: 'e.g. vcrd_011CZkZEMt8gZan2iYPQfSkw', searchFilterRequired: false },
	noun: 'vault credential',
};
export const MEMORY_STORE: IdParam = {
	spec: { name: 'memoryStoreId', displayName: 'Memory Store', searchListMethod: 'searchMemoryStores', placeholder: 'e.g. memstore_011CZkZ9f3kPeRjvXnMemory' },
	noun: 'memory store',
};
export const MEMORY: IdParam = {
	spec: { name: 'memoryId', displayName: 'Memory', searchListMethod: 'searchMemories', placeholder: 'e.g. mem_011CZkZ9f3kPeRjvXnMemory1', searchFilterRequired: false },
	noun: 'memory',
};
export const MEMORY_VERSION: IdParam = {
	spec: {
		name: 'memoryVersionId',
		displayName: 'Memory Version',
		searchListMethod: 'searchMemoryVersions',
		placeholder: 'e.g. memver_011CZkZ9f3kPeRjvXnVersion',
		defaultMode: 'id',
		hint: 'Usually an expression such as {{ $json.memory_version_id }}',
	},
	noun: 'memory version',
};
export const SKILL: IdParam = {
	spec: { name: 'skillId', displayName: 'Skill', searchListMethod: 'searchSkills', placeholder: 'e.g. skill_01AbCdEfGhIjKlMnOpQrStUv' },
	noun: 'skill',
};
export const SKILL_VERSION: IdParam = {
	spec: { name: 'skillVersion', displayName: 'Version', searchListMethod: 'searchSkillVersions', placeholder: 'e.g. 1759178010641129', searchFilterRequired: false },
	noun: 'skill version',
};

export function locator(param: IdParam, displayOptions: IDisplayOptions, description?: string): INodeProperties {
	return idLocator(param.spec, displayOptions, description ?? `The ${param.noun}`);
}
