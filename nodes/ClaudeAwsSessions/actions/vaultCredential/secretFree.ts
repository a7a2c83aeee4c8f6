/**
 * n8n keeps a copy of the node, parameters included, in every error it records (execution data, the
 * workflow error). A credential's secrets are node parameters here, so the errors of Create and Update
 * carry a copy of the node whose secret parameters are blanked out.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeParameters } from 'n8n-workflow';
import { toNodeError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import type { ItemResult } from '../../../shared/runPerItem';

/** Every parameter path of the credential forms that holds a secret. */
const SECRET_PATHS = [['token'], ['accessToken'], ['secretValue'], ['oauthOptions', 'refreshToken'], ['oauthOptions', 'clientSecret'], ['updateFields', 'secret'], ['updateFields', 'refreshToken'], ['updateFields', 'clientSecret']];

export const REDACTED = '[secret not shown]';

export function secretFreeNode(node: INode): INode {
	const parameters = structuredClone(node.parameters ?? {}) as IDataObject;
	for (const path of SECRET_PATHS) {
		let holder: IDataObject | undefined = parameters;
		for (const key of path.slice(0, -1)) holder = holder?.[key] !== null && typeof holder?.[key] === 'object' ? (holder[key] as IDataObject) : undefined;
		const last = path[path.length - 1];
		if (holder && holder[last] !== undefined && holder[last] !== '') holder[last] = REDACTED;
	}
	return { ...node, parameters: parameters as INodeParameters };
}

type PerItem = (this: IExecuteFunctions, itemIndex: number, run: RunContext) => Promise<ItemResult>;

/** The operation's errors, whatever made them, with the secret-free copy of the node. */
export function withoutSecrets(perItem: PerItem): PerItem {
	return async function (this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<ItemResult> {
		try {
			return await perItem.call(this, itemIndex, run);
		} catch (error) {
			const node = secretFreeNode(this.getNode());
			const nodeError = toNodeError(node, error, itemIndex);
			(nodeError as { node: INode }).node = node;
			throw nodeError;
		}
	};
}
