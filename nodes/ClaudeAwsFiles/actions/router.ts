/** The Files node's operations under the one router. */
import { createRouter } from '../../shared/router';
import { operations } from './file';

export const router = createRouter({ file: operations }, { defaultResource: 'file' });
