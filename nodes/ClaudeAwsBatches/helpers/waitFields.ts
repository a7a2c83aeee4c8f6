/** Options of every step that waits for batches to end (Create with Wait Until Ended, Wait Until Ended). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { WaitOptions } from './waitUntilEnded';

export function waitOptionFields(displayOptions?: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 60,
			description:
				'How long to wait for the batch to end before failing with its ID (the batch keeps processing; use Wait Until Ended or Get Results later). Batches end within 24 hours.',
			...(displayOptions ? { displayOptions } : {}),
		},
		{
			displayName: 'First Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 5,
			description: 'Wait before checking the status again; the interval then grows by half each time, up to one minute',
			...(displayOptions ? { displayOptions } : {}),
		},
	];
}

export function readWaitOptions(options: IDataObject, signal?: AbortSignal): WaitOptions {
	const minutes = Number(options.maxWaitMinutes ?? 60);
	const seconds = Number(options.pollIntervalSeconds ?? 5);
	return {
		maxWaitMs: Math.max(0, Number.isFinite(minutes) ? minutes : 60) * 60_000,
		firstIntervalMs: Math.max(10, (Number.isFinite(seconds) ? seconds : 5) * 1000),
		signal,
	};
}
