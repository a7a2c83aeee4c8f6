/** Archive an environment: new sessions cannot use it. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { environments } from '../../../api/environments';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { environmentLocator } from './shared';

const show = { resource: ['environment'], operation: ['archive'] };

export const description: INodeProperties[] = [environmentLocator({ show }, 'The environment to archive'), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const environmentId = requiredLocator(this, 'environmentId', 'Environment', i);
	return (await environments.archive(client, environmentId)) as IDataObject;
}
