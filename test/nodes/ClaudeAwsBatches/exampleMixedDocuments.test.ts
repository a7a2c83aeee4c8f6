/**
 * examples/10 against the emulator: the documents its Code node makes (run here as n8n runs it, with
 * prepareBinaryData) go into Create Batch with its saved parameters. The PDF and the CSV are cited, the
 * DOCX is read through the docx skill from an upload that is gone once the batch has ended.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BinaryInputs } from '../../helpers/runNode';
import { useHarness } from './batchesHarness';

const h = useHarness();
const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', '10-mixed-document-batch-citations.json'), 'utf8'));
const nodeNamed = (name: string) => workflow.nodes.find((node: any) => node.name === name);

/** The example's Code node script, with the one helper it uses. */
async function documents(): Promise<Array<{ json: Record<string, string>; binary: BinaryInputs }>> {
	const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
	const script = new AsyncFunction(nodeNamed('Documents').parameters.jsCode);
	const helpers = { prepareBinaryData: async (data: Buffer, fileName: string, mimeType: string) => ({ data, fileName, mimeType }) };
	return script.call({ helpers });
}

test('one cited answer per document, in input order and paired; the DOCX went through the docx skill and its upload is deleted', async () => {
	const docs = await documents();
	expect(docs.map((doc) => [doc.json.kind, doc.binary.data.mimeType])).toEqual([
		['pdf', 'application/pdf'],
		['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
		['csv', 'text/csv'],
	]);
	const parameters = { ...nodeNamed('Ask in a Batch').parameters, options: { ...nodeNamed('Ask in a Batch').parameters.options, pollIntervalSeconds: 0.05 } };
	const result = await h.run(parameters, { input: docs.map((doc) => doc.json), binary: docs.map((doc) => doc.binary) });
	expect(result.error).toBeUndefined();

	const [post] = h.requests('POST', '/v1/messages/batches');
	const [pdf, docx, csv] = post.json.requests.map((request: any) => request.params);
	expect(pdf.messages[0].content[0]).toMatchObject({ type: 'document', source: { type: 'base64', media_type: 'application/pdf' }, title: 'quarterly-report.pdf', citations: { enabled: true } });
	expect(pdf.container).toBeUndefined();
	expect(csv.messages[0].content[0]).toEqual({ type: 'document', source: { type: 'text', media_type: 'text/plain', data: expect.stringMatching(/^region,quarter,revenue_eur\n/) }, title: 'revenue-by-region.csv', citations: { enabled: true } });
	expect(docx.messages[0].content[0]).toEqual({ type: 'container_upload', file_id: expect.stringMatching(/^file_01/) });
	expect(docx.container).toEqual({ skills: [{ type: 'anthropic', skill_id: 'docx', version: 'latest' }] });
	expect(docx.tools).toEqual([expect.objectContaining({ type: expect.stringMatching(/^code_execution_/) })]);

	expect(result.items[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	const [pdfAnswer, docxAnswer, csvAnswer] = result.json;
	expect(result.json.map((json) => json.result_type)).toEqual(['succeeded', 'succeeded', 'succeeded']);
	expect(pdfAnswer.citations).toEqual([expect.objectContaining({ type: 'page_location', cited_text: expect.any(String), document_index: 0, document_title: 'quarterly-report.pdf' })]);
	expect(csvAnswer.citations).toEqual([
		expect.objectContaining({ type: 'char_location', cited_text: 'region,quarter,revenue_eur\nnorth,Q3,6400', document_index: 0, document_title: 'revenue-by-region.csv' }),
	]);
	expect(docxAnswer).toMatchObject({
		text: 'Echo: What are the key facts and figures in "Board minutes"? Quote the document for each one.',
		container_id: expect.stringMatching(/^container_/),
		files: [expect.objectContaining({ filename: 'report.docx', binary_property: 'report.docx' })],
	});
	// The emulator's docx skill always makes a file: it is a binary of the DOCX's result, read from the upload.
	expect(Object.keys(result.items[0][1].binary ?? {})).toEqual(['report.docx']);
	expect((await result.binary(1, 'report.docx')).toString()).toBe('emulated report.docx from: board-minutes.docx\n');
	expect(docxAnswer.citations).toBeUndefined();
	// The upload was in the Files API while the batch ran (the request succeeded) and is deleted now.
	expect(h.requests('DELETE', `/v1/files/${docx.messages[0].content[0].file_id}`)).toHaveLength(1);
	// What stays in the Files API is the file Claude made, not the upload.
	expect([...(h.emulator.state.files as any).files.keys()]).toEqual([(docxAnswer.files as any)[0].file_id]);
});
