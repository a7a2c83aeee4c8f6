import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { promptFields } from '../../../shared/messageForm/promptFields';
import { requestTuningOptions } from '../../../shared/descriptions';
import { toNodeError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { batches, type MessageBatch } from '../../../api/batches';
import { explicitMap, rangeMap, type CustomIdMap, type PairingSource } from '../../../shared/customIdMap';
import { CUSTOM_ID_PARAMETER, readCustomIds } from '../../helpers/customIds';
import { breathe, type PlannedBatch } from '../../helpers/planBatches';
import { routeErrorsOption } from '../../helpers/resultFields';
import { collectResults } from '../../../shared/batchResultItems';
import { downloadCreatedFilesOption } from '../../../shared/messageForm/createdFiles';
import { readWaitOptions, waitOptionFields } from '../../helpers/waitFields';
import { waitUntilEnded } from '../../helpers/waitUntilEnded';
import { BatchUploads } from '../../helpers/batchUploads';

const displayOptions = { show: { resource: ['batch'], operation: ['create'] } };

const createOptions: INodeProperties[] = [
	{
		displayName: CUSTOM_ID_PARAMETER,
		name: 'customId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.documentId }}',
		description:
			'The custom_id of each item\'s request (1 to 64 letters, digits, _ or -, unique in the input). Without it, item N gets "item-N".',
	},
	{
		displayName: 'Wait Until Ended',
		name: 'waitUntilEnded',
		type: 'boolean',
		default: false,
		description: 'Whether to wait for the batch to end before the node finishes (checked at growing intervals, up to Max Wait)',
	},
	{
		displayName: 'Output Results',
		name: 'outputResults',
		type: 'boolean',
		default: true,
		description: 'Whether to output one item per request with its reply, paired to the input item that asked for it, once the batch has ended (needs Wait Until Ended)',
	},
	{ ...routeErrorsOption, description: `${routeErrorsOption.description} (with Wait Until Ended and Output Results)` },
	{
		displayName: 'Simplify Output',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return each reply like Send Message does (text, stop reason, usage) instead of the raw message object (with Output Results)',
	},
	{ ...downloadCreatedFilesOption, description: `${downloadCreatedFilesOption.description} (with Output Results)` },
	{
		displayName: 'Delete Uploaded Files',
		name: 'deleteUploadedFiles',
		type: 'boolean',
		default: true,
		description:
			'Whether files the node uploaded for code execution (attachments Claude cannot read directly) are deleted from the Files API once the batch has ended (needs Wait Until Ended). Without waiting they stay, because the batch still needs them: their IDs are in uploaded_file_ids of the output, for a later node to delete.',
	},
	...waitOptionFields(),
	// Concurrency is left out: a batch is created in one request per part, not one per item.
	...requestTuningOptions.filter((option) => option.name !== 'concurrency'),
];

export const description: INodeProperties[] = promptFields(displayOptions, { extraOptions: createOptions });

/**
 * Every input item becomes one request. All custom_ids and requests are checked before the first
 * batch is created; then one batch per part (split at the API's limits) is created, never retried in
 * a way that could create it twice. Output: one item per batch (with the custom_id ⇒ item mapping),
 * or, with Wait Until Ended + Output Results, one item per request, paired to its input item.
 */
export async function execute(this: IExecuteFunctions, { client }: RunContext): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const items = this.getInputData();
	if (items.length === 0) {
		throw new NodeOperationError(node, 'No input items: Create Batch From Items makes one request per input item', {
			description: 'Connect a node that outputs the items (documents, rows...) to send; a batch needs at least one request.',
		});
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	// Read before anything is built or sent: a bad wait must not surface after the batch exists.
	const waitOptions = options.waitUntilEnded === true ? readWaitOptions(this, options, 0, this.getExecutionCancelSignal?.()) : undefined;
	const continueOnFail = this.continueOnFail();
	const failed = new Map<number, INodeExecutionData>();
	const uploads = new BatchUploads(this, client);
	const onError = (error: Error, itemIndex: number) => {
		uploads.forget(itemIndex);
		if (!continueOnFail) throw toNodeError(node, error, itemIndex);
		failed.set(itemIndex, errorItem(toNodeError(node, error, itemIndex), itemIndex));
	};

	const customIds = readCustomIds(this, items.length, onError);
	// Files for code execution are checked while every item is planned, and uploaded only then.
	const planned = await uploads.plan(customIds.ids, onError, failed);
	const failures = () => [...failed.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
	if (planned.length === 0) return [failures()];

	const source = pairingSource(this);
	const created: Array<{ batch: MessageBatch; map: CustomIdMap; plan: PlannedBatch }> = [];
	for (let part = 0; part < planned.length; part++) {
		const plan = planned[part];
		let batch: MessageBatch;
		// A last look at the sockets (see breathe) right before the request that must not be resent.
		await breathe();
		try {
			batch = await batches.create(client, plan.body);
		} catch (error) {
			throw await uploads.createFailed(alreadyCreated(toNodeError(node, error), created.map((c) => c.batch)), (error as { reason?: unknown }).reason, planned, part);
		}
		const map = customIds.userDefined
			? explicitMap(plan.itemIndexes.map((item) => [customIds.ids[item]!, item]), source)
			: rangeMap(plan.itemIndexes[0], plan.itemIndexes[plan.itemIndexes.length - 1] - plan.itemIndexes[0] + 1, source);
		// The body is sent: let its bytes go before the next part is sent.
		plan.body.chunks = [];
		created.push({ batch, map, plan });
	}

	const wait = waitOptions !== undefined;
	const outputResults = wait && options.outputResults !== false;
	const routeErrors = outputResults && options.routeErrors === true;
	if (waitOptions) {
		const ended = await waitUntilEnded(
			client,
			created.map((c) => c.batch.id),
			waitOptions,
		).catch((error: unknown) => {
			throw uploadsStay(toNodeError(node, error), uploads.uploaded);
		});
		ended.forEach((batch, k) => (created[k].batch = batch));
	}
	// Once the batches have ended no request needs the files: a file that cannot be deleted stays listed.
	const deleteAfter = wait && options.deleteUploadedFiles !== false && uploads.uploaded.length > 0;
	if (outputResults) {
		let read;
		try {
			read = await collectResults(
				this,
				client,
				created.map((c) => ({ batch: c.batch, inputIndex: c.plan.itemIndexes[0], map: c.map, pairTo: 'input' as const })),
				{
					simplify: options.simplify !== false,
					routeErrors,
					structuredOutput: options.outputSchema !== undefined,
					downloadCreatedFiles: options.downloadCreatedFiles !== false,
				},
			);
		} finally {
			if (deleteAfter) await uploads.deleteAll();
		}
		const withIds = (item: INodeExecutionData) => listUploads(item, uploads.idsOf(pairedIndexes(item)));
		const main = [...read.main.map(withIds), ...failures()];
		return routeErrors ? [main, read.errors.map(withIds)] : [main];
	}
	if (deleteAfter) await uploads.deleteAll();

	const out: INodeExecutionData[] = created.map(({ batch, map, plan }, part) => ({
		json: {
			...batch,
			split: {
				part: part + 1,
				parts: created.length,
				requests: plan.itemIndexes.length,
				text: `part ${part + 1} of ${created.length}`,
			},
			custom_id_map: map as unknown as IDataObject,
		},
		pairedItem: plan.itemIndexes.map((item) => ({ item })),
	}));
	out.forEach((item, part) => listUploads(item, uploads.idsOf(created[part].plan.itemIndexes)));
	return [[...out, ...failures()]];
}

/** Where this node's input items come from, so a later Get Results in this execution can pair to them. */
function pairingSource(context: IExecuteFunctions): PairingSource | undefined {
	try {
		const source = context.getInputSourceData(0);
		if (!source?.previousNode) return undefined;
		return { execution_id: context.getExecutionId(), node: source.previousNode, output: source.previousNodeOutput ?? 0, run: source.previousNodeRun ?? 0 };
	} catch {
		return undefined;
	}
}

function alreadyCreated<E extends Error & { description?: string | null }>(error: E, batches: MessageBatch[]): E {
	if (batches.length > 0) {
		const ids = batches.map((b) => b.id).join(', ');
		error.description = `${error.description ? `${error.description} ` : ''}Batches created before this failure (they are processing): ${ids}.`;
	}
	return error;
}

/** Files still in the Files API, for a later node to delete (Files > Delete with {{ $json.uploaded_file_ids }}). */
function listUploads(item: INodeExecutionData, ids: string[]): INodeExecutionData {
	if (ids.length) item.json.uploaded_file_ids = ids;
	return item;
}

function pairedIndexes(item: INodeExecutionData): number[] {
	const paired = item.pairedItem;
	return (Array.isArray(paired) ? paired : paired === undefined ? [] : [paired]).map((p) => (typeof p === 'number' ? p : p.item));
}

function uploadsStay<E extends Error & { description?: string | null }>(error: E, ids: string[]): E {
	if (ids.length) error.description = `${error.description ? `${error.description} ` : ''}The files uploaded for the batch stay in the Files API while it processes (delete them once it has ended): ${ids.join(', ')}.`;
	return error;
}

function errorItem(error: Error & { description?: string | null }, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message, ...(error.description ? { errorDescription: error.description } : {}) }, pairedItem: { item: itemIndex } };
}
