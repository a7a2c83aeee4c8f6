/** Attachments (URLs): images and documents by http(s) URL, fetched on Claude's side. */
import { send, useHarness } from './harness';

const h = useHarness();

test('URL attachments become url sources before the prompt, documents with citations when asked', async () => {
	const result = await h.run(
		send({
			prompt: 'Compare these',
			urlAttachments: { values: [{ url: 'https://example.com/report.pdf', type: 'document', citations: true }, { url: '={{ $json.chart }}', type: 'image' }] },
		}),
		{ input: [{ chart: 'http://localhost:8080/chart.png' }] },
	);
	expect(result.error).toBeUndefined();
	expect(h.requests()[0].json.messages[0].content).toEqual([
		{ type: 'document', source: { type: 'url', url: 'https://example.com/report.pdf' }, citations: { enabled: true } },
		{ type: 'image', source: { type: 'url', url: 'http://localhost:8080/chart.png' } },
		{ type: 'text', text: 'Compare these' },
	]);
	expect(result.json[0].text).toBe('Echo: Compare these [1 image, 1 document]');
	expect(result.json[0].citations).toEqual([expect.objectContaining({ type: 'page_location', document_index: 0 })]);
});

describe.each([
	['file:///etc/passwd'],
	['ftp://example.com/a.pdf'],
	['example.com/a.pdf'],
	[''],
])('the URL "%s"', (url) => {
	test('fails before any request', async () => {
		const result = await h.run(send({ urlAttachments: { values: [{ url, type: 'document' }] } }));
		expect(result.error?.message).toBe(`Attachments (URLs): URL 1 ("${url}") is not an http(s) URL (item 0)`);
		expect(h.emulator.received).toEqual([]);
	});
});
