/** Which file IDs count as created by Claude, and that files from a paused turn are not lost. */
import { runToolLoop } from '../../../nodes/ClaudeAws/actions/message/toolLoop';
import { createdFileIds } from '../../../nodes/shared/messageForm/createdFiles';

const message = (content: any[], stop_reason: string) => ({ id: 'msg', type: 'message', role: 'assistant', model: 'm', content, stop_reason, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } }) as any;
const bashResult = (fileId: string) => ({ type: 'bash_code_execution_tool_result', tool_use_id: 's', content: { type: 'bash_code_execution_result', stdout: '', stderr: '', return_code: 0, content: [{ type: 'bash_code_execution_output', file_id: fileId }] } });

test('file IDs of code execution and bash code execution outputs, each once; uploads and other blocks are not files Claude made', () => {
	const ids = createdFileIds(
		message(
			[
				{ type: 'container_upload', file_id: 'file_in' },
				bashResult('file_a'),
				{ type: 'code_execution_tool_result', tool_use_id: 't', content: { type: 'code_execution_result', stdout: '', stderr: '', return_code: 0, content: [{ type: 'code_execution_output', file_id: 'file_b' }, { type: 'code_execution_output', file_id: 'file_a' }] } },
				{ type: 'text', text: 'file_c', citations: null },
			],
			'end_turn',
		),
	);
	expect(ids).toEqual(['file_a', 'file_b']);
});

test('a paused turn (pause_turn) that made a file, then the final answer: both answers are kept', async () => {
	const replies = [message([bashResult('file_early')], 'pause_turn'), message([bashResult('file_late'), { type: 'text', text: 'Done', citations: null }], 'end_turn')];
	const result = await runToolLoop({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'go' }] }, async () => replies.shift()!, [], 10);
	expect(result.answers).toHaveLength(2);
	expect(result.answers.flatMap((answer) => createdFileIds(answer))).toEqual(['file_early', 'file_late']);
});
