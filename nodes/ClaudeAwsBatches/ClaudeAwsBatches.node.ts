import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { searchBatches, searchFiles, searchModels, searchSkills } from '../shared/methods/listSearch';
import * as batch from './actions/batch';
import { router } from './actions/router';
import { OUTPUTS_EXPRESSION } from './helpers/outputs';

export class ClaudeAwsBatches implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude on AWS Batches',
		name: 'claudeAwsBatches',
		icon: { light: 'file:../../icons/claude-aws.svg', dark: 'file:../../icons/claude-aws.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send items to Claude in bulk at half price with Message Batches on Claude Platform on AWS, and map the results back to them',
		defaults: { name: 'Claude on AWS Batches' },
		usableAsTool: true,
		// The rule predates NodeConnectionTypes, which n8n's own nodes use; the outputs depend on the parameters.
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: 'claudePlatformAwsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message Batch', value: 'batch' }],
				default: 'batch',
			},
			...batch.description,
		],
	};

	methods = { listSearch: { searchBatches, searchFiles, searchModels, searchSkills } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
