/**
 * Bad-input corpus (badInputs.cases.ts): each case fails with the exact message a user sees, naming the
 * parameter (or credential field) and the item, and nothing reached the gateway when the input was bad
 * on its face.
 */
import type { INodeTypeDescription } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../nodes/ClaudeAws/ClaudeAws.node';
import { ClaudeAwsBatches } from '../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node';
import { ClaudeAwsFiles } from '../../nodes/ClaudeAwsFiles/ClaudeAwsFiles.node';
import { ClaudeAwsSessions } from '../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node';
import { accessKeyCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import { CASES, type NodeKey } from './badInputs.cases';
import { useEmulator } from './helpers/suite';

const suite = useEmulator();
const NODES: Record<NodeKey, new () => { description: INodeTypeDescription }> = {
	messages: ClaudeAws,
	files: ClaudeAwsFiles,
	batches: ClaudeAwsBatches,
	sessions: ClaudeAwsSessions,
};

test('the corpus has at least 30 cases, and covers the credential and every node', () => {
	expect(CASES.length).toBeGreaterThanOrEqual(30);
	expect(new Set(CASES.map((c) => c.node))).toEqual(new Set(Object.keys(NODES)));
	expect(CASES.some((c) => c.credential)).toBe(true);
});

describe.each(CASES)('$node: $name', (badInput) => {
	test('fails with the exact message, naming the parameter and the item; nothing sent when the input was already bad', async () => {
		const undo = badInput.setup?.();
		try {
			const continueOnFail = badInput.item !== undefined && badInput.item > 0;
			const result = await runNode({
				node: NODES[badInput.node],
				parameters: badInput.parameters,
				credentials: { claudePlatformAwsApi: accessKeyCredentials(suite.emulator, badInput.credential ?? {}) },
				credentialTypes: [ClaudePlatformAwsApi],
				input: badInput.input,
				binary: badInput.binary,
				continueOnFail,
			});
			// With Continue On Fail the bad item gets its error in its own output item; the others go through.
			const shown = continueOnFail
				? { message: result.json[badInput.item!]?.error as string, description: result.json[badInput.item!]?.errorDescription as string | undefined }
				: { message: result.error?.message, description: (result.error as { description?: string } | undefined)?.description };
			if (process.env.SHOW) console.log(JSON.stringify({ name: badInput.name, ...shown, requests: suite.emulator.received.length }));
			expect(shown.message).toEqual(typeof badInput.message === 'string' ? badInput.message : expect.stringMatching(badInput.message));
			expect(shown.message).toContain(badInput.parameter);
			if (badInput.item !== undefined) expect(shown.message).toMatch(new RegExp(`\\(item ${badInput.item}\\)$`));
			if (badInput.description) expect(shown.description ?? '').toMatch(badInput.description);
			expect(suite.emulator.received).toHaveLength(badInput.requests ?? 0);
			if (continueOnFail) expect(result.items[0][badInput.item!].pairedItem).toEqual({ item: badInput.item });
		} finally {
			undo?.();
		}
	});
});
