/** The Batches node's operations under the one router; Get Results and Create may draw an Errors output. */
import { createRouter } from '../../shared/router';
import { configuredOutputs } from '../helpers/outputs';
import * as batch from './batch';

export const router = createRouter(
	{ batch: { cancel: batch.cancel, create: batch.create, delete: batch.delete, get: batch.get, getResults: batch.getResults, list: batch.list, waitUntilEnded: batch.waitUntilEnded } },
	{ defaultResource: 'batch', outputCount: (context) => configuredOutputs(context.getNode().parameters).length },
);
