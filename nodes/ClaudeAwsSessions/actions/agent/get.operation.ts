/** Get an agent, optionally at a past version. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { agents } from '../../../api/agents';
import { parameterError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { tuningOnlyOptions } from '../../helpers/descriptions';
import { requiredLocator } from '../../helpers/params';
import { agentLocator } from './shared';

const show = { resource: ['agent'], operation: ['get'] };

export const description: INodeProperties[] = [
	agentLocator({ show }),
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Version to read; 0 reads the latest',
		displayOptions: { show },
	},
	tuningOnlyOptions({ show }),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
	const agentId = requiredLocator(this, 'agentId', 'Agent', i);
	const version = Number(this.getNodeParameter('version', i, 0));
	if (!Number.isInteger(version) || version < 0) throw parameterError(this.getNode(), 'Version', 'must be a whole number (0 for the latest)', i);
	return (await agents.retrieve(client, agentId, version > 0 ? version : undefined)) as IDataObject;
}
