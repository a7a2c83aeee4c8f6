/** Metadata on vaults, credentials and memory stores: set on create; on update set keys and remove keys. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterError } from '../../shared/errors';
import { metadataFrom } from './params';

export const metadataOption: INodeProperties = {
	displayName: 'Metadata',
	name: 'metadata',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Metadata',
	options: [
		{
			name: 'entries',
			displayName: 'Entry',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export const removeMetadataOption: INodeProperties = {
	displayName: 'Remove Metadata Keys',
	name: 'removeMetadata',
	type: 'string',
	default: '',
	placeholder: 'e.g. team, owner',
	description: 'Metadata keys to delete, separated by commas; other keys are kept',
};

/** The update's metadata patch: a string upserts a key, null deletes it; undefined when nothing changes. */
export function metadataPatch(context: IExecuteFunctions, fields: IDataObject, itemIndex: number): Record<string, string | null> | undefined {
	const set = metadataFrom(context, fields.metadata as IDataObject | undefined, 'Metadata', itemIndex) ?? {};
	const patch: Record<string, string | null> = { ...set };
	for (const key of String(fields.removeMetadata ?? '').split(',').map((k) => k.trim()).filter(Boolean)) {
		if (key === '__proto__') throw parameterError(context.getNode(), 'Remove Metadata Keys', 'key "__proto__" cannot be used', itemIndex);
		if (key in set) throw parameterError(context.getNode(), 'Remove Metadata Keys', `"${key}" is both set and removed`, itemIndex);
		patch[key] = null;
	}
	return Object.keys(patch).length ? patch : undefined;
}
