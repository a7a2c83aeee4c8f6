/** Options of every step that waits for batches to end (Create with Wait Until Ended, Wait Until Ended). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterError } from '../../shared/errors';
import type { WaitOptions } from './waitUntilEnded';

export function waitOptionFields(displayOptions?: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_WAIT_MINUTES, numberPrecision: 2 },
			default: 60,
			description:
				'How long to wait for the batch to end before failing with its ID (the batch keeps processing; use Wait Until Ended or Get Results later). Batches end within 24 hours.',
			...(displayOptions ? { displayOptions } : {}),
		},
		{
			displayName: 'First Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0.01, maxValue: MAX_POLL_SECONDS, numberPrecision: 2 },
			default: 5,
			description: 'Wait before checking the status again; the interval then grows by half each time, up to one minute',
			...(displayOptions ? { displayOptions } : {}),
		},
	];
}

/**
 * Batches end within 24 hours; two days covers a slow start. Both bounds also keep every wait inside
 * Node's timer range (2^31-1 ms, about 24.8 days), past which a timer fires at once.
 */
export const MAX_WAIT_MINUTES = 48 * 60;
export const MAX_POLL_SECONDS = 3600;

/** Checked before any request: a value out of range names its parameter and the item. */
export function readWaitOptions(context: IExecuteFunctions, options: IDataObject, itemIndex: number, signal?: AbortSignal): WaitOptions {
	const minutes = Number(options.maxWaitMinutes ?? 60);
	const seconds = Number(options.pollIntervalSeconds ?? 5);
	if (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_WAIT_MINUTES) {
		throw parameterError(context.getNode(), 'Max Wait (Minutes)', `${String(options.maxWaitMinutes)} is not a number of minutes from 0 to ${MAX_WAIT_MINUTES}`, itemIndex, 'Batches end within 24 hours; wait longer by running Wait Until Ended again later.');
	}
	if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_POLL_SECONDS) {
		throw parameterError(context.getNode(), 'First Poll Interval (Seconds)', `${String(options.pollIntervalSeconds)} is not a number of seconds above 0 and up to ${MAX_POLL_SECONDS}`, itemIndex);
	}
	return { maxWaitMs: minutes * 60_000, firstIntervalMs: Math.max(10, seconds * 1000), signal };
}
