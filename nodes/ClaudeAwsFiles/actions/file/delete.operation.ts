/** Delete: removes a file for good; the output says which one. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { aboutFile, fileIdProperty, filePath, readFileId } from '../../helpers/fileId';

const displayOptions = { show: { resource: ['file'], operation: ['delete'] } };

export const description: INodeProperties[] = [
	fileIdProperty(displayOptions),
	tuningOnlyOptions(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (itemIndex) => {
			const id = readFileId(this, itemIndex);
			const answer = await aboutFile(id, () => client.request<{ id?: string }>({ method: 'DELETE', path: filePath(id) }));
			return { id: answer?.id ?? id, deleted: true };
		},
		{ concurrency: tuning.concurrency },
	);
}
