/** Registers every resource module on the router. */
import type { Emulator, Router } from '../types';
import { register as registerModels } from './models';
import { register as registerMessages } from './messages';
import { register as registerBatches } from './batches';
import { register as registerFiles } from './files';
import { register as registerAgents } from './agents';
import { register as registerEnvironments } from './environments';
import { register as registerSessions } from './sessions';
import { register as registerSessionResources } from './sessionResources';
import { register as registerSessionThreads } from './sessionThreads';
import { register as registerSts } from './sts';
import { register as registerWebhooks } from './webhooks';
import { register as registerVaults } from './vaults';
import { register as registerMemoryStores } from './memoryStores';
import { register as registerSkills } from './skills';
import { register as registerControl } from './control';

export function registerAll(router: Router, emulator: Emulator): void {
	registerModels(router, emulator);
	registerMessages(router, emulator);
	registerBatches(router, emulator);
	registerFiles(router, emulator);
	registerAgents(router, emulator);
	registerEnvironments(router, emulator);
	registerSessions(router, emulator);
	registerSessionResources(router, emulator);
	registerSessionThreads(router, emulator);
	registerSts(router, emulator);
	registerWebhooks(router, emulator);
	registerVaults(router, emulator);
	registerMemoryStores(router, emulator);
	registerSkills(router, emulator);
	registerControl(router, emulator);
}
