/** Fault matrix, Messages row: Send Message (streamed) under every fault. The specified outcomes: outcomes.ts. */
import { messages } from './drivers';
import { runMatrix } from './runMatrix';

runMatrix('messages', messages);
