/** Get: one file's metadata. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { runPerItem } from '../../../shared/runPerItem';
import type { RunTuning } from '../../../shared/tuning';
import type { ClaudeAwsClient } from '../../../transport/client';
import { aboutFile, fileIdProperty, filePath, readFileId } from '../../helpers/fileId';

const displayOptions = { show: { resource: ['file'], operation: ['get'] } };

export const description: INodeProperties[] = [
	fileIdProperty(displayOptions),
	tuningOnlyOptions(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: ClaudeAwsClient, tuning: RunTuning): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (itemIndex) => {
			const id = readFileId(this, itemIndex);
			return await aboutFile(id, () => client.request<IDataObject>({ method: 'GET', path: filePath(id) }));
		},
		{ concurrency: tuning.concurrency },
	);
}
