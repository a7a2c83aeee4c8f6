/**
 * Binary data in and out of a harness run. Input files are stored by a small "Test Input" node
 * through the real `this.helpers.prepareBinaryData`, so the node under test receives exactly
 * what it would get from n8n's Read File or HTTP Request nodes: metadata plus an id pointing at
 * the BinaryDataService (or base64 inline in 'default' mode).
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';

import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { getEngine } from './engine';

export interface BinaryInput {
	/** The bytes, or a path of a file to stream in. */
	data: Buffer | string;
	fileName?: string;
	mimeType?: string;
}

export type BinaryInputs = Record<string, BinaryInput>;

export type ItemInput = INodeExecutionData | IDataObject;

export const INPUT_NODE_TYPE = 'n8n-nodes-claude-aws-test.input';

export function toExecutionItems(items: ItemInput[]): INodeExecutionData[] {
	return items.map((item) =>
		isExecutionItem(item) ? item : { json: item as IDataObject },
	);
}

function isExecutionItem(item: ItemInput): item is INodeExecutionData {
	const keys = Object.keys(item);
	return (
		keys.length > 0 &&
		'json' in item &&
		typeof item.json === 'object' &&
		item.json !== null &&
		keys.every((k) => ['json', 'binary', 'pairedItem', 'error', 'index'].includes(k))
	);
}

/**
 * A pass-through node that outputs its input items (each paired to itself) with the given
 * per-item binary files attached. It is the first node of every runNode() workflow.
 */
export function createInputNode(binary: Array<BinaryInputs | undefined> = []): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: INPUT_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Feeds test items into the node under test',
		defaults: { name: 'Test Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};
	return {
		description,
		async execute(this: IExecuteFunctions) {
			const items = this.getInputData();
			const count = Math.max(items.length, binary.length);
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < count; i++) {
				const item = items[i] ?? { json: {} };
				const files = binary[i];
				const attached: Record<string, IBinaryData> = { ...(item.binary ?? {}) };
				for (const [property, file] of Object.entries(files ?? {})) {
					attached[property] = await storeBinary(this, file);
				}
				out.push({
					json: item.json,
					...(Object.keys(attached).length > 0 ? { binary: attached } : {}),
					pairedItem: { item: Math.min(i, items.length - 1) },
				});
			}
			return [out];
		},
	};
}

async function storeBinary(ctx: IExecuteFunctions, file: BinaryInput): Promise<IBinaryData> {
	const isPath = typeof file.data === 'string';
	const fileName = file.fileName ?? (isPath ? path.basename(file.data as string) : undefined);
	// Always pass a MIME type: without one n8n sniffs it with the ESM-only `file-type`, which
	// jest cannot load without --experimental-vm-modules.
	const mimeType = file.mimeType ?? 'application/octet-stream';
	const content = isPath ? createReadStream(file.data as string) : (file.data as Buffer);
	return await ctx.helpers.prepareBinaryData(content, fileName, mimeType);
}

/** Bytes of a binary property as n8n stores it (on disk or inline), read back through the service. */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	const { binaryDataService } = await getEngine();
	return await binaryDataService.getAsBuffer(binary);
}
