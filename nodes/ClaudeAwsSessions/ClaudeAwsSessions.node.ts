import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import {
	searchAgents,
	searchEnvironments,
	searchFiles,
	searchMemories,
	searchMemoryStores,
	searchMemoryVersions,
	searchModels,
	searchSessions,
	searchSkills,
	searchSkillVersions,
	searchVaultCredentials,
	searchVaults,
} from '../shared/methods/listSearch';
import { searchSessionResources, searchThreads } from '../shared/methods/sessionListSearch';
import * as agent from './actions/agent';
import { agentResourceProperties } from './actions/agentResources';
import * as environment from './actions/environment';
import { router } from './actions/router';
import * as session from './actions/session';
import * as sessionResource from './actions/sessionResource';
import * as thread from './actions/thread';

export class ClaudeAwsSessions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude on AWS Agents',
		name: 'claudeAwsSessions',
		icon: { light: 'file:../../icons/claude-aws.svg', dark: 'file:../../icons/claude-aws.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Run Claude Managed Agents sessions on Claude Platform on AWS: start a session, wait for the reply, answer tools',
		defaults: { name: 'Claude on AWS Agents' },
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
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Environment', value: 'environment' },
					{ name: 'Memory', value: 'memory' },
					{ name: 'Memory Store', value: 'memoryStore' },
					{ name: 'Memory Version', value: 'memoryVersion' },
					{ name: 'Session', value: 'session' },
					{ name: 'Session Resource', value: 'sessionResource' },
					{ name: 'Skill', value: 'skill' },
					{ name: 'Skill Version', value: 'skillVersion' },
					{ name: 'Thread', value: 'thread' },
					{ name: 'Vault', value: 'vault' },
					{ name: 'Vault Credential', value: 'vaultCredential' },
				],
				default: 'session',
			},
			...session.description,
			...agent.description,
			...environment.description,
			...sessionResource.description,
			...thread.description,
			...agentResourceProperties,
		],
	};

	methods = {
		listSearch: {
			searchAgents,
			searchEnvironments,
			searchModels,
			searchSessions,
			searchSessionResources,
			searchThreads,
			searchFiles,
			searchVaults,
			searchVaultCredentials,
			searchMemoryStores,
			searchMemories,
			searchMemoryVersions,
			searchSkills,
			searchSkillVersions,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
