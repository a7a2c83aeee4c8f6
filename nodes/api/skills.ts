/**
 * beta.skills with versions. No beta header: SDK 1.15 sends none for skills. Uploads are one streamed
 * multipart body of `files[]` parts whose file names are paths inside the skill folder.
 */
import type { Readable } from 'node:stream';
import type { BetaDeletedSkill, BetaSkill } from '@anthropic-ai/sdk/resources/beta/skills/skills';
import type { BetaDeletedSkillVersion, BetaSkillVersion } from '@anthropic-ai/sdk/resources/beta/skills/versions';
import type { ClaudeAwsClient, QueryValue, StreamedResponse } from '../transport/client';
import { route } from './path';
import { call, callAbout, defineNoun, list, namingNotFound, type Paging } from './resource';

export type Skill = BetaSkill;
export type SkillVersion = BetaSkillVersion;

export const SKILL = defineNoun('skill', 'page');
export const SKILL_VERSION = defineNoun('skill version', 'page');

export interface SkillUpload {
	open: () => Promise<Readable>;
	contentType: string;
	contentLength?: number;
}

export const skills = {
	noun: SKILL,
	path: route`/v1/skills`,
	/** Not idempotent: a retried upload after a lost answer would make a second skill. */
	create: (client: ClaudeAwsClient, upload: SkillUpload, signal?: AbortSignal) =>
		call<Skill>(client, SKILL, { method: 'POST', path: route`/v1/skills`, stream: upload, idempotent: false, signal }, ['id']),
	retrieve: (client: ClaudeAwsClient, id: string) => callAbout<Skill>(client, SKILL, id, { method: 'GET', path: route`/v1/skills/${id}` }, ['id']),
	list: (client: ClaudeAwsClient, paging: Paging, query: Record<string, QueryValue> = {}) => list<Skill>(client, SKILL, route`/v1/skills`, paging, query),
	delete: (client: ClaudeAwsClient, id: string) => callAbout<BetaDeletedSkill>(client, SKILL, id, { method: 'DELETE', path: route`/v1/skills/${id}` }, ['id']),

	versions: {
		path: (skillId: string) => route`/v1/skills/${skillId}/versions`,
		create: (client: ClaudeAwsClient, skillId: string, upload: SkillUpload, signal?: AbortSignal) =>
			callAbout<SkillVersion>(client, SKILL, skillId, { method: 'POST', path: route`/v1/skills/${skillId}/versions`, stream: upload, idempotent: false, signal }, ['id']),
		list: (client: ClaudeAwsClient, skillId: string, paging: Paging) => list<SkillVersion>(client, SKILL_VERSION, route`/v1/skills/${skillId}/versions`, paging),
		retrieve: (client: ClaudeAwsClient, skillId: string, version: string) =>
			callAbout<SkillVersion>(client, SKILL_VERSION, version, { method: 'GET', path: route`/v1/skills/${skillId}/versions/${version}` }, ['id']),
		delete: (client: ClaudeAwsClient, skillId: string, version: string) =>
			callAbout<BetaDeletedSkillVersion>(client, SKILL_VERSION, version, { method: 'DELETE', path: route`/v1/skills/${skillId}/versions/${version}` }, ['id']),
		/** The version's folder as a zip, streamed: the caller consumes or destroys the body. */
		async download(client: ClaudeAwsClient, skillId: string, version: string, signal?: AbortSignal): Promise<StreamedResponse> {
			try {
				return await client.stream({ method: 'GET', path: route`/v1/skills/${skillId}/versions/${version}/content`, headers: { accept: 'application/binary' }, signal });
			} catch (error) {
				throw namingNotFound(error, SKILL_VERSION, version);
			}
		},
	},
};
