/** models: the live list of models and one model's details. */
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import type { ClaudeAwsClient } from '../transport/client';
import { route } from './path';
import { callAbout, defineNoun, list, type Paging } from './resource';

export type Model = ModelInfo;

export const MODEL = defineNoun('model', 'id');

export const models = {
	noun: MODEL,
	path: route`/v1/models`,
	list: (client: ClaudeAwsClient, paging: Paging) => list<Model>(client, MODEL, route`/v1/models`, paging),
	retrieve: (client: ClaudeAwsClient, id: string) => callAbout<Model>(client, MODEL, id, { method: 'GET', path: route`/v1/models/${id}` }, ['id']),
};
