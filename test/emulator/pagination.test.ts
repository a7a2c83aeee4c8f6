/** The two page styles, as the SDK walks them. */
import { decodePageToken, idPage, tokenPage } from './pagination';
import { EmulatorHttpError } from './types';

const items = Array.from({ length: 7 }, (_, i) => ({ id: `item_${i}` }));
const q = (params: Record<string, string>) => new URLSearchParams(params);

describe('idPage', () => {
	it('walks forwards with after_id = last_id while has_more', () => {
		const seen: string[] = [];
		let query = q({ limit: '3' });
		for (;;) {
			const page = idPage(items, query);
			seen.push(...page.data.map((item) => item.id));
			expect(page.first_id).toBe(page.data[0]?.id ?? null);
			if (!page.has_more) break;
			query = q({ limit: '3', after_id: page.last_id! });
		}
		expect(seen).toEqual(items.map((item) => item.id));
	});

	it('walks backwards with before_id = first_id', () => {
		const page = idPage(items, q({ limit: '2', before_id: 'item_5' }));
		expect(page).toEqual({ data: [{ id: 'item_3' }, { id: 'item_4' }], has_more: true, first_id: 'item_3', last_id: 'item_4' });
		expect(idPage(items, q({ limit: '5', before_id: 'item_3' })).has_more).toBe(false);
	});

	it('defaults to 20 and validates limit', () => {
		expect(idPage(items, q({})).data).toHaveLength(7);
		expect(() => idPage(items, q({ limit: '0' }))).toThrow(EmulatorHttpError);
		expect(() => idPage(items, q({ limit: '1001' }))).toThrow(/less than or equal to 1000/);
		expect(() => idPage(items, q({ limit: 'x' }))).toThrow(/integer/);
	});

	it('returns an empty page for an unknown cursor', () => {
		expect(idPage(items, q({ after_id: 'nope' }))).toEqual({ data: [], has_more: false, first_id: null, last_id: null });
	});
});

describe('tokenPage', () => {
	it('walks with page = next_page until it is null', () => {
		const seen: string[] = [];
		let query = q({ limit: '3' });
		let pages = 0;
		for (;;) {
			const page = tokenPage(items, query);
			pages++;
			seen.push(...page.data.map((item) => item.id));
			if (!page.next_page) break;
			query = q({ limit: '3', page: page.next_page });
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(items.map((item) => item.id));
	});

	it('has no next_page when everything fits, and rejects a bad token', () => {
		expect(tokenPage(items, q({ limit: '7' })).next_page).toBeNull();
		expect(() => tokenPage(items, q({ page: 'garbage' }))).toThrow(/page/);
		expect(() => decodePageToken('page_' + Buffer.from('x').toString('base64url'))).toThrow();
	});
});
