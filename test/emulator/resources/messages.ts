/** Messages: placeholder until the reply generator lands. */
import type { Emulator, Router } from '../types';
export function register(_router: Router, _emulator: Emulator): void {}
