import { agents } from '../../../api/agents';
import { listOperation } from '../../helpers/listOperation';

export const { description, perItem } = listOperation('agent', agents.list, 'agents');
