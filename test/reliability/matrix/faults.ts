/** The faults of the matrix: each is an injected fault on the resource's target route, or a credential or clock change. */
import type { Fault } from '../../emulator/types';
import type { CredentialKind } from '../helpers/suite';

export type FaultId =
	| 'rateLimited'
	| 'overloaded'
	| 'serverError'
	| 'unavailable'
	| 'resetBeforeResponse'
	| 'resetMidBody'
	| 'timeout'
	| 'sseCut'
	| 'sseErrorEvent'
	| 'malformedJson'
	| 'expiredKey'
	| 'badSignature'
	| 'clockSkew';

export interface FaultCase {
	id: FaultId;
	label: string;
	/** Injected once on the target route. */
	fault?: Fault;
	credential?: CredentialKind;
	clockSkewMs?: number;
	/** Node option Timeout (Seconds) for this cell. */
	timeoutSeconds?: number;
}

/** The gateway's clock is 10 minutes ahead of this host's: beyond SigV4's 5-minute tolerance. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

export const FAULTS: FaultCase[] = [
	{ id: 'rateLimited', label: '429 with retry-after', fault: { type: 'status', status: 429, headers: { 'retry-after': '1' } } },
	{ id: 'overloaded', label: '529 overloaded', fault: { type: 'status', status: 529 } },
	{ id: 'serverError', label: '500 internal error', fault: { type: 'status', status: 500 } },
	{ id: 'unavailable', label: '503 unavailable', fault: { type: 'status', status: 503 } },
	{ id: 'resetBeforeResponse', label: 'connection reset before the response', fault: { type: 'reset' } },
	{ id: 'resetMidBody', label: 'connection reset mid-body', fault: { type: 'resetMidBody' } },
	{ id: 'timeout', label: 'request timeout', fault: { type: 'hang' }, timeoutSeconds: 1 },
	{ id: 'sseCut', label: 'SSE stream cut mid-way', fault: { type: 'cutStream', afterEvents: 1 } },
	{ id: 'sseErrorEvent', label: 'SSE error event mid-stream', fault: { type: 'sseError', afterEvents: 1, errorType: 'overloaded_error', message: 'Overloaded' } },
	{ id: 'malformedJson', label: 'malformed JSON body', fault: { type: 'malformedJson' } },
	{ id: 'expiredKey', label: '401 expired short-term key', credential: 'expiredApiKey' },
	{ id: 'badSignature', label: '403 bad signature (wrong secret)', credential: 'wrongSecret' },
	{ id: 'clockSkew', label: '403 clock skew', clockSkewMs: CLOCK_SKEW_MS },
];
