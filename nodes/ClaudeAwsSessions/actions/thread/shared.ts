import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../../../shared/idLocator';

export const THREAD_ID = {
	name: 'threadId',
	displayName: 'Thread',
	searchListMethod: 'searchThreads',
	placeholder: 'e.g. sthr_011CZkZVWa6oJjw1rgXZpnBt',
	hint: 'The list shows the threads of the session picked above',
};

export function threadLocator(displayOptions: IDisplayOptions, description = 'The thread of the session'): INodeProperties {
	return idLocator(THREAD_ID, displayOptions, description);
}

export const THREAD_STATUS_OPTIONS = [
	{ name: 'Idle', value: 'idle' },
	{ name: 'Rescheduling', value: 'rescheduling' },
	{ name: 'Running', value: 'running' },
	{ name: 'Terminated', value: 'terminated' },
];
