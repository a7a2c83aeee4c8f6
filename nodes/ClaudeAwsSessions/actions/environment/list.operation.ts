import { environments } from '../../../api/environments';
import { listOperation } from '../../helpers/listOperation';

export const { description, perItem } = listOperation('environment', environments.list, 'environments');
