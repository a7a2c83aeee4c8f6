/**
 * The node's outputs depend on its parameters: a second output, Errors, exists only when results are
 * output and routing of errored/expired results is on. The same rule decides what execute() returns.
 */
import type { INodeParameters } from 'n8n-workflow';

/**
 * Runs inside n8n's expression evaluator (see the node's `outputs`), so it must be self-contained:
 * no imports, no closures, plain JavaScript after compilation.
 */
export function configuredOutputs(parameters: INodeParameters) {
	const options = (parameters.options ?? {}) as Record<string, unknown>;
	const resultsOut =
		parameters.operation === 'getResults' ||
		(parameters.operation === 'create' && options.waitUntilEnded === true && options.outputResults !== false);
	if (resultsOut && options.routeErrors === true) {
		return [
			{ type: 'main', displayName: 'Results' },
			{ type: 'main', displayName: 'Errors' },
		];
	}
	return [{ type: 'main' }];
}

export const OUTPUTS_EXPRESSION = `={{(${configuredOutputs.toString()})($parameter)}}` as `={{${string}}}`;
