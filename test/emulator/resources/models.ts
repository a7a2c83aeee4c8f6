/** Models: `GET /v1/models` (ID pages, newest first) and `GET /v1/models/:model_id`. */
import { idPage } from '../pagination';
import { EmulatorHttpError, type Emulator, type Router } from '../types';
import { queryList } from './managedAgentsShared';
import { findModel, MODELS } from './modelCatalog';

const LIFECYCLE_STAGES = new Set(['active', 'deprecated', 'retired']);

export function register(router: Router, _emulator: Emulator): void {
	router.add('GET', '/v1/models', (ctx) => {
		// As the SDK documents ModelListParams.lifecycle: without it the list holds active and deprecated
		// models; retired ones appear only when asked for.
		const asked = queryList(ctx.query, 'lifecycle');
		for (const stage of asked) {
			if (!LIFECYCLE_STAGES.has(stage)) throw new EmulatorHttpError(400, 'invalid_request_error', `lifecycle: '${stage}' is not one of active, deprecated, retired`);
		}
		const stages = new Set(asked.length > 0 ? asked : ['active', 'deprecated']);
		ctx.send(200, idPage(MODELS.filter((model) => stages.has(model.lifecycle)), ctx.query));
	});
	router.add('GET', '/v1/models/:model_id', (ctx) => {
		const model = findModel(ctx.params.model_id);
		if (!model) throw new EmulatorHttpError(404, 'not_found_error', `model: ${ctx.params.model_id}`);
		ctx.send(200, model);
	});
}
