/** Fault matrix, Batches create row: Create Batch from Items under every fault. The specified outcomes: outcomes.ts. */
import { batchCreate } from './drivers';
import { runMatrix } from './runMatrix';

runMatrix('batchCreate', batchCreate);
