/**
 * An item's binary property as an upload source: exact size and a stream factory, without reading the
 * file into memory when n8n keeps it outside the item (filesystem or S3 mode).
 */
import { Readable } from 'node:stream';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { parameterError } from './errors';

export interface BinarySource {
	binary: IBinaryData;
	/** Exact size in bytes, when n8n knows it. */
	size?: number;
	/** A fresh stream of the bytes on each call (a retry sends the file again). */
	open: () => Promise<Readable>;
}

export const INPUT_BINARY_FIELD = 'Input Binary Field';

/** `label` names the parameter that holds the property name (Files > Upload's "Input Binary Field" by default). */
export async function binarySource(context: IExecuteFunctions, itemIndex: number, propertyName: string, label = INPUT_BINARY_FIELD, noBinaryHint?: string): Promise<BinarySource> {
	const item = context.getInputData()[itemIndex];
	const binary = item?.binary?.[propertyName];
	if (!binary) {
		const present = Object.keys(item?.binary ?? {});
		throw parameterError(
			context.getNode(),
			label,
			`the item has no binary field "${propertyName}"`,
			itemIndex,
			present.length > 0
				? `Its binary fields are: ${present.map((name) => `"${name}"`).join(', ')}. Set ${label} to one of them.`
				: (noBinaryHint ?? 'The item carries no binary data at all: put a node that outputs a file (Read/Write Files from Disk, HTTP Request...) before this one.'),
		);
	}
	const id = binary.id;
	if (id) {
		return { binary, size: await storedSize(context, binary, id), open: async () => await context.helpers.getBinaryStream(id) };
	}
	// Inline (base64 in the item): the bytes are in memory already, so decoding them costs no extra reads.
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return { binary, size: bytes.length, open: async () => Readable.from([bytes]) };
}

async function storedSize(context: IExecuteFunctions, binary: IBinaryData, id: string): Promise<number | undefined> {
	// `bytes` is exact where this n8n version sets it; `fileSize` on the item is a rounded "1.2 MB", so ask the store instead.
	if (typeof binary.bytes === 'number' && Number.isFinite(binary.bytes)) return binary.bytes;
	try {
		const metadata = await context.helpers.getBinaryMetadata(id);
		const size = Number(metadata.fileSize);
		return Number.isFinite(size) && size >= 0 ? size : undefined;
	} catch {
		// Some stores keep no metadata: the upload is then sent chunked and the gateway checks the size.
		return undefined;
	}
}
