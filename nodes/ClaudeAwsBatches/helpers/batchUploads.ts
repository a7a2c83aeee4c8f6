/**
 * Files for code execution in a batch: a binary Claude cannot read directly goes to the Files API and
 * is attached as `container_upload`, as Send Message does, but the batch is processed later, so:
 * - every item is planned first with each such file only checked (empty, over the Files limit): a bad
 *   item fails before anything is uploaded;
 * - then the files are uploaded item by item, and the items that have files are planned again with the
 *   real file IDs (a request is serialized as it is planned, so IDs cannot be put in afterwards; a batch
 *   without such files is planned once). A failed upload deletes that item's files (Continue On Fail)
 *   or every file uploaded so far; the error says which could not be deleted;
 * - the files stay while a batch may still need them; the caller deletes them once it has ended.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { files } from '../../api/files';
import type { ClaudeAwsClient } from '../../transport/client';
import { toNodeError } from '../../shared/errors';
import { checkUploadable, uploadBinary, type ContainerUploads } from '../../shared/messageForm/containerFiles';
import { planBatches, type PlannedBatch } from './planBatches';

type NodeError = ReturnType<typeof toNodeError>;
type OnError = (error: Error, itemIndex: number) => void;

interface PendingFile {
	propertyName: string;
	binary: IBinaryData;
}

/** Stands for the file ID while the files are only checked; no request holding it is ever sent. */
const CHECKED_ONLY = 'file_not_uploaded_yet';

export class BatchUploads implements ContainerUploads {
	private readonly pending = new Map<number, PendingFile[]>();
	/** Uploaded file IDs by input item, until deleted. */
	private readonly stored = new Map<number, string[]>();
	/** While planning again: how many of each item's IDs were handed out. */
	private replay?: Map<number, number>;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly client: ClaudeAwsClient,
	) {}

	/** Called by the request builder while planning: checks the file (first pass) or hands out its ID (second). */
	readonly upload = async (itemIndex: number, propertyName: string, binary: IBinaryData): Promise<string> => {
		if (this.replay) {
			const position = this.replay.get(itemIndex) ?? 0;
			this.replay.set(itemIndex, position + 1);
			const id = this.stored.get(itemIndex)?.[position];
			// The same item built twice asks for the same files; anything else is a bug, not bad input.
			if (id === undefined) throw new Error(`Item ${itemIndex} asked for a file that was not uploaded (binary property "${propertyName}")`);
			return id;
		}
		await checkUploadable(this.context, itemIndex, propertyName);
		this.pending.set(itemIndex, [...(this.pending.get(itemIndex) ?? []), { propertyName, binary }]);
		return CHECKED_ONLY;
	};

	get uploaded(): string[] {
		return [...this.stored.values()].flat();
	}

	/** The IDs of the files still stored for these items. */
	idsOf(itemIndexes: number[]): string[] {
		return itemIndexes.flatMap((item) => this.stored.get(item) ?? []);
	}

	/** An item that failed while planned: its checked files are not uploaded. */
	forget(itemIndex: number): void {
		this.pending.delete(itemIndex);
	}

	/**
	 * Plans the batches (planBatches with this as the uploader); when items have files to upload, uploads
	 * them and plans again. `failed` holds the items that failed (Continue On Fail): they are left out.
	 */
	async plan(customIds: Array<string | undefined>, onError: OnError, failed: ReadonlyMap<number, unknown>): Promise<PlannedBatch[]> {
		const first = await planBatches(this.context, customIds, onError, { containerUploads: this });
		if (this.pending.size === 0) return first;
		first.length = 0;
		await this.uploadPending(onError);
		this.replay = new Map();
		try {
			const planned = await planBatches(this.context, customIds.map((id, i) => (failed.has(i) ? undefined : id)), onError, { containerUploads: this });
			// An item that failed only now (Continue On Fail) is in no batch: its files go.
			const used = new Set(planned.flatMap((plan) => plan.itemIndexes));
			await this.deleteItems([...this.stored.keys()].filter((item) => !used.has(item)));
			return planned;
		} catch (error) {
			throw withNote(toNodeError(this.context.getNode(), error), await this.deleteAll(), 'the items');
		} finally {
			this.replay = undefined;
		}
	}

	private async uploadPending(onError: OnError): Promise<void> {
		const node = this.context.getNode();
		for (const [itemIndex, wanted] of [...this.pending.entries()].sort((a, b) => a[0] - b[0])) {
			this.pending.delete(itemIndex);
			try {
				for (const file of wanted) {
					const id = await uploadBinary(this.context, this.client, itemIndex, file.propertyName, file.binary);
					this.stored.set(itemIndex, [...(this.stored.get(itemIndex) ?? []), id]);
				}
			} catch (error) {
				const failure = toNodeError(node, error, itemIndex);
				if (this.stored.has(itemIndex)) withNote(failure, await this.deleteItems([itemIndex]), 'this item');
				try {
					onError(failure, itemIndex);
				} catch (thrown) {
					if (this.stored.size > 0) throw withNote(thrown as NodeError, await this.deleteAll(), 'earlier items');
					throw thrown;
				}
			}
		}
	}

	/**
	 * A batch create failed: the files of parts not created are deleted, those of parts created (and of
	 * this part, when the create may have reached the gateway) stay, and the error says so.
	 */
	async createFailed(error: NodeError, reason: unknown, planned: PlannedBatch[], part: number): Promise<NodeError> {
		const mayExist = reason === 'ambiguous_create' || reason === 'aborted';
		const keptParts = planned.slice(0, mayExist ? part + 1 : part).flatMap((plan) => plan.itemIndexes);
		const kept = this.idsOf(keptParts);
		const notes: string[] = [];
		if (kept.length) notes.push(`Files uploaded for the batches that ${mayExist ? 'were or may have been' : 'were'} created stay (the batches need them; delete them once they have ended): ${kept.join(', ')}.`);
		const rest = planned.slice(mayExist ? part + 1 : part).flatMap((plan) => plan.itemIndexes);
		const attempted = this.idsOf(rest).length;
		const left = await this.deleteItems(rest);
		if (attempted) notes.push(deleteNote(left, 'the requests not sent'));
		if (notes.length) error.description = `${error.description ? `${error.description} ` : ''}${notes.join(' ')}`;
		return error;
	}

	/** Deletes every stored file; returns the IDs that could not be deleted (they stay listed). */
	async deleteAll(): Promise<string[]> {
		return this.deleteItems([...this.stored.keys()]);
	}

	private async deleteItems(itemIndexes: number[]): Promise<string[]> {
		const left: string[] = [];
		for (const item of itemIndexes) {
			const kept: string[] = [];
			for (const id of this.stored.get(item) ?? []) {
				try {
					await files.delete(this.client, id);
				} catch {
					kept.push(id);
				}
			}
			if (kept.length) this.stored.set(item, kept);
			else this.stored.delete(item);
			left.push(...kept);
		}
		return left;
	}

	// ContainerUploads: Send Message deletes per item; a batch deletes once it has ended (deleteAll).
	async cleanup(): Promise<string[]> {
		const before = this.uploaded;
		const left = new Set(await this.deleteAll());
		return before.filter((id) => !left.has(id));
	}
}

function deleteNote(left: string[], whose: string): string {
	return left.length
		? `Files uploaded for ${whose} could not be deleted (delete them with Files > Delete): ${left.join(', ')}.`
		: `Files uploaded for ${whose} were deleted.`;
}

function withNote<E extends NodeError>(error: E, left: string[], whose: string): E {
	error.description = `${error.description ? `${error.description} ` : ''}${deleteNote(left, whose)}`;
	return error;
}
