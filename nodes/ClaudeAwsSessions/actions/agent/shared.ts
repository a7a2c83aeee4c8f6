import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../../../shared/idLocator';

export const AGENT_ID = { name: 'agentId', displayName: 'Agent', searchListMethod: 'searchAgents', placeholder: 'e.g. agent_011CZkYpogX7uDKUyvBTophP' };

export function agentLocator(displayOptions: IDisplayOptions, description = 'The agent'): INodeProperties {
	return idLocator(AGENT_ID, displayOptions, description);
}
