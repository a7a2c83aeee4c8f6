/**
 * Operations that only name objects by ID (Get, Archive, Delete...) and lists inside a parent (a vault's
 * credentials, a store's memories): every ID read with readId before any request.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Paging } from '../../api/resource';
import { readReturnAllAndLimit, returnAllAndLimit, tuningOnlyOptions } from '../../shared/descriptions';
import { readId } from '../../shared/idLocator';
import type { RunContext } from '../../shared/router';
import type { ItemResult } from '../../shared/runPerItem';
import type { ClaudeAwsClient, QueryValue } from '../../transport/client';
import { locator, type IdParam } from './ids';

export function readIds(context: IExecuteFunctions, params: IdParam[], itemIndex: number): string[] {
	return params.map((param) => readId(context, param.spec.name, param.spec.displayName, itemIndex, { noun: param.noun }));
}

export function showFor(resource: string, operation: string) {
	return { show: { resource: [resource], operation: [operation] } };
}

type IdCall = (client: ClaudeAwsClient, ids: string[], context: IExecuteFunctions, itemIndex: number) => Promise<unknown>;

/** An operation on one object named by its IDs (parent first); `fields` go between the IDs and Options. */
export function idOperation(resource: string, operation: string, params: IdParam[], run: IdCall, fields: INodeProperties[] = [], what?: string) {
	const displayOptions = showFor(resource, operation);
	const description: INodeProperties[] = [
		...params.map((param, index) => locator(param, displayOptions, index === params.length - 1 && what ? what : undefined)),
		...fields.map((field) => ({ ...field, displayOptions })),
		tuningOnlyOptions(displayOptions),
	];
	async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<ItemResult> {
		const ids = readIds(this, params, itemIndex);
		return (await run(client, ids, this, itemIndex)) as IDataObject;
	}
	return { description, perItem };
}

type Lister = (client: ClaudeAwsClient, ids: string[], paging: Paging, query: Record<string, QueryValue>) => Promise<unknown[]>;
type QueryReader = (context: IExecuteFunctions, itemIndex: number) => Record<string, QueryValue>;

/** A List with Return All/Limit, inside the objects `parents` name (none for top-level lists). */
export function listOperation(resource: string, parents: IdParam[], lister: Lister, filters: INodeProperties[] = [], readQuery?: QueryReader) {
	const displayOptions = showFor(resource, 'list');
	const description: INodeProperties[] = [
		...parents.map((param) => locator(param, displayOptions)),
		...returnAllAndLimit(displayOptions),
		...filters.map((field) => ({ ...field, displayOptions })),
		tuningOnlyOptions(displayOptions),
	];
	async function perItem(this: IExecuteFunctions, itemIndex: number, { client }: RunContext): Promise<IDataObject[]> {
		const ids = readIds(this, parents, itemIndex);
		const query = readQuery?.(this, itemIndex) ?? {};
		return (await lister(client, ids, readReturnAllAndLimit(this, itemIndex), query)) as IDataObject[];
	}
	return { description, perItem };
}

export const includeArchivedField = (plural: string): INodeProperties => ({
	displayName: 'Include Archived',
	name: 'includeArchived',
	type: 'boolean',
	default: false,
	description: `Whether to include archived ${plural}`,
});

export function readIncludeArchived(context: IExecuteFunctions, itemIndex: number): Record<string, QueryValue> {
	return context.getNodeParameter('includeArchived', itemIndex, false) === true ? { include_archived: true } : {};
}
