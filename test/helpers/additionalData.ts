/**
 * The IWorkflowExecuteAdditionalData n8n's CLI builds per execution, reduced to what a node in
 * this package can reach. Anything a node must not depend on in tests (sub-workflows, the task
 * runner, agents) throws loudly instead of silently returning nothing.
 */
import type { IWorkflowExecuteAdditionalData, WorkflowExecuteMode } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';
import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';

import type { HarnessCredentialsHelper } from './credentialsHelper';

export const BASE_URL = 'http://localhost:5678/';

let executionCounter = 0;
export function nextExecutionId(): string {
	executionCounter += 1;
	return `test-exec-${executionCounter}`;
}

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	workflowId: string;
	mode: WorkflowExecuteMode;
	executionId?: string;
	/** $vars in expressions. */
	variables?: Record<string, string>;
}

export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const executionId = options.executionId ?? nextExecutionId();
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
	const hooks = new ExecutionLifecycleHooks(options.mode, executionId, {
		id: options.workflowId,
		name: 'test workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		nodes: [],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);

	return {
		credentialsHelper: options.credentialsHelper,
		executionId,
		workflowId: options.workflowId,
		userId: 'test-user',
		hooks,
		externalSecretsProxy: new ExternalSecretsProxy(),
		variables: options.variables ?? {},
		currentNodeExecutionIndex: 0,
		// Left undefined on purpose: n8n then reads parameters from the node itself.
		currentNodeParameters: undefined,
		restApiUrl: `${BASE_URL}rest`,
		instanceBaseUrl: BASE_URL,
		formBaseUrl: `${BASE_URL}form`,
		formWaitingBaseUrl: `${BASE_URL}form-waiting`,
		formTestBaseUrl: `${BASE_URL}form-test`,
		webhookBaseUrl: `${BASE_URL}webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}webhook-test`,
		mcpBaseUrl: `${BASE_URL}mcp`,
		mcpTestBaseUrl: `${BASE_URL}mcp-test`,
		logAiEvent: () => {},
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask (task runner)'),
	};
}
