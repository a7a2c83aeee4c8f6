/** files: upload (streamed multipart), list, metadata, content (streamed), delete. */
import type { Readable } from 'node:stream';
import type { DeletedFile as SdkDeletedFile, FileMetadata } from '@anthropic-ai/sdk/resources/files';
import type { ClaudeAwsClient, StreamedResponse } from '../transport/client';
import { route } from './path';
import { call, callAbout, defineNoun, list, namingNotFound, type Paging } from './resource';

export type FileObject = FileMetadata;
export type DeletedFile = SdkDeletedFile;

export const FILE = defineNoun('file', 'page');

export interface UploadBody {
	open: () => Promise<Readable>;
	contentType: string;
	contentLength?: number;
}

export const files = {
	noun: FILE,
	path: route`/v1/files`,
	list: (client: ClaudeAwsClient, paging: Paging) => list<FileObject>(client, FILE, route`/v1/files`, paging),
	retrieve: (client: ClaudeAwsClient, id: string) => callAbout<FileObject>(client, FILE, id, { method: 'GET', path: route`/v1/files/${id}` }, ['id', 'filename']),
	delete: (client: ClaudeAwsClient, id: string) => callAbout<DeletedFile>(client, FILE, id, { method: 'DELETE', path: route`/v1/files/${id}` }, ['id']),
	/** Not idempotent: a retried upload after a lost answer would store the file twice. */
	upload: (client: ClaudeAwsClient, body: UploadBody, options: { maxRetries?: number; signal?: AbortSignal } = {}) =>
		call<FileObject>(client, FILE, { method: 'POST', path: route`/v1/files`, stream: body, idempotent: false, ...options }, ['id']),
	/** The bytes, streamed: the caller consumes or destroys the body. */
	async content(client: ClaudeAwsClient, id: string, signal?: AbortSignal): Promise<StreamedResponse> {
		try {
			return await client.stream({ method: 'GET', path: route`/v1/files/${id}/content`, headers: { accept: 'application/binary' }, signal });
		} catch (error) {
			throw namingNotFound(error, FILE, id);
		}
	},
};
