/** The verifier against AWS's published SigV4 test suite vector ("get-vanilla") and its building blocks. */
import { awsUriEscape, canonicalQuery, canonicalUri, verifySigV4 } from './sigv4-verify';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

describe('sigv4-verify', () => {
	it('verifies the AWS test-suite get-vanilla request', () => {
		const result = verifySigV4(
			{
				method: 'GET',
				url: '/',
				rawHeaders: [
					'Host', 'example.amazonaws.com',
					'X-Amz-Date', '20150830T123600Z',
					'Authorization',
					'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
				],
				body: Buffer.alloc(0),
			},
			{
				region: 'us-east-1',
				service: 'service',
				now: Date.UTC(2015, 7, 30, 12, 36, 0),
				lookupKey: (id) => (id === 'AKIDEXAMPLE' ? { secretAccessKey: SECRET } : undefined),
			},
		);
		expect(result).toEqual({ ok: true, accessKeyId: 'AKIDEXAMPLE' });
	});

	it('double-encodes the path and normalises dot segments', () => {
		expect(canonicalUri('/v1/files/a%20b')).toBe('/v1/files/a%2520b');
		expect(canonicalUri('/v1/./x/../files//f')).toBe('/v1/files/f');
		expect(canonicalUri('/')).toBe('/');
		expect(awsUriEscape("a b!*'()~._-")).toBe('a%20b%21%2A%27%28%29~._-');
	});

	it('sorts and re-encodes the query', () => {
		expect(canonicalQuery('b=2&a=3&a=1&c&d=x%2Fy')).toBe('a=1&a=3&b=2&c=&d=x%2Fy');
	});
});
