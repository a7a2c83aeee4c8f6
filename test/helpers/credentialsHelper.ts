/**
 * An ICredentialsHelper that behaves like n8n's CLI one for the parts a node can observe:
 * - credential data is stored encrypted with n8n-core's real `Credentials` class (so data that
 *   would not survive n8n's encrypt/decrypt round trip fails here too) and decrypted on lookup;
 * - defaults from the credential type's properties are filled in and values of fields that are
 *   not displayed are dropped, as n8n does before a node ever sees the data; `={{ }}`
 *   expressions in credential data are resolved in the node's execution context;
 * - `authenticate` runs the credential type's function, or applies a generic
 *   `{ type: 'generic', properties }` block resolving `={{$credentials.x}}` expressions;
 * - `preAuthentication` runs for types with an expirable hidden property, and the refreshed
 *   data is kept for later lookups, like n8n's database update.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UnexpectedError, isExpression } from 'n8n-workflow';
import { Credentials, getAdditionalKeys } from 'n8n-core';

export type CredentialTypeInput = ICredentialType | (new () => ICredentialType);
export type CredentialsInput = Record<string, ICredentialDataDecryptedObject>;

export function toCredentialType(input: CredentialTypeInput): ICredentialType {
	return typeof input === 'function' ? new input() : input;
}

/** Stable fake id per credential type, as it would appear in `node.credentials`. */
export function credentialIdFor(type: string): string {
	return `cred-${type}`;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	private readonly stored = new Map<string, ICredentialsEncrypted>();

	/** Every authenticate() call, so tests can assert a request went through the credential. */
	readonly authenticateCalls: Array<{ type: string; request: IHttpRequestOptions }> = [];

	constructor(types: CredentialTypeInput[] = []) {
		super();
		for (const t of types) {
			const type = toCredentialType(t);
			this.types.set(type.name, type);
		}
	}

	async setCredentials(credentials: CredentialsInput): Promise<void> {
		for (const [type, data] of Object.entries(credentials)) {
			const c = new Credentials({ id: credentialIdFor(type), name: `${type} (test)` }, type);
			await c.setData(data);
			this.stored.set(type, c.getDataToSave());
		}
	}

	recognizes(type: string): boolean {
		return this.types.has(type);
	}

	getType(type: string): ICredentialType {
		const found = this.types.get(type);
		if (!found) {
			throw new UnexpectedError(
				`Credential type "${type}" is not known to the test harness: pass it in credentialTypes`,
			);
		}
		return found;
	}

	getParentTypes(name: string): string[] {
		const type = this.types.get(name);
		if (!type?.extends) return [];
		return type.extends.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some(
			(supported) => nodeType === supported || nodeType.endsWith(`.${supported}`),
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.getType(typeName);
		let result = requestOptions as IHttpRequestOptions;
		if (typeof type.authenticate === 'function') {
			result = await type.authenticate(credentials, requestOptions as IHttpRequestOptions);
		} else if (type.authenticate?.type === 'generic') {
			if (!workflow || !node) {
				throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
			}
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, outerValue] of Object.entries(type.authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
					const resolve = (v: unknown) =>
						typeof v === 'string' && isExpression(v)
							? String(
									workflow.expression.getSimpleParameterValue(node, v, 'internal', {
										$credentials: credentials,
									}) ?? '',
								)
							: v;
					target[outerKey] ??= {};
					target[outerKey][String(resolve(key))] = resolve(value);
				}
			}
		}
		this.authenticateCalls.push({ type: typeName, request: result });
		return result;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const updated = Object.assign(credentials, output);
		await this.setCredentials({ [typeName]: updated });
		return updated;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const stored = this.stored.get(type);
		if (!stored) {
			throw new UnexpectedError(`No test credentials given for type "${type}"`);
		}
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type, stored.data);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const original = await (await this.getCredentials(nodeCredentials, type)).getData();
		if (raw === true || !this.types.has(type)) return original;
		let data = this.applyDefaults(type, original);
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			data = workflow.expression.getParameterValue(
				data as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	/**
	 * n8n's applyDefaultsAndOverwrites minus overwrites: defaults fill untouched fields, and
	 * values of fields that are not displayed (displayOptions) or not declared are dropped
	 * before a node or a credential test sees the data.
	 */
	applyDefaults(type: string, original: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.setCredentials({ [type]: data });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const typeData = this.getType(type);
		if (!typeData.extends) return typeData.properties;
		const combined: INodeProperties[] = [];
		for (const parent of typeData.extends) {
			if (this.types.has(parent)) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, typeData.properties);
		return combined;
	}
}
