/** examples/09: the Claude node's saved parameters, run against the emulator with the CSV the Code node makes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useHarness } from './harness';

const h = useHarness();

test('the example turns sales.csv into report.xlsx on the output item', async () => {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', '09-spreadsheet-excel-report.json'), 'utf8'));
	const node = workflow.nodes.find((n: any) => n.name === 'Excel Report');
	const csv = { data: Buffer.from('region,month,sales\nnorth,2026-10,120\n'), fileName: 'sales.csv', mimeType: 'text/csv' };
	const result = await h.run(node.parameters, { binary: [{ data: csv }] });
	expect(result.error).toBeUndefined();
	expect(Object.keys(result.items[0][0].binary ?? {})).toEqual(['report.xlsx']);
	expect((await result.binary(0, 'report.xlsx')).toString()).toBe('emulated report.xlsx from: sales.csv\n');
	expect(result.json[0]).toMatchObject({ container_id: expect.stringMatching(/^container_/), files: [expect.objectContaining({ filename: 'report.xlsx' })] });
});
