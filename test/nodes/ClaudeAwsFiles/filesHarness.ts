/** Shared set-up for the Files node tests: one emulator per test file, and runNode with our credential. */
import type { INodeParameters } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsFiles } from '../../../nodes/ClaudeAwsFiles/ClaudeAwsFiles.node';
import type { FilesState } from '../../emulator/resources/files';
import type { Emulator } from '../../emulator/types';
import { accessKeyCredentials } from '../../helpers/credentials';
import { useEmulator as useSharedEmulator } from '../../helpers/emulator';
import { runNode, type RunNodeOptions } from '../../helpers/runNode';

/** Every byte value, several times over, so any re-encoding on the way shows. */
export const ALL_BYTES = Buffer.concat(Array.from({ length: 3 }, () => Buffer.from(Array.from({ length: 256 }, (_, value) => value))));

export function useEmulator(): { emulator: () => Emulator; files: () => FilesState } {
	const handle = useSharedEmulator();
	return { emulator: () => handle.emulator, files: () => handle.emulator.state.files as FilesState };
}

export function runFiles(emulator: Emulator, parameters: INodeParameters, extra: Omit<RunNodeOptions, 'node' | 'parameters'> = {}) {
	return runNode({
		node: ClaudeAwsFiles,
		parameters: { resource: 'file', ...parameters },
		credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
		...extra,
	});
}

/** A resource locator value as the editor stores it in ID mode. */
export function byId(id: string) {
	return { __rl: true, mode: 'id', value: id };
}
