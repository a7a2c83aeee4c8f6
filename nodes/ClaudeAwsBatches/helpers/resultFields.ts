import type { INodeProperties } from 'n8n-workflow';

export const routeErrorsOption: INodeProperties = {
	displayName: 'Route Errored/Expired to Second Output',
	name: 'routeErrors',
	type: 'boolean',
	default: false,
	description:
		'Whether results without a reply (errored, expired or canceled requests) go to a second output named Errors, so the main output holds only replies',
};
