/** The "File" ID field shared by Get, Download and Delete. */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idLocator, readId } from '../../shared/idLocator';

const FILE_ID = {
	name: 'fileId',
	displayName: 'File',
	searchListMethod: 'searchFiles',
	placeholder: 'e.g. file_011CNha8iCJcU1wXNR6q4V8w',
	searchFilterRequired: false,
};

export function fileIdProperty(displayOptions: IDisplayOptions): INodeProperties {
	return idLocator(FILE_ID, displayOptions, 'The file to use');
}

export function readFileId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, FILE_ID.name, FILE_ID.displayName, itemIndex, { noun: 'file', hint: 'Pick a file from the list or enter its ID, e.g. file_011CNha8iCJcU1wXNR6q4V8w: letters, digits, "_" and "-" only.' });
}
