/**
 * Where and how fast a request is served: Inference Region (`inference_geo`) and Speed (`speed`), shared
 * by the Messages request form (Send Message, Create Batch) and the chat model sub-node, so both show
 * and read them alike. Values are checked before any request; speed `fast` brings the beta it needs.
 */
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { FAST_MODE_BETA } from '../api/messages/betas';
import { INFERENCE_GEOS, SPEEDS, type InferenceGeo, type Speed } from '../api/messages/types';
import { parameterError } from './errors';
import { MODEL_PARAMETERS as M, named } from './modelOptions';

export const inferenceGeoOption: INodeProperties = {
	...named(M.inferenceGeo),
	type: 'options',
	default: 'global',
	options: [
		{ name: 'Global', value: 'global', description: 'Any region Claude Platform on AWS serves from' },
		{ name: 'US', value: 'us', description: 'Only in the United States (priced higher)' },
	],
	description:
		"Where the model runs (inference_geo); without this option, the workspace's default region. Claude 4.6 models and newer only: older models refuse the request.",
};

export const speedOption: INodeProperties = {
	...named(M.speed),
	type: 'options',
	default: 'standard',
	options: [
		{ name: 'Standard', value: 'standard' },
		{ name: 'Fast', value: 'fast', description: 'More output tokens per second, on the models that offer fast mode (priced higher)' },
	],
	description: 'The inference speed mode (speed); Fast also sends the fast-mode beta header',
};

export interface ServingParams {
	fields: { inference_geo?: InferenceGeo; speed?: Speed };
	/** The anthropic-beta values these settings need. */
	betas: string[];
}

/** Both settings from an Options collection's value; absent options send nothing. */
export function servingParams(node: INode, options: IDataObject, itemIndex: number): ServingParams {
	const serving: ServingParams = { fields: {}, betas: [] };
	const geo = oneOf(node, M.inferenceGeo.label, options[M.inferenceGeo.name], INFERENCE_GEOS, itemIndex);
	if (geo) serving.fields.inference_geo = geo;
	const speed = oneOf(node, M.speed.label, options[M.speed.name], SPEEDS, itemIndex);
	if (speed) serving.fields.speed = speed;
	if (speed === 'fast') serving.betas.push(FAST_MODE_BETA);
	return serving;
}

function oneOf<T extends string>(node: INode, parameter: string, raw: unknown, values: readonly T[], itemIndex: number): T | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
	throw parameterError(node, parameter, `${JSON.stringify(raw)} is not one of ${values.join(', ')}`, itemIndex, `Pick ${values.join(' or ')}; an expression must give one of these values.`);
}
