/** URLs and queries as SigV4 signs them: RFC 3986, spaces as %20, the base URL's path prefix kept, other origins refused. */
import { appendQuery, encodeRfc3986, resolveRequestUrl } from '../../nodes/transport/url';
import { ClaudeConfigError } from '../../nodes/transport/errors';

describe('url building', () => {
	it('encodes as RFC 3986: space as %20, never +, and !\'()* escaped', () => {
		expect(encodeRfc3986("a b+c!'()*~_.-ü")).toBe('a%20b%2Bc%21%27%28%29%2A~_.-%C3%BC');
	});

	it('appends a query to the URL\'s own, repeating array keys and leaving out empty values', () => {
		const url = appendQuery(new URL('https://gw.example/v1/x?keep=1'), { 'odd key': 'a b', list: ['2', '1'], none: undefined, empty: '', nil: null, n: 3, yes: true });
		expect(url.search).toBe('?keep=1&odd%20key=a%20b&list=2&list=1&n=3&yes=true');
		expect(url.toString()).not.toContain('+');
	});

	it('resolves paths under the base URL, keeping its path prefix', () => {
		const base = new URL('https://proxy.example/claude');
		expect(resolveRequestUrl(base, '/v1/models', { limit: 2 }).toString()).toBe('https://proxy.example/claude/v1/models?limit=2');
		expect(resolveRequestUrl(base, 'v1/models').toString()).toBe('https://proxy.example/claude/v1/models');
	});

	it('accepts an absolute URL on the gateway origin, refuses any other before anything is signed', () => {
		const base = new URL('https://gw.example');
		expect(resolveRequestUrl(base, 'https://gw.example/v1/messages/batches/b/results?x=1').toString()).toBe('https://gw.example/v1/messages/batches/b/results?x=1');
		expect(() => resolveRequestUrl(base, 'https://evil.example/v1/x')).toThrow(ClaudeConfigError);
	});
});
