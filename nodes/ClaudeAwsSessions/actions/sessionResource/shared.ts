import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../../../shared/idLocator';

export const RESOURCE_ID = {
	name: 'resourceId',
	displayName: 'Session Resource',
	searchListMethod: 'searchSessionResources',
	placeholder: 'e.g. sesrsc_011CZkZBJq5dWxk9fVLNcPht',
	hint: 'The list shows the resources of the session picked above',
};

export function resourceLocator(displayOptions: IDisplayOptions, description = 'The resource of the session'): INodeProperties {
	return idLocator(RESOURCE_ID, displayOptions, description);
}

/** A resource as output: which session it belongs to, then the API's object. */
export const withSession = (sessionId: string, resource: unknown) => ({ session_id: sessionId, ...(resource as object) });
