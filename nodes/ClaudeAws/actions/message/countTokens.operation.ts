/** Count Tokens: the input tokens the same Messages request would use, without running it. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { requestTuningOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { buildMessageParams, toCountTokensParams } from '../../../shared/messageForm/buildRequest';
import { getConnectedTools, toToolDefinition } from './connectedTools';
import { promptFields } from '../../../shared/messageForm/promptFields';

const displayOptions = { show: { resource: ['message'], operation: ['countTokens'] } };

export const description: INodeProperties[] = promptFields(displayOptions, { countTokensOnly: true, extraOptions: requestTuningOptions });

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	const extraTools = (await getConnectedTools(this)).map(toToolDefinition);
	return await runPerItem(
		this,
		async (itemIndex) => {
			const params = await buildMessageParams(this, itemIndex, { extraTools, countTokens: true });
			return await client.request({ method: 'POST', path: '/v1/messages/count_tokens', body: toCountTokensParams(params) });
		},
		{ concurrency: tuning.concurrency },
	);
}
