/** Fault matrix, extra row: Send Message to a session and wait for the reply (a non-idempotent event send). The specified outcomes: outcomes.ts. */
import { sessionSend } from './drivers';
import { runMatrix } from './runMatrix';

runMatrix('sessionSend', sessionSend, { sessionRunMs: 150 });
