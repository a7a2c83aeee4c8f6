/** List environments (newest first). */
import { listOperation } from '../../helpers/listOperation';

export const { description, execute } = listOperation('environment', '/v1/environments', 'environments');
