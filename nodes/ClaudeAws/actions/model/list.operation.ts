/** List Models: the models the gateway serves, newest first. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { models } from '../../../api/models';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { toNodeError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';

const displayOptions = { show: { resource: ['model'], operation: ['list'] } };

export const description: INodeProperties[] = [...returnAllAndLimit(displayOptions)];

/** One list for the whole input: listing once per item would repeat the same models. */
export async function execute(this: IExecuteFunctions, { client }: RunContext): Promise<INodeExecutionData[]> {
	try {
		const list = await models.list(client, readReturnAllAndLimit(this, 0));
		return list.map((model) => ({ json: model as unknown as IDataObject, pairedItem: { item: 0 } }));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
