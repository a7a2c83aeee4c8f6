/** A skill's versions: each upload of its folder is one; Download gives the folder back as a zip. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { skills } from '../../../api/skills';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import { SKILL, SKILL_VERSION, locator } from '../../helpers/ids';
import { idOperation, listOperation, readIds, showFor } from '../../helpers/resourceOperations';
import { readSkillUpload, skillSourceFields } from '../../helpers/skillSource';
import * as download from './download.operation';

const R = 'skillVersion';
const createShow = showFor(R, 'create');

export { download };

export const create = {
	description: [locator(SKILL, createShow, 'The skill to add a version to'), ...skillSourceFields(createShow), tuningOnlyOptions(createShow)] as INodeProperties[],
	created: (result: ItemResult) => idOf(result, 'id'),
	async perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const [skillId] = readIds(this, [SKILL], i);
		const upload = await readSkillUpload(this, i);
		return (await skills.versions.create(client, skillId, upload, this.getExecutionCancelSignal())) as unknown as IDataObject;
	},
};

export const list = listOperation(R, [SKILL], (client, [skillId], paging) => skills.versions.list(client, skillId, paging));
export const get = idOperation(R, 'get', [SKILL, SKILL_VERSION], (client, [skillId, version]) => skills.versions.retrieve(client, skillId, version));
const remove = idOperation(R, 'delete', [SKILL, SKILL_VERSION], (client, [skillId, version]) => skills.versions.delete(client, skillId, version), [], 'The version to delete');
export { remove as delete };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [R] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a skill version' },
			{ name: 'Delete', value: 'delete', action: 'Delete a skill version' },
			{ name: 'Download', value: 'download', action: 'Download a skill version' },
			{ name: 'Get', value: 'get', action: 'Get a skill version' },
			{ name: 'List', value: 'list', action: 'List skill versions' },
		],
		default: 'list',
	},
	...create.description,
	...list.description,
	...get.description,
	...remove.description,
	...download.description,
];
