import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../../../shared/idLocator';

export const ENVIRONMENT_ID = { name: 'environmentId', displayName: 'Environment', searchListMethod: 'searchEnvironments', placeholder: 'e.g. env_011CZkZ9X2dpNyB7HsEFoRfW' };

export function environmentLocator(displayOptions: IDisplayOptions, description = 'The environment'): INodeProperties {
	return idLocator(ENVIRONMENT_ID, displayOptions, description);
}
