import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { getClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import type { ClaudeAwsClient } from '../transport/client';
import type { MessageBatch } from '../api/batches';
import { readBatchResults } from '../api/batchResults';
import { resultJson } from '../shared/batchResultItems';
import { advance, readState, scanFloor, writeState } from './pollState';
import { latestEnded, scanBatches } from './scan';

export class ClaudeAwsBatchTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude on AWS Batch Trigger',
		name: 'claudeAwsBatchTrigger',
		icon: { light: 'file:../../icons/claude-aws.svg', dark: 'file:../../icons/claude-aws.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Batch Ended',
		description: 'Starts the workflow when a message batch on Claude Platform on AWS has ended, optionally with its results',
		defaults: { name: 'Claude on AWS Batch Trigger' },
		polling: true,
		inputs: [],
		// The rule predates NodeConnectionTypes, which n8n's own nodes use.
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'claudePlatformAwsApi', required: true }],
		properties: [
			{
				displayName:
					'Fires once for every message batch of the workspace that has ended since the last check. The first check after activation only takes note of the batches that exist.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Include Results',
				name: 'includeResults',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item per request of each ended batch (its custom_id, result type, reply or error, and batch_id) instead of one item per batch',
			},
			{
				displayName: 'Simplify Output',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return each reply like Send Message does (text, stop reason, usage) instead of the raw message object',
				displayOptions: { show: { includeResults: [true] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			const client = await getClient(this);
			if (this.getMode() === 'manual') {
				// A test run shows real data and leaves the remembered state alone.
				const batch = await latestEnded(client);
				return batch ? [await itemsFor(this, client, [batch])] : null;
			}
			const staticData = this.getWorkflowStaticData('node');
			const state = readState(staticData);
			const scanned = await scanBatches(client, scanFloor(state));
			const { fresh, next } = advance(state, scanned);
			if (!state.initialized) {
				// Like n8n's own poll triggers: what already exists at activation is not news.
				writeState(staticData, next);
				return null;
			}
			// Built before the state moves on, so a failed download is retried at the next poll, not lost.
			const items = fresh.length > 0 ? await itemsFor(this, client, fresh) : [];
			writeState(staticData, next);
			return items.length > 0 ? [items] : null;
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}

async function itemsFor(context: IPollFunctions, client: ClaudeAwsClient, batches: MessageBatch[]): Promise<INodeExecutionData[]> {
	if (!(context.getNodeParameter('includeResults', false) as boolean)) {
		return batches.map((batch) => ({ json: { ...batch } as IDataObject }));
	}
	const simplify = context.getNodeParameter('simplify', true) as boolean;
	const items: INodeExecutionData[] = [];
	for (const batch of batches) {
		for await (const line of readBatchResults(client, batch)) items.push({ json: resultJson(line, batch.id, simplify) });
	}
	return items;
}
