/** The Skill Source fields shared by Skill > Create and Skill Version > Create. */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SkillUpload } from '../../api/skills';
import { parameterError } from '../../shared/errors';
import { folderUpload, zipUpload } from './skillUpload';

export function skillSourceFields(displayOptions: IDisplayOptions): INodeProperties[] {
	const show = displayOptions.show ?? {};
	return [
		{
			displayName: 'Skill Source',
			name: 'skillSource',
			type: 'options',
			noDataExpression: true,
			default: 'zip',
			options: [
				{ name: 'Zip Archive', value: 'zip', description: 'The skill folder packed as one zip (e.g. by the Compression node)' },
				{ name: 'Files', value: 'files', description: 'The files of the skill folder, each in a binary field of the item' },
			],
			displayOptions,
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The binary field holding the zip of the skill folder',
			displayOptions: { show: { ...show, skillSource: ['zip'] } },
		},
		{
			displayName: 'Input Binary Fields',
			name: 'binaryPropertyNames',
			type: 'string',
			default: '',
			placeholder: 'e.g. skill_md, script',
			hint: 'Binary fields holding the files, separated by commas; empty uploads every binary field of the item',
			displayOptions: { show: { ...show, skillSource: ['files'] } },
		},
		{
			displayName: 'Folder Name',
			name: 'folderName',
			type: 'string',
			default: '',
			placeholder: 'e.g. my-skill',
			description: "The skill folder's name; empty uses the files' common folder (from their binary data), which files without a folder do not have",
			displayOptions: { show: { ...show, skillSource: ['files'] } },
		},
	];
}

export async function readSkillUpload(context: IExecuteFunctions, i: number, fields: Record<string, string> = {}): Promise<SkillUpload> {
	const kind = String(context.getNodeParameter('skillSource', i, 'zip'));
	if (kind === 'zip') {
		const field = String(context.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
		if (!field) throw parameterError(context.getNode(), 'Input Binary Field', 'no binary field name was given', i, 'Enter the binary field that holds the zip, usually "data".');
		return await zipUpload(context, i, field, fields);
	}
	if (kind === 'files') {
		return await folderUpload(context, i, String(context.getNodeParameter('binaryPropertyNames', i, '') ?? ''), String(context.getNodeParameter('folderName', i, '') ?? ''), fields);
	}
	throw parameterError(context.getNode(), 'Skill Source', `"${kind}" is neither Zip Archive nor Files`, i);
}
