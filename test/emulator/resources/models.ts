/** Models: `GET /v1/models` (ID pages, newest first) and `GET /v1/models/:model_id`. */
import { idPage } from '../pagination';
import { EmulatorHttpError, type Emulator, type Router } from '../types';
import { findModel, MODELS } from './modelCatalog';

export function register(router: Router, _emulator: Emulator): void {
	router.add('GET', '/v1/models', (ctx) => {
		ctx.send(200, idPage(MODELS, ctx.query));
	});
	router.add('GET', '/v1/models/:model_id', (ctx) => {
		const model = findModel(ctx.params.model_id);
		if (!model) throw new EmulatorHttpError(404, 'not_found_error', `model: ${ctx.params.model_id}`);
		ctx.send(200, model);
	});
}
