/** Custom skills: a folder with SKILL.md that agents can load. Create uploads its first version. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { skills } from '../../../api/skills';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { QueryValue } from '../../../transport/client';
import { SKILL } from '../../helpers/ids';
import { idOperation, listOperation, showFor } from '../../helpers/resourceOperations';
import { readSkillUpload, skillSourceFields } from '../../helpers/skillSource';

const R = 'skill';
const createShow = showFor(R, 'create');

export const create = {
	description: [
		...skillSourceFields(createShow),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: createShow,
			options: [{ displayName: 'Display Title', name: 'displayTitle', type: 'string', default: '', description: "A label for the skill; without it the SKILL.md front matter's name is used" }],
		},
		tuningOnlyOptions(createShow),
	] as INodeProperties[],
	created: (result: ItemResult) => idOf(result, 'id'),
	async perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const title = String(extra.displayTitle ?? '').trim();
		if (title.length > 255 || /[\r\n]/.test(title)) throw parameterError(this.getNode(), 'Display Title', 'must be one line of at most 255 characters', i);
		const upload = await readSkillUpload(this, i, title ? { display_name: title } : {});
		return (await skills.create(client, upload, this.getExecutionCancelSignal())) as unknown as IDataObject;
	},
};

export const list = listOperation(
	R,
	[],
	(client, _ids, paging, query) => skills.list(client, paging, query),
	[
		{
			displayName: 'Source',
			name: 'skillListSource',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Custom (Yours)', value: 'custom' },
				{ name: 'Anthropic', value: 'anthropic' },
			],
			description: 'Which skills to list',
		},
	],
	(context, i): Record<string, QueryValue> => {
		const source = String(context.getNodeParameter('skillListSource', i, 'all'));
		return source === 'all' ? {} : { source };
	},
);

export const get = idOperation(R, 'get', [SKILL], (client, [id]) => skills.retrieve(client, id));

const remove = idOperation(
	R,
	'delete',
	[SKILL],
	async (client, [id], context, i) => {
		// The API refuses to delete a skill that still has versions; this deletes them first when asked.
		if (context.getNodeParameter('deleteVersions', i, false) === true) {
			for (const version of await skills.versions.list(client, id, { returnAll: true })) await skills.versions.delete(client, id, version.id);
		}
		return await skills.delete(client, id);
	},
	[{ displayName: 'Delete Versions First', name: 'deleteVersions', type: 'boolean', default: false, description: 'Whether to delete all versions of the skill first; the API refuses to delete a skill that has versions' }],
	'The skill to delete',
);
export { remove as delete };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [R] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a skill' },
			{ name: 'Delete', value: 'delete', action: 'Delete a skill' },
			{ name: 'Get', value: 'get', action: 'Get a skill' },
			{ name: 'List', value: 'list', action: 'List skills' },
		],
		default: 'list',
	},
	...create.description,
	...list.description,
	...get.description,
	...remove.description,
];
