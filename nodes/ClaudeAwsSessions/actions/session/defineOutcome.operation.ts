/**
 * Define Outcome: gives the agent a task with a rubric (user.define_outcome); the agent works, grades
 * itself against the rubric and revises, up to Max Iterations times. By default waits for the turn.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idProblem } from '../../../api/path';
import { parameterError } from '../../../shared/errors';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { RunContext } from '../../../shared/router';
import { sessionIdLocator, turnOptions, waitForReplyField } from '../../helpers/descriptions';
import { requiredLocator, requiredText } from '../../helpers/params';
import { sendTurnInput } from '../../helpers/send';
import { readWaitSettings } from '../../helpers/wait';

const show = { resource: ['session'], operation: ['defineOutcome'] };
/** The SDK's BetaManagedAgentsTextRubricParams and UserDefineOutcomeEventParams. */
const MAX_RUBRIC_CHARS = 262144;
const MAX_ITERATIONS = 20;

export const description: INodeProperties[] = [
	sessionIdLocator({ show }, 'The session to give the outcome to'),
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. A one-page summary of the attached report for the board',
		description: 'What the agent should produce',
		displayOptions: { show },
	},
	{
		displayName: 'Rubric From',
		name: 'rubricSource',
		type: 'options',
		default: 'text',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'File (Files API)', value: 'file' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Rubric',
		name: 'rubric',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'How the result is graded, as plain text or Markdown',
		displayOptions: { show: { ...show, rubricSource: ['text'] } },
	},
	{
		displayName: 'Rubric File ID',
		name: 'rubricFileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. file_011CNha8iCJcU1wXNR6q4V8w',
		displayOptions: { show: { ...show, rubricSource: ['file'] } },
	},
	{
		displayName: 'Max Iterations',
		name: 'maxIterations',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_ITERATIONS },
		default: 0,
		description: 'Grade-and-revise rounds before the agent gives up, at most 20; 0 uses the API default (3)',
		displayOptions: { show },
	},
	waitForReplyField({ show }),
	turnOptions({ show }),
];

export const created = (result: ItemResult) => idOf(result, 'session_id');

export async function perItem(this: IExecuteFunctions, i: number, run: RunContext): Promise<ItemResult> {
	const sessionId = requiredLocator(this, 'sessionId', 'Session', i);
	const event = readOutcome(this, i);
	const wait = this.getNodeParameter('waitForReply', i, true) as boolean;
	const settings = readWaitSettings(this, i);
	const events = await run.streamClient();
	return sendTurnInput(this, { api: run.client, events }, sessionId, [event], wait, settings, i);
}

function readOutcome(context: IExecuteFunctions, i: number): IDataObject {
	const node = context.getNode();
	const event: IDataObject = { type: 'user.define_outcome', description: requiredText(context, 'outcome', 'Outcome', i).trim() };
	if (context.getNodeParameter('rubricSource', i, 'text') === 'file') {
		const fileId = String(context.getNodeParameter('rubricFileId', i, '') ?? '').trim();
		const problem = idProblem(fileId, 'file');
		if (problem) throw parameterError(node, 'Rubric File ID', problem, i, 'Upload the rubric with Claude on AWS Files and map its ID, e.g. {{ $json.id }}.');
		event.rubric = { type: 'file', file_id: fileId };
	} else {
		const rubric = requiredText(context, 'rubric', 'Rubric', i, 'Say how the result should be graded.');
		if (rubric.length > MAX_RUBRIC_CHARS) throw parameterError(node, 'Rubric', `is ${rubric.length} characters; at most ${MAX_RUBRIC_CHARS} are allowed`, i, 'Upload a long rubric as a file and use Rubric From: File.');
		event.rubric = { type: 'text', content: rubric };
	}
	const iterations = Number(context.getNodeParameter('maxIterations', i, 0));
	if (!Number.isInteger(iterations) || iterations < 0 || iterations > MAX_ITERATIONS) {
		throw parameterError(node, 'Max Iterations', `must be a whole number from 0 to ${MAX_ITERATIONS}`, i);
	}
	if (iterations > 0) event.max_iterations = iterations;
	return event;
}
