import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type ISupplyDataFunctions, type SupplyData } from 'n8n-workflow';
import { getClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { searchModels } from '../shared/methods/listSearch';
import { properties } from './description';
import { readSettings } from './settings';
import { reportStreamedUsage } from './tokenUsage';

export class LmChatClaudeAws implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude on AWS Chat Model',
		name: 'lmChatClaudeAws',
		icon: { light: 'file:../../icons/claude-aws.svg', dark: 'file:../../icons/claude-aws.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"]?.cachedResultName || $parameter["model"]?.value || $parameter["model"] }}',
		description: 'Claude on Claude Platform on AWS as the chat model of an AI Agent or chain',
		defaults: { name: 'Claude on AWS Chat Model' },
		codex: {
			categories: ['AI'],
			subcategories: {
				AI: ['Language Models', 'Root Nodes'],
				'Language Models': ['Chat Models (Recommended)'],
			},
			resources: {
				primaryDocumentation: [{ url: 'https://github.com/n8n-nodes-claude-aws/n8n-nodes-claude-aws/blob/main/docs/nodes/chat-model.md' }],
			},
			alias: ['claude', 'anthropic', 'sonnet', 'opus', 'haiku', 'aws'],
		},
		inputs: [],
		outputs: [NodeConnectionTypes.AiLanguageModel],
		outputNames: ['Model'],
		credentials: [{ name: 'claudePlatformAwsApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchModels } };

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const node = this.getNode();
		const settings = readSettings(this, itemIndex);
		let client;
		try {
			client = await getClient(this, { maxRetries: settings.maxRetries, timeoutMs: settings.timeoutMs });
		} catch (error) {
			throw toNodeError(node, error, itemIndex);
		}
		// Loaded here, not at the top: @n8n/ai-node-sdk takes about a second to load, and n8n loads every
		// node file of the package at start-up. n8n provides the SDK to community nodes at run time.
		const [{ supplyModel }, { ClaudeAwsChatModel }] = await Promise.all([import('@n8n/ai-node-sdk'), import('./model/ClaudeAwsChatModel')]);
		const model = new ClaudeAwsChatModel(settings, { client, toError: (error) => toNodeError(node, error) });
		const supplied = supplyModel(this, model);
		// Streamed answers' exact token usage, which n8n's adapter would otherwise show as an estimate (tokenUsage.ts).
		reportStreamedUsage(supplied.response);
		return supplied;
	}
}
