/** Count Tokens: the input tokens the same Messages request would use, without running it. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { messages } from '../../../api/messages';
import { requestTuningOptions } from '../../../shared/descriptions';
import { buildMessageParams, toCountTokensParams } from '../../../shared/messageForm/buildRequest';
import { promptFields } from '../../../shared/messageForm/promptFields';
import type { RunContext } from '../../../shared/router';
import type { ItemResult } from '../../../shared/runPerItem';
import { connectedToolsOfRun, toToolDefinition } from './connectedTools';

const displayOptions = { show: { resource: ['message'], operation: ['countTokens'] } };

export const description: INodeProperties[] = promptFields(displayOptions, { countTokensOnly: true, extraOptions: requestTuningOptions });

export async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<ItemResult> {
	const extraTools = (await connectedToolsOfRun(this)).map(toToolDefinition);
	const params = await buildMessageParams(this, itemIndex, { extraTools, countTokens: true });
	return await messages.countTokens(client, toCountTokensParams(params));
}
