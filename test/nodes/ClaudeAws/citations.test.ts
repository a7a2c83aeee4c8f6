/** Citations: per attachment, shown next to the text by Simplify Output; search results from item fields. */
import { send, useHarness } from './harness';

const h = useHarness();

const NOTES = { data: Buffer.from('The warranty lasts two years from the date of purchase.'), fileName: 'warranty.txt', mimeType: 'text/plain' };
const PDF = { data: Buffer.from('%PDF-1.4 fake'), fileName: 'manual.pdf', mimeType: 'application/pdf' };

test('Citations for Binary Attachments: documents ask for citations; the output gives cited text, document index and title, and location', async () => {
	const result = await h.run(send({ prompt: 'How long is the warranty?', binaryProperties: 'notes, manual', binaryCitations: true }), { binary: [{ notes: NOTES, manual: PDF }] });
	expect(result.error).toBeUndefined();
	const content = h.requests()[0].json.messages[0].content;
	expect(content[0]).toMatchObject({ type: 'document', title: 'warranty.txt', citations: { enabled: true } });
	expect(content[1]).toMatchObject({ type: 'document', title: 'manual.pdf', citations: { enabled: true } });
	expect(result.json[0].text).toBe('Echo: How long is the warranty? [2 documents]');
	expect(result.json[0].citations).toEqual([
		{ type: 'char_location', cited_text: 'The warranty lasts two years from the da', document_index: 0, document_title: 'warranty.txt', start_char_index: 0, end_char_index: 40, file_id: null },
		{ type: 'page_location', cited_text: 'Page 1 of manual.pdf', document_index: 1, document_title: 'manual.pdf', start_page_number: 1, end_page_number: 2, file_id: null },
	]);
});

test('without the toggle nothing asks for citations and the output has none (as before)', async () => {
	const result = await h.run(send({ binaryProperties: 'notes' }), { binary: [{ notes: NOTES }] });
	expect(h.requests()[0].json.messages[0].content[0]).not.toHaveProperty('citations');
	expect(result.json[0]).not.toHaveProperty('citations');
});

test('per Files API attachment: only the documents with Citations on are cited', async () => {
	const a = (h.emulator.state.files as any).addFile('a.pdf', 'application/pdf', '%PDF-1.4');
	const b = (h.emulator.state.files as any).addFile('b.pdf', 'application/pdf', '%PDF-1.4');
	const result = await h.run(send({ fileAttachments: { values: [{ fileId: a.id, type: 'document' }, { fileId: b.id, type: 'document', citations: true }] } }));
	expect(result.error).toBeUndefined();
	const content = h.requests()[0].json.messages[0].content;
	expect(content[0]).toEqual({ type: 'document', source: { type: 'file', file_id: a.id } });
	expect(content[1]).toEqual({ type: 'document', source: { type: 'file', file_id: b.id }, citations: { enabled: true } });
	expect(result.json[0].citations).toEqual([expect.objectContaining({ type: 'page_location', document_index: 1, file_id: b.id })]);
});

test('Search Results (JSON) from item fields become search_result blocks, cited with source and title', async () => {
	const results = [
		{ source: 'https://kb.example.com/warranty', title: 'Warranty', content: 'Two years for all devices.' },
		{ source: 'https://kb.example.com/returns', content: ['Returns within 30 days.', 'Keep the receipt.'] },
	];
	const result = await h.run(send({ prompt: 'Answer from the sources', searchResults: '={{ $json.results }}' }), { input: [{ results }] });
	expect(result.error).toBeUndefined();
	const content = h.requests()[0].json.messages[0].content;
	expect(content.slice(0, 2)).toEqual([
		{ type: 'search_result', source: 'https://kb.example.com/warranty', title: 'Warranty', content: [{ type: 'text', text: 'Two years for all devices.' }], citations: { enabled: true } },
		{
			type: 'search_result',
			source: 'https://kb.example.com/returns',
			title: 'https://kb.example.com/returns',
			content: [{ type: 'text', text: 'Returns within 30 days.' }, { type: 'text', text: 'Keep the receipt.' }],
			citations: { enabled: true },
		},
	]);
	expect(result.json[0].citations).toEqual([
		{ type: 'search_result_location', cited_text: 'Two years for all devices.', search_result_index: 0, source: 'https://kb.example.com/warranty', title: 'Warranty', start_block_index: 0, end_block_index: 1 },
		{ type: 'search_result_location', cited_text: 'Returns within 30 days.', search_result_index: 1, source: 'https://kb.example.com/returns', title: 'https://kb.example.com/returns', start_block_index: 0, end_block_index: 1 },
	]);
});

describe.each([
	['not JSON', '[{"source": ', /^Search Results \(JSON\): is not valid JSON: .+ \(item 0\)$/],
	['a result without source', '[{"content": "x"}]', 'Search Results (JSON): result 1 needs a "source" (e.g. its URL) (item 0)'],
	['a result without content', '[{"source": "s", "content": ""}]', 'Search Results (JSON): result 1 needs a "content" that is text or a list of texts (item 0)'],
	['a list of texts', '["just text"]', 'Search Results (JSON): result 1 is not an object (item 0)'],
])('Search Results: %s', (_name, searchResults, message) => {
	test('fails before any request', async () => {
		const result = await h.run(send({ searchResults }));
		expect(result.error?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(h.emulator.received).toEqual([]);
	});
});
