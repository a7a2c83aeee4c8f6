/** Get Model: one model's details (display name, limits, lifecycle). */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../../transport/client';
import { parameterError } from '../../../shared/errors';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import { modelLocator } from '../../../shared/modelOptions';

const displayOptions = { show: { resource: ['model'], operation: ['get'] } };

export const description: INodeProperties[] = [
	{ ...modelLocator('modelId', 'The model to get'), displayOptions },
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		async (itemIndex) => {
			const id = String(this.getNodeParameter('modelId', itemIndex, '', { extractValue: true }) ?? '').trim();
			if (!id) throw parameterError(this.getNode(), 'Model', 'no model is selected', itemIndex);
			return await client.request({ method: 'GET', path: `/v1/models/${encodeURIComponent(id)}` });
		},
		{ concurrency: tuning.concurrency },
	);
}
