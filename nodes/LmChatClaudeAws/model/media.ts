/**
 * n8n file content (images, PDFs, text) as Claude content blocks. The agent hands files over in several
 * shapes (base64, data URLs, bytes, a URL or a Files API ID, sometimes without a media type), so the
 * type is taken from the block, the data URL or the file's first bytes, in that order.
 */
import type { ContentFile } from '@n8n/ai-node-sdk';
import type { ContentBlockParam } from '../../api/messages/types';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const DATA_URL = /^data:([^;,]+)?(;[^,]*)?,/i;

export class UnsupportedFileError extends Error {}

export function fileBlock(file: ContentFile): ContentBlockParam {
	const meta = (file.providerMetadata ?? {}) as Record<string, unknown>;
	const url = typeof meta.url === 'string' ? meta.url : undefined;
	const fileId = typeof meta.fileId === 'string' ? meta.fileId : undefined;
	const title = typeof meta.filename === 'string' ? { title: meta.filename } : {};
	const { base64, mediaType: fromDataUrl } = dataOf(file.data);
	const mediaType = normalize(file.mediaType) || fromDataUrl || (base64 ? sniff(base64) : '') || (url ? byExtension(url) : '');
	const isImage = mediaType.startsWith('image/');

	if (fileId) return isImage ? { type: 'image', source: { type: 'file', file_id: fileId } } : { type: 'document', source: { type: 'file', file_id: fileId }, ...title };
	if (!base64 && url) return isImage ? { type: 'image', source: { type: 'url', url } } : { type: 'document', source: { type: 'url', url }, ...title };
	if (!base64) throw new UnsupportedFileError('A file in the conversation has no data, URL or file ID.');

	if (IMAGE_TYPES.includes(mediaType)) return { type: 'image', source: { type: 'base64', media_type: mediaType, data: base64 } };
	if (mediaType === 'application/pdf') return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64 }, ...title };
	if (mediaType.startsWith('text/') || mediaType === 'application/json') {
		return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(base64, 'base64').toString('utf8') }, ...title };
	}
	throw new UnsupportedFileError(
		`Claude cannot read a file of type ${mediaType || 'unknown'}: images (JPEG, PNG, GIF, WebP), PDF and plain text are supported.`,
	);
}

function dataOf(data: string | Uint8Array | undefined): { base64: string; mediaType: string } {
	if (data === undefined || data === null) return { base64: '', mediaType: '' };
	if (typeof data !== 'string') return { base64: Buffer.from(data).toString('base64'), mediaType: '' };
	const match = DATA_URL.exec(data);
	if (!match) return { base64: data.replace(/\s/g, ''), mediaType: '' };
	const payload = data.slice(match[0].length);
	const isBase64 = /;base64/i.test(match[2] ?? '');
	return {
		base64: isBase64 ? payload.replace(/\s/g, '') : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64'),
		mediaType: normalize(match[1]),
	};
}

function normalize(mediaType: string | undefined): string {
	const bare = (mediaType ?? '').split(';')[0].trim().toLowerCase();
	return bare === 'image/jpg' ? 'image/jpeg' : bare;
}

/** The type from the file's signature bytes, for blocks that come without one. */
function sniff(base64: string): string {
	const head = Buffer.from(base64.slice(0, 24), 'base64');
	const ascii = head.toString('latin1');
	if (head[0] === 0x89 && ascii.slice(1, 4) === 'PNG') return 'image/png';
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
	if (ascii.startsWith('GIF8')) return 'image/gif';
	if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image/webp';
	if (ascii.startsWith('%PDF')) return 'application/pdf';
	return '';
}

function byExtension(url: string): string {
	const path = url.split(/[?#]/)[0].toLowerCase();
	if (/\.(jpe?g)$/.test(path)) return 'image/jpeg';
	if (path.endsWith('.png')) return 'image/png';
	if (path.endsWith('.gif')) return 'image/gif';
	if (path.endsWith('.webp')) return 'image/webp';
	if (path.endsWith('.pdf')) return 'application/pdf';
	return '';
}
