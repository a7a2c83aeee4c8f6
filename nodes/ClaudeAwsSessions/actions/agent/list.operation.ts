/** List agents (newest first). */
import { listOperation } from '../../helpers/listOperation';

export const { description, execute } = listOperation('agent', '/v1/agents', 'agents');
