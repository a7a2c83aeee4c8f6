/**
 * Agent Skills and containers: Anthropic's pre-built document skills and custom skills go into
 * `container.skills` (they run in code execution, which is added when missing), and Container ID reuses
 * a container (its files and state) from an earlier answer.
 */
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { skills } from '../../api/skills';
import type { ClaudeAwsClient } from '../../transport/client';
import { ClaudeApiError } from '../../transport/errors';
import { parameterError } from '../errors';
import type { ContainerParams, SkillParams, ToolDefinition } from '../../api/messages/types';
import { named, PROMPT_PARAMETERS as P } from './parameters';
import type { FieldScope } from './promptFields';
import { CODE_EXECUTION_TOOL } from './toolDefinitions';

const C = P.customSkills;

export const PREBUILT_SKILLS = [
	{ name: 'Excel', value: 'xlsx', description: 'Read and create spreadsheets (xlsx)' },
	{ name: 'PDF', value: 'pdf', description: 'Read, fill and create PDF documents (pdf)' },
	{ name: 'PowerPoint', value: 'pptx', description: 'Read and create presentations (pptx)' },
	{ name: 'Word', value: 'docx', description: 'Read and create documents (docx)' },
];

const SKILL_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function skillFields({ displayOptions }: FieldScope): INodeProperties[] {
	return [
		{
			...named(P.skills),
			type: 'multiOptions',
			default: [],
			options: PREBUILT_SKILLS,
			description: 'Anthropic\'s document skills Claude may use to read and create files (runs in code execution, which is turned on with them)',
			displayOptions,
		},
		{
			...named(C),
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Skill',
			default: {},
			description: 'Skills of this workspace (Skills API) to load in the container',
			options: [
				{
					...named(C.entry),
					values: [
						{
							...named(C.skillId),
							type: 'resourceLocator',
							default: { mode: 'list', value: '' },
							modes: [
								{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchSkills', searchable: true } },
								{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. skill_01AbCdEf...' },
							],
						},
						{ ...named(C.version), type: 'string', default: '', placeholder: 'latest', description: 'A version of the skill; empty for the latest' },
					],
				},
			],
			displayOptions,
		},
	];
}

export function readSkills(node: INode, picked: unknown, custom: IDataObject | undefined, itemIndex: number): SkillParams[] {
	const prebuilt = (Array.isArray(picked) ? picked : []).map(String);
	const known = PREBUILT_SKILLS.map((skill) => skill.value);
	for (const id of prebuilt) {
		if (!known.includes(id)) throw parameterError(node, P.skills.label, `"${id}" is not one of Anthropic's skills`, itemIndex, `Pick from ${known.join(', ')}, or add it under ${C.label}.`);
	}
	const skills: SkillParams[] = prebuilt.map((skill_id) => ({ type: 'anthropic', skill_id, version: 'latest' }));
	((custom?.[C.entry.name] as IDataObject[] | undefined) ?? []).forEach((entry, position) => {
		const raw = entry[C.skillId.name];
		const id = String((typeof raw === 'object' && raw !== null ? (raw as IDataObject).value : raw) ?? '').trim();
		if (!SKILL_ID.test(id)) throw parameterError(node, C.label, id ? `"${id}" is not a skill ID` : `skill ${position + 1} has no ${C.skillId.label}`, itemIndex, 'Skill IDs look like skill_01AbCdEf...; Skills > List shows them.');
		const version = String(entry[C.version.name] ?? '').trim();
		skills.push({ type: 'custom', skill_id: id, ...(version ? { version } : {}) });
	});
	return skills;
}

export function containerParam(node: INode, skills: SkillParams[], rawId: unknown, itemIndex: number): ContainerParams | undefined {
	const id = String(rawId ?? '').trim();
	if (id && !SKILL_ID.test(id)) throw parameterError(node, P.options.containerId.label, `"${id}" is not a container ID`, itemIndex, 'Use the container_id of an earlier answer.');
	if (!id && !skills.length) return undefined;
	return { ...(id ? { id } : {}), ...(skills.length ? { skills } : {}) };
}

/**
 * A custom skill that does not exist would fail the message with a 404 after the uploads: ask the
 * Skills API first, and name the field and the item.
 */
export async function checkCustomSkills(node: INode, client: ClaudeAwsClient, params: { container?: ContainerParams | string }, itemIndex: number): Promise<void> {
	const container = typeof params.container === 'object' ? params.container : undefined;
	for (const skill of container?.skills ?? []) {
		if (skill.type !== 'custom') continue;
		try {
			await skills.retrieve(client, skill.skill_id);
		} catch (error) {
			if (error instanceof ClaudeApiError && error.status === 404) {
				throw parameterError(node, C.label, `there is no skill "${skill.skill_id}" in this workspace`, itemIndex, 'Pick one from the list, or create it with Agents > Skill > Create.');
			}
			throw error;
		}
	}
}

/** Skills run in code execution: add the tool when the request does not have it yet. */
export function withCodeExecution(tools: ToolDefinition[], needed: boolean): ToolDefinition[] {
	if (!needed || tools.some((tool) => /^code_execution_/.test(String(tool.type)))) return tools;
	return [...tools, { type: CODE_EXECUTION_TOOL, name: 'code_execution' }];
}
