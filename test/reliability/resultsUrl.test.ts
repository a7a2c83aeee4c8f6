/**
 * Issue 17.16: a gateway behind a proxy or VPC endpoint may answer with its public host name in
 * results_url. With a Base URL set, results are read through the Base URL's origin; without one, only
 * the region's gateway is accepted; a signature is never sent to any other host.
 */
import { batches } from '../../nodes/api/batches';
import { readBatchResults, resultsLocation } from '../../nodes/api/batchResults';
import { clientFromCredential } from '../../nodes/shared/client';
import { ClaudeConfigError } from '../../nodes/transport/errors';
import { accessKeyCredentials } from '../helpers/credentials';
import { useHarness } from '../nodes/ClaudeAwsBatches/batchesHarness';

const h = useHarness();
const PUBLIC_GATEWAY = 'https://aws-external-anthropic.us-east-1.api.aws';

describe('results_url on another origin', () => {
	it('with a Base URL set, the results path and query are read through the Base URL', async () => {
		const created = await h.createDirect(['one', 'two']);
		await h.waitEnded(created.id);
		const client = clientFromCredential(accessKeyCredentials(h.emulator));
		const batch = await batches.retrieve(client, created.id);
		const publicUrl = `${PUBLIC_GATEWAY}${new URL(batch.results_url!).pathname}?format=jsonl`;
		h.emulator.clearReceived();
		const lines = [];
		for await (const line of readBatchResults(client, { ...batch, results_url: publicUrl })) lines.push(line.custom_id);
		expect(lines.sort()).toEqual(['item-0', 'item-1']);
		expect(h.emulator.received.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/messages/batches/${created.id}/results`]);
	});

	it('without a Base URL, a results_url that is not the region gateway is refused before any request', () => {
		const client = clientFromCredential({ ...accessKeyCredentials(h.emulator), baseUrl: '' });
		const regionGateway = client.baseUrl.origin;
		expect(regionGateway).toMatch(/^https:\/\/aws-external-anthropic\.[a-z0-9-]+\.api\.aws$/);
		expect(resultsLocation(client, { id: 'msgbatch_01a', results_url: `${regionGateway}/v1/messages/batches/msgbatch_01a/results` })).toBe(`${regionGateway}/v1/messages/batches/msgbatch_01a/results`);
		let error: unknown;
		try {
			resultsLocation(client, { id: 'msgbatch_01a', results_url: 'https://attacker.example/v1/messages/batches/msgbatch_01a/results' });
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ClaudeConfigError);
		expect((error as Error).message).toBe(
			`Batch msgbatch_01a has its results at https://attacker.example, which is not the gateway ${regionGateway}; they were not requested, so no signature left for another host.`,
		);
	});

	it('with a Base URL, only an API path is read through it', () => {
		const client = clientFromCredential(accessKeyCredentials(h.emulator));
		expect(() => resultsLocation(client, { id: 'msgbatch_01a', results_url: 'https://elsewhere.example/admin/keys' })).toThrow(ClaudeConfigError);
	});
});
