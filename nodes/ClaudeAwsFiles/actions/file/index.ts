/** The File resource: operation selector and every operation's parameters. */
import type { INodeProperties } from 'n8n-workflow';
import * as deleteFile from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as upload from './upload.operation';

export const operations = { upload, list, get, download, delete: deleteFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete a file', description: 'Delete a file for good' },
			{ name: 'Download', value: 'download', action: 'Download a file', description: 'Download a file\'s content into a binary field' },
			{ name: 'Get', value: 'get', action: 'Get a file', description: 'Get a file\'s metadata' },
			{ name: 'List', value: 'list', action: 'List files', description: 'List the workspace\'s files, newest first' },
			{ name: 'Upload', value: 'upload', action: 'Upload a file', description: 'Upload a binary file, to use it in messages and sessions' },
		],
		default: 'upload',
	},
	...upload.description,
	...list.description,
	...get.description,
	...download.description,
	...deleteFile.description,
];
