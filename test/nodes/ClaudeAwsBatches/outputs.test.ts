/** The node's outputs as n8n computes them from its parameters (what the editor draws and the engine routes). */
import { NodeHelpers, Workflow, type INodeParameters } from 'n8n-workflow';
import { ClaudeAwsBatches } from '../../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node';

function outputsFor(parameters: INodeParameters) {
	const type = new ClaudeAwsBatches();
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
	const node = { id: '1', name: 'Batches', type: 'n8n-nodes-claude-aws.claudeAwsBatches', typeVersion: 1, position: [0, 0] as [number, number], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes as never });
	return NodeHelpers.getNodeOutputs(workflow, workflow.getNode('Batches')!, type.description);
}

const two = [
	{ type: 'main', displayName: 'Results' },
	{ type: 'main', displayName: 'Errors' },
];
const one = [{ type: 'main' }];

describe('Batches node outputs', () => {
	it.each([
		['Get Results with routing', { operation: 'getResults', options: { routeErrors: true } }, two],
		['Get Results without routing', { operation: 'getResults' }, one],
		['Create, waiting, results by default, routing', { operation: 'create', options: { waitUntilEnded: true, routeErrors: true } }, two],
		['Create, waiting, results off', { operation: 'create', options: { waitUntilEnded: true, outputResults: false, routeErrors: true } }, one],
		['Create without waiting', { operation: 'create', options: { routeErrors: true } }, one],
		['Get', { operation: 'get', options: { routeErrors: true } }, one],
	])('%s', (_what, parameters, expected) => {
		expect(outputsFor({ resource: 'batch', ...parameters })).toEqual(expected);
	});
});
