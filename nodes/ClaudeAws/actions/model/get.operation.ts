/** Get Model: one model's details (display name, limits, lifecycle). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { models } from '../../../api/models';
import { readId } from '../../../shared/idLocator';
import { modelLocator } from '../../../shared/modelOptions';
import type { RunContext } from '../../../shared/router';
import type { ItemResult } from '../../../shared/runPerItem';

const displayOptions = { show: { resource: ['model'], operation: ['get'] } };

const MODEL_ID = 'modelId';

export const description: INodeProperties[] = [{ ...modelLocator(MODEL_ID, 'The model to get'), displayOptions }];

export async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<ItemResult> {
	// `..` or `a/b` would reach another endpoint (GET /v1/ for `..`): refused here, before any request.
	const id = readId(this, MODEL_ID, 'Model', itemIndex, { noun: 'model', hint: 'Pick a model from the list, or type a bare model ID such as claude-sonnet-5-5.' });
	return (await models.retrieve(client, id)) as unknown as IDataObject;
}
