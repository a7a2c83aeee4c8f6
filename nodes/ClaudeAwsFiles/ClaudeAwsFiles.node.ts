import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { searchFiles } from '../shared/methods/listSearch';
import * as file from './actions/file';
import { router } from './actions/router';

export class ClaudeAwsFiles implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude on AWS Files',
		name: 'claudeAwsFiles',
		icon: { light: 'file:../../icons/claude-aws.svg', dark: 'file:../../icons/claude-aws.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Upload, list, download and delete files of the Claude Files API on Claude Platform on AWS',
		defaults: { name: 'Claude on AWS Files' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'claudePlatformAwsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'File', value: 'file' }],
				default: 'file',
			},
			...file.description,
		],
	};

	methods = { listSearch: { searchFiles } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
