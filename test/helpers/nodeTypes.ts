/**
 * The INodeTypes registry a Workflow needs, holding only the node types a test hands in.
 * Nodes are registered under their package-qualified name ("n8n-nodes-claude-aws.<name>"), the
 * way n8n loads a community package, and also under the bare description name so workflow JSON
 * may use either.
 */
import type { IDataObject, IExecuteFunctions, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError, isNodeClassInstance } from 'n8n-workflow';

export const PACKAGE_NAME = 'n8n-nodes-claude-aws';

export type NodeTypeInput = INodeType | IVersionedNodeType | (new () => INodeType | IVersionedNodeType);

export function toNodeType(input: NodeTypeInput): INodeType | IVersionedNodeType {
	return typeof input === 'function' ? new input() : input;
}

export function descriptionOf(type: INodeType | IVersionedNodeType) {
	return type.description;
}

export function latestVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** The name a node of this type carries in `node.type`. */
export function qualifiedName(type: INodeType | IVersionedNodeType): string {
	const { name } = descriptionOf(type);
	return name.includes('.') ? name : `${PACKAGE_NAME}.${name}`;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly byName = new Map<string, INodeType | IVersionedNodeType>();

	register(input: NodeTypeInput): string {
		const type = toNodeType(input);
		const qualified = qualifiedName(type);
		this.byName.set(qualified, type);
		this.byName.set(descriptionOf(type).name, type);
		return qualified;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.byName.get(nodeType);
		if (!found) throw new UnexpectedError(`Node type "${nodeType}" is not registered in the test harness`);
		return found;
	}

	/**
	 * Called with every error a node's execute() throws. n8n only keeps a plain-object copy of
	 * it in run data; this hands tests the original instance (NodeApiError, NodeOperationError).
	 */
	onExecuteError?: (nodeName: string, error: Error) => void;

	private readonly wrapped = new Map<INodeType, INodeType>();

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		return this.observe(type);
	}

	private observe(type: INodeType): INodeType {
		const execute = type.execute;
		if (!execute) return type;
		let wrapper = this.wrapped.get(type);
		if (!wrapper) {
			// Inherit from the real type so everything else (description, methods, the class tag
			// n8n checks with isNodeClassInstance) is untouched.
			wrapper = Object.create(type) as INodeType;
			const types = this;
			const classStyle = isNodeClassInstance(type);
			wrapper.execute = async function (this: IExecuteFunctions, ...args: unknown[]) {
				const context = (classStyle ? args[0] : this) as IExecuteFunctions;
				try {
					return await (execute as (...a: unknown[]) => ReturnType<NonNullable<INodeType['execute']>>).apply(
						this,
						args,
					);
				} catch (error) {
					types.onExecuteError?.(context.getNode().name, error as Error);
					throw error;
				}
			} as INodeType['execute'];
			this.wrapped.set(type, wrapper);
		}
		return wrapper;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
