/** Errors: bad settings fail at supply time naming the option; API failures carry the same hints as every other node. */
import { HumanMessage } from '@langchain/core/messages';
import { NodeApiError } from 'n8n-workflow';
import { useModelHarness, user } from './harness';

const h = useModelHarness();

const forbidden = { type: 'status' as const, status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'User is not authorized to perform aws-external-anthropic:CreateMessage' } } };

describe('API errors', () => {
	it('shows a 403 with the IAM hint, from generate() and through the LangChain adapter', async () => {
		const { model, langchain } = await h.supply();
		h.emulator.faults.inject({ path: '/v1/messages', times: 2, fault: forbidden });

		const error = await model.generate([user('Hi')]).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('403 permission_error: User is not authorized to perform aws-external-anthropic:CreateMessage');
		expect(error.description).toMatch(/IAM principal is allowed the aws-external-anthropic action/);
		expect(error.description).toMatch(/POST \/v1\/messages answered 403 permission_error\. Request ID: req_/);
		expect(error.httpCode).toBe('403');

		const viaAdapter = await langchain.invoke([new HumanMessage('Hi')]).catch((e: Error) => e);
		expect(viaAdapter).toBeInstanceOf(NodeApiError);
		expect((viaAdapter as NodeApiError).description).toMatch(/IAM principal/);
		// A 403 is never retried: one request each.
		expect(h.requests()).toHaveLength(2);
	});

	it('shows a 403 of a stream with the same hint', async () => {
		const { model } = await h.supply();
		h.emulator.faults.inject({ path: '/v1/messages', fault: forbidden });
		const error = await (async () => {
			for await (const _ of model.stream([user('Hi')])) void _;
		})().catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.description).toMatch(/IAM principal/);
	});

	it('retries overloads as set in Max Retries', async () => {
		const { model } = await h.supply({ options: { maxRetries: 1 } });
		h.emulator.faults.inject({ path: '/v1/messages', times: 2, fault: { type: 'status', status: 529, headers: { 'retry-after': '0' } } });
		const error = await model.generate([user('Hi')]).catch((e) => e);
		expect(error.message).toMatch(/^529 overloaded_error/);
		expect(error.description).toMatch(/retried 1 time/);
		expect(h.requests()).toHaveLength(2);
	});

	it('a 200 without content is an error saying what is missing, not a crash or an empty answer', async () => {
		const { model } = await h.supply();
		h.emulator.faults.inject({ path: '/v1/messages', fault: { type: 'status', status: 200, body: { id: 'msg_1', type: 'message' } } });
		const error = await model.generate([user('Hi')]).catch((e) => e);
		expect(error.message).toMatch(/has no "content", which a message always has/);
	});

	it('a model older than Claude 4.6 refuses Inference Region: the 400 keeps the API message and gets the hint', async () => {
		const { model } = await h.supply({ model: { __rl: true, mode: 'id', value: 'claude-haiku-4-5' }, options: { inferenceGeo: 'us' } });
		const error = await model.generate([user('Hi')]).catch((e) => e);
		expect(error.message).toBe('400 invalid_request_error: inference_geo: claude-haiku-4-5 does not support inference_geo; it is available on Claude 4.6 models and newer.');
		expect(error.description).toMatch(/^The model does not take Inference Region \(inference_geo\): only Claude 4\.6 models and newer do\./);
	});

	it('names an unknown model', async () => {
		const { model } = await h.supply({ model: { __rl: true, mode: 'id', value: 'claude-nonexistent-9' } });
		const error = await model.generate([user('Hi')]).catch((e) => e);
		expect(error.message).toBe('404 not_found_error: model: claude-nonexistent-9');
	});
});

describe('bad settings fail before any request, naming the option', () => {
	it.each([
		[{ model: { __rl: true, mode: 'id', value: 'anthropic.claude-sonnet-4-5-20250929-v1:0' } }, /^Model: "anthropic\.claude-sonnet-4-5-20250929-v1:0" is an Amazon Bedrock model ID/],
		[{ model: { __rl: true, mode: 'id', value: '' } }, /^Model: no model is selected \(item 0\)$/],
		[{ options: { thinking: 'enabled', thinkingBudget: 4096, maxTokens: 4096 } }, /^Thinking Budget \(Tokens\): \(4096\) must be less than Max Tokens \(4096\)/],
		[{ options: { maxTokens: 0 } }, /^Max Tokens: must be a whole number of at least 1/],
		[{ options: { inferenceGeo: '={{ "eu" }}' } }, /^Inference Region: "eu" is not one of us, global \(item 0\)$/],
		[{ options: { speed: '={{ "turbo" }}' } }, /^Speed: "turbo" is not one of standard, fast \(item 0\)$/],
	])('%j', async (parameters, message) => {
		// n8n's engine wraps a sub-node's failure; the message of ours is what it shows under the title.
		const error = (await h.supplyError(parameters)) as Error & { description?: string };
		expect(error?.message).toBe('Error in sub-node Claude on AWS Chat Model');
		expect(error?.description).toMatch(message);
		expect(h.emulator.received).toHaveLength(0);
	});

	it('reports a credential problem at supply time', async () => {
		const { runSupplyData } = await import('../../helpers/runNode');
		const { LmChatClaudeAws } = await import('../../../nodes/LmChatClaudeAws/LmChatClaudeAws.node');
		const { ClaudePlatformAwsApi } = await import('../../../credentials/ClaudePlatformAwsApi.credentials');
		const { accessKeyCredentials } = await import('../../helpers/credentials');
		const { error } = await runSupplyData({
			node: LmChatClaudeAws,
			parameters: { model: { __rl: true, mode: 'id', value: 'claude-sonnet-5-5' } },
			credentials: { claudePlatformAwsApi: accessKeyCredentials(h.emulator, { workspaceId: '' }) },
			credentialTypes: [ClaudePlatformAwsApi],
		});
		expect((error as Error & { description?: string })?.description).toMatch(/Workspace/i);
		expect(h.emulator.received).toHaveLength(0);
	});
});
