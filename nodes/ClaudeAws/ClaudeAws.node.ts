import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { searchModels, searchSkills } from '../shared/methods/listSearch';
import { createRouter } from '../shared/router';
import * as message from './actions/message';
import * as model from './actions/model';

const router = createRouter({
	message: { send: message.send, countTokens: message.countTokens },
	model: { list: model.list, get: model.get },
});

export class ClaudeAws implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude on AWS',
		name: 'claudeAws',
		icon: { light: 'file:../../icons/claude-aws.svg', dark: 'file:../../icons/claude-aws.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send messages to Claude on Claude Platform on AWS, with files, tools, thinking and structured output',
		defaults: { name: 'Claude on AWS' },
		usableAsTool: true,
		// The lint rule predates sub-node inputs; n8n's own Anthropic node declares its Tools input the same way.
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: false }],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'claudePlatformAwsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Message', value: 'message' },
					{ name: 'Model', value: 'model' },
				],
				default: 'message',
			},
			...message.description,
			...model.description,
		],
	};

	methods = { listSearch: { searchModels, searchSkills } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
