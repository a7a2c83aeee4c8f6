import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { requestTuningOptions, simplifyOutput } from '../../../shared/descriptions';
import { toNodeError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { batches } from '../../../api/batches';
import { batchIdField, readBatchId } from '../../helpers/batchLocator';
import { parseCustomIdMap } from '../../../shared/customIdMap';
import { assertEnded } from '../../../api/batchResults';
import { collectResults, type ResultSource } from '../../../shared/batchResultItems';
import { routeErrorsOption } from '../../helpers/resultFields';
import { downloadCreatedFilesOption } from '../../../shared/messageForm/createdFiles';

const displayOptions = { show: { resource: ['batch'], operation: ['getResults'] } };

export const description: INodeProperties[] = [
	batchIdField(displayOptions, 'The ended message batch whose results to get'),
	simplifyOutput(displayOptions, 'Whether to return the reply like Send Message does (text, stop reason, usage) instead of the raw message object'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [routeErrorsOption, downloadCreatedFilesOption, ...requestTuningOptions],
	},
];

/**
 * One output item per result line. Every batch is checked to have ended before any download starts.
 * When an input item is a Create output of this same execution (it carries the batch's custom_id_map),
 * each result is paired to the item that Create turned into that request.
 */
export async function execute(this: IExecuteFunctions, { client }: RunContext): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const routeErrors = options.routeErrors === true;
	const continueOnFail = this.continueOnFail();
	const failed: INodeExecutionData[] = [];
	const sources: ResultSource[] = [];
	const signal = this.getExecutionCancelSignal?.();
	const executionId = this.getExecutionId();

	for (let i = 0; i < items.length; i++) {
		try {
			const batchId = readBatchId(this, i);
			const batch = await batches.retrieve(client, batchId, signal);
			assertEnded(batch);
			const map = items[i].json.id === batchId ? parseCustomIdMap(items[i].json.custom_id_map) : undefined;
			const sameExecution = !!map?.source && map.source.execution_id === executionId;
			sources.push({ batch, inputIndex: i, map, pairTo: sameExecution ? 'source' : undefined });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, i);
			failed.push(errorItem(this, error, i));
		}
	}

	const outputs = { main: [] as INodeExecutionData[], errors: [] as INodeExecutionData[] };
	for (const source of sources) {
		const simplify = this.getNodeParameter('simplify', source.inputIndex, true) as boolean;
		try {
			const downloadCreatedFiles = (this.getNodeParameter('options', source.inputIndex, {}) as IDataObject).downloadCreatedFiles !== false;
			const read = await collectResults(this, client, [source], { simplify, routeErrors, downloadCreatedFiles });
			outputs.main.push(...read.main);
			outputs.errors.push(...read.errors);
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, source.inputIndex);
			failed.push(errorItem(this, error, source.inputIndex));
		}
	}
	outputs.main.push(...failed);
	return routeErrors ? [outputs.main, outputs.errors] : [outputs.main];
}

function errorItem(context: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const nodeError = toNodeError(context.getNode(), error, itemIndex);
	return {
		json: { error: nodeError.message, ...(nodeError.description ? { errorDescription: nodeError.description } : {}) },
		pairedItem: { item: itemIndex },
	};
}
