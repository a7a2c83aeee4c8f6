/**
 * A skill folder from an item's binary data, as the multipart body the Skills API takes: one zip, or
 * several files whose names are their paths in the folder. Checked before any request: a zip must be a
 * zip, files must sit in one folder with SKILL.md at its root. Bytes are streamed, never held.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import type { SkillUpload } from '../../api/skills';
import { binarySource, type BinarySource } from '../../shared/binaryInput';
import { parameterError } from '../../shared/errors';
import { multipartFiles, type MultipartPart } from '../../transport/multipartFiles';

type Source = BinarySource;

const source = (context: IExecuteFunctions, i: number, field: string, label: string): Promise<Source> =>
	binarySource(context, i, field, label, 'The item carries no binary data: put a node that outputs files (Compression, Read/Write Files from Disk...) before this one.');

/** The first bytes of a source, without reading the rest. */
async function head(src: Source, count: number): Promise<Buffer> {
	const stream = await src.open();
	const chunks: Buffer[] = [];
	let length = 0;
	try {
		for await (const chunk of stream) {
			chunks.push(Buffer.from(chunk as Buffer));
			length += (chunk as Buffer).length;
			if (length >= count) break;
		}
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, count);
}

export async function zipUpload(context: IExecuteFunctions, i: number, field: string, fields: Record<string, string>): Promise<SkillUpload> {
	const label = 'Input Binary Field';
	const zip = await source(context, i, field, label);
	const name = zip.binary.fileName ?? 'skill.zip';
	if (zip.size === 0) throw parameterError(context.getNode(), label, `the file "${name}" is empty`, i);
	const magic = await head(zip, 4);
	if (!magic.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
		throw parameterError(
			context.getNode(),
			label,
			`"${name}" (${zip.binary.mimeType || 'no MIME type'}) is not a zip archive`,
			i,
			'Pack the skill folder with the Compression node (Compress, format Zip), or pick Skill Source: Files to upload the files one by one.',
		);
	}
	const fileName = /\.zip$/i.test(name) ? name : `${name}.zip`;
	return toUpload([{ fieldName: 'files[]', fileName, contentType: 'application/zip', open: zip.open, size: zip.size }], fields);
}

function dirOf(binary: IBinaryData): string[] {
	return (binary.directory ?? '').replace(/\\/g, '/').split('/').filter((segment) => segment !== '' && segment !== '.');
}

/**
 * The skill folder is the files' common directory (Read Files from Disk gives absolute ones, the
 * Compression node relative ones); Folder Name names it when the files have none or to rename it.
 */
export async function folderUpload(context: IExecuteFunctions, i: number, fieldList: string, folderName: string, fields: Record<string, string>): Promise<SkillUpload> {
	const label = 'Input Binary Fields';
	const node = context.getNode();
	const item = context.getInputData()[i];
	const names = fieldList.trim() ? fieldList.split(',').map((n) => n.trim()).filter(Boolean) : Object.keys(item?.binary ?? {});
	if (!names.length) throw parameterError(node, label, 'the item has no binary files', i, "Put the skill's files (SKILL.md and the rest) in the item's binary data, e.g. with the Compression node's Decompress.");
	const given = folderName.trim().replace(/^\/+|\/+$/g, '');
	if (given && !/^[A-Za-z0-9._-]+$/.test(given)) throw parameterError(node, 'Folder Name', `"${given.slice(0, 60)}" is not a folder name`, i, 'Use letters, digits, ".", "_" and "-", e.g. my-skill.');
	const files: Array<{ name: string; src: Source; dir: string[] }> = [];
	for (const name of names) {
		const src = await source(context, i, name, label);
		if (!src.binary.fileName) throw parameterError(node, label, `the file in "${name}" has no file name`, i, 'Each file needs its name (and folder) so the skill keeps its layout.');
		const dir = dirOf(src.binary);
		if ([...dir, src.binary.fileName].some((segment) => segment === '..')) throw parameterError(node, label, `the path of "${name}" leaves the skill folder`, i);
		files.push({ name, src, dir });
	}
	let common = files[0].dir;
	for (const file of files) common = common.slice(0, common.findIndex((segment, k) => file.dir[k] !== segment) >>> 0);
	const folder = given || common[common.length - 1];
	if (!folder) throw parameterError(node, 'Folder Name', 'is empty, and the files are in no folder', i, 'Enter the name of the skill folder, e.g. my-skill.');
	const parts: MultipartPart[] = files.map(({ src, dir }) => ({
		fieldName: 'files[]',
		fileName: [folder, ...dir.slice(common.length), src.binary.fileName].join('/'),
		contentType: src.binary.mimeType || 'application/octet-stream',
		open: src.open,
		size: src.size,
	}));
	if (!parts.some((part) => part.fileName === `${folder}/SKILL.md`)) {
		throw parameterError(node, label, `there is no SKILL.md at the root of the folder "${folder}"`, i, 'A skill is a folder with a SKILL.md (name and description in its front matter) at its root.');
	}
	return toUpload(parts, fields);
}

function toUpload(parts: MultipartPart[], fields: Record<string, string>): SkillUpload {
	const body = multipartFiles(parts, fields);
	return { open: body.open, contentType: body.contentType, contentLength: body.contentLength };
}
