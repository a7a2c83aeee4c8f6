/** Get an environment. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { environments } from '../../../api/environments';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { environmentLocator } from './shared';

const show = { resource: ['environment'], operation: ['get'] };

export const description: INodeProperties[] = [environmentLocator({ show }), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const environmentId = requiredLocator(this, 'environmentId', 'Environment', i);
	return (await environments.retrieve(client, environmentId)) as IDataObject;
}
