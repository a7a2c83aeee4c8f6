/** Fault matrix, Batches results row: Get Results (streamed JSONL) under every fault. The specified outcomes: outcomes.ts. */
import { batchResults } from './drivers';
import { runMatrix } from './runMatrix';

runMatrix('batchResults', batchResults, { batchProcessingMs: 20 });
