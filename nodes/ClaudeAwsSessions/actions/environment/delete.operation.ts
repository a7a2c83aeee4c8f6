/** Delete an environment for good (Archive keeps it readable); sessions that used it keep their history. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { environments } from '../../../api/environments';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { environmentLocator } from './shared';

const show = { resource: ['environment'], operation: ['delete'] };

export const description: INodeProperties[] = [environmentLocator({ show }, 'The environment to delete'), tuningOnlyOptions({ show })];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const environmentId = requiredLocator(this, 'environmentId', 'Environment', i);
	const answer = (await environments.delete(client, environmentId)) as IDataObject;
	return { ...answer, id: environmentId, deleted: true };
}
