/** Fault matrix, Sessions row: Start Session and wait for the reply (events SSE) under every fault. The specified outcomes: outcomes.ts. */
import { sessionStart } from './drivers';
import { runMatrix } from './runMatrix';

runMatrix('sessionStart', sessionStart, { sessionRunMs: 150 });
