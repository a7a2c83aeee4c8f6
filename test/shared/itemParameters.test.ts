/**
 * Per-item parameter reads (nodes/shared/itemParameters.ts) inside n8n-core's real engine: a probe node
 * reads its parameters for every item and records what it got and how often n8n was asked.
 */
import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type INodeParameters, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { parameterError } from '../../nodes/shared/errors';
import { holdsExpression, itemParameter, nodeOf } from '../../nodes/shared/itemParameters';
import { runPerItem } from '../../nodes/shared/runPerItem';
import { runNode } from '../helpers/runNode';

const asked: Record<string, number> = {};

class ParameterProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Parameter Probe',
		name: 'parameterProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads its parameters per item',
		defaults: { name: 'Parameter Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{ displayName: 'Count', name: 'count', type: 'number', default: 1 },
			{ displayName: 'JSON', name: 'json', type: 'string', default: '{}' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Label', name: 'label', type: 'string', default: '' },
					{ displayName: 'Tags', name: 'tags', type: 'string', default: '' },
				],
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'resourceLocator',
				default: { mode: 'id', value: 'claude-sonnet-4-6' },
				modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
			},
		],
	};

	async execute(this: IExecuteFunctions) {
		const original = this.getNodeParameter.bind(this);
		for (const key of Object.keys(asked)) delete asked[key];
		this.getNodeParameter = ((name: string, ...rest: unknown[]) => {
			asked[name] = (asked[name] ?? 0) + 1;
			return (original as (...args: unknown[]) => unknown)(name, ...rest);
		}) as IExecuteFunctions['getNodeParameter'];
		const out = await runPerItem(
			this,
			async (i) => {
				const options = itemParameter<IDataObject>(this, 'options', i, {});
				const count = itemParameter<unknown>(this, 'count', i, 1);
				if (typeof count !== 'number' || count < 1) throw parameterError(nodeOf(this), 'Count', `must be at least 1, got ${String(count)}`, i);
				const result: IDataObject = {
					text: itemParameter(this, 'text', i, ''),
					count,
					label: options.label ?? null,
					model: itemParameter<string>(this, 'model', i, '', { extractValue: true }),
					absent: itemParameter(this, 'notThere', i, 'fallback A'),
					absentOther: itemParameter(this, 'notThere', i, 'fallback B'),
					json: itemParameter<IDataObject>(this, 'json', i, {}, { ensureType: 'json' }),
				};
				// A caller may change what it was handed; the next item must not see that.
				options.label = 'changed by item';
				return result;
			},
			{ concurrency: 2 },
		);
		return [out];
	}
}

const run = (parameters: INodeParameters, items = 3, continueOnFail = false) =>
	runNode({ node: ParameterProbe, parameters, input: Array.from({ length: items }, (_, i) => ({ n: i })), continueOnFail });

describe('itemParameter inside n8n', () => {
	it('resolves a parameter without an expression once per run, and an expression for every item', async () => {
		const result = await run({ text: '={{ "item " + $json.n }}', count: 3, options: { label: 'fixed' } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([0, 1, 2].map((n) => ({ text: `item ${n}`, count: 3, label: 'fixed', model: 'claude-sonnet-4-6', absent: 'fallback A', absentOther: 'fallback B', json: {} })));
		expect(asked.text).toBe(3);
		expect(asked.count).toBe(1);
		expect(asked.options).toBe(1);
		expect(asked.model).toBe(1);
	});

	it('treats an expression anywhere inside a collection as per item', async () => {
		const result = await run({ text: 'same', options: { tags: 'a', label: '={{ "label " + $json.n }}' } });
		expect(result.json.map((j) => j.label)).toEqual(['label 0', 'label 1', 'label 2']);
		expect(asked.options).toBe(3);
		expect(asked.text).toBe(1);
	});

	it('reads a resource locator whose value is an expression per item', async () => {
		const result = await run({ model: { __rl: true, mode: 'id', value: '={{ "model-" + $json.n }}' } });
		expect(result.json.map((j) => j.model)).toEqual(['model-0', 'model-1', 'model-2']);
		expect(asked.model).toBe(3);
	});

	it('a bad value without an expression fails every item with its own index (Continue On Fail)', async () => {
		const result = await run({ count: 0 }, 3, true);
		expect(result.json).toEqual([0, 1, 2].map((i) => ({ error: `Count: must be at least 1, got 0 (item ${i})` })));
		expect(asked.count).toBe(1);

		const stopped = await run({ count: 0 }, 3);
		expect(stopped.error?.message).toBe('Count: must be at least 1, got 0 (item 0)');
	});

	it('a read n8n rejects is not remembered: each item asks again and gets its own error', async () => {
		const result = await run({ json: 'not json' }, 3, true);
		expect(result.json.map((j) => j.error)).toEqual([0, 1, 2].map((i) => `Parameter 'json' could not be parsed (item ${i})`));
		expect(asked.json).toBe(3);
	});
});

describe('holdsExpression', () => {
	it.each([
		['=plain', true],
		['{{ not saved as an expression }}', false],
		[{ a: [{ b: '={{ 1 }}' }] }, true],
		[{ a: [{ b: 'x' }], c: 3, d: null }, false],
		[['x', 'y'], false],
		[['x', '={{ 2 }}'], true],
		[5, false],
		[undefined, false],
	])('%j → %s', (value, expected) => {
		expect(holdsExpression(value)).toBe(expected);
	});
});
