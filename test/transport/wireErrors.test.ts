/** Error answers read once: the status/type tables, error bodies and SSE events, each text cleaned of the request's secrets. */
import { ClaudeApiError, ClaudeStreamError } from '../../nodes/transport/errors';
import { redact, REDACTED, secretsOfHeaders } from '../../nodes/transport/redact';
import { apiErrorFrom, decodeSseEvent, errorTypeForStatus, statusForErrorType } from '../../nodes/transport/wireErrors';

const context = { method: 'POST', path: '/v1/messages', retries: 1, secrets: ['SECRETsecretSECRET01', 'TOKENtokenTOKENtoken/+='] };

describe('status and error type tables', () => {
	it('map both ways, request_too_large included; unknown types are 500', () => {
		for (const [status, type] of [[400, 'invalid_request_error'], [401, 'authentication_error'], [403, 'permission_error'], [404, 'not_found_error'], [413, 'request_too_large'], [429, 'rate_limit_error'], [529, 'overloaded_error']] as const) {
			expect(errorTypeForStatus(status)).toBe(type);
			expect(statusForErrorType(type)).toBe(status);
		}
		expect(statusForErrorType('api_error')).toBe(500);
		expect(statusForErrorType('something_new')).toBe(500);
		expect(statusForErrorType('__proto__')).toBe(500);
		expect(statusForErrorType(undefined)).toBe(500);
		expect(errorTypeForStatus(502)).toBe('api_error');
		expect(errorTypeForStatus(418)).toBe('http_error');
	});
});

describe('apiErrorFrom', () => {
	it('takes the API error object, the request ID of the body or the header, and a machine reason', () => {
		const body = Buffer.from(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' }, request_id: 'req_body' }));
		const error = apiErrorFrom(429, body, { 'request-id': 'req_header' }, context);
		expect(error).toMatchObject({ status: 429, errorType: 'rate_limit_error', apiMessage: 'slow down', requestId: 'req_body', reason: 'rate_limited', retries: 1 });
		expect(apiErrorFrom(502, Buffer.from('<html>bad gateway</html>'), { 'x-amzn-requestid': 'amz-1' }, context)).toMatchObject({ errorType: 'api_error', apiMessage: '<html>bad gateway</html>', requestId: 'amz-1', reason: 'server_error' });
		expect(apiErrorFrom(503, Buffer.alloc(0), {}, context).apiMessage).toBe('HTTP 503 with no body');
	});

	it('a redirect is an error naming where it pointed (17.11), never an answer', () => {
		const error = apiErrorFrom(302, Buffer.from('<html>moved</html>'), { location: 'https://elsewhere.example/x' }, context);
		expect(error).toMatchObject({ status: 302, errorType: 'http_error', reason: 'redirected', apiMessage: 'The gateway answered with a redirect to https://elsewhere.example/x; a signed request is not followed elsewhere.' });
	});

	it('removes the secrets it is given from the message, also JSON-escaped', () => {
		const body = Buffer.from(JSON.stringify({ error: { type: 'invalid_request_error', message: 'got key SECRETsecretSECRET01 and token TOKENtokenTOKENtoken/+=' } }));
		const error = apiErrorFrom(400, body, {}, context);
		expect(error.apiMessage).toBe(`got key ${REDACTED} and token ${REDACTED}`);
	});
});

describe('decodeSseEvent', () => {
	it('decodes JSON data, turns an error event into a ClaudeApiError with its status, and non-JSON into a stream error', () => {
		expect(decodeSseEvent({ event: 'message_stop', data: '{"type":"message_stop"}', id: '7' }, context)).toEqual({ event: 'message_stop', data: { type: 'message_stop' }, id: '7' });
		let error: any;
		try {
			decodeSseEvent({ event: 'error', data: JSON.stringify({ error: { type: 'overloaded_error', message: 'busy, token TOKENtokenTOKENtoken/+=' }, request_id: 'req_1' }) }, context);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ClaudeApiError);
		expect(error).toMatchObject({ status: 529, errorType: 'overloaded_error', apiMessage: `busy, token ${REDACTED}`, requestId: 'req_1', reason: 'overloaded' });
		expect(() => decodeSseEvent({ event: 'x', data: '{oops' }, { ...context, streamName: 'The session event stream' })).toThrow(
			new ClaudeStreamError('The session event stream sent an event "x" whose data is not JSON.', '/v1/messages'),
		);
	});
});

describe('redact', () => {
	it('finds the kinds of secrets it does not know by value: Authorization values, signatures, session tokens, Bearer keys', () => {
		const text = [
			'authorization: AWS4-HMAC-SHA256 Credential=AKID/20260501/us-west-2/aws-external-anthropic/aws4_request, SignedHeaders=host, Signature=' + 'ab'.repeat(32),
			'x-amz-security-token:FwoGZXIvYXdzUNKNOWN',
			'{"Authorization":"Bearer aws-external-anthropic-api-key-UNKNOWN123"}',
			'<SecretAccessKey>wJalrUNKNOWN</SecretAccessKey><SessionToken>FQoUNKNOWN</SessionToken>',
			'Signature=' + 'cd'.repeat(32),
		].join('\n');
		const out = redact(text);
		expect(out).not.toMatch(/UNKNOWN|abab|cdcd/);
		expect(out).toContain('x-amz-security-token:[redacted]');
		expect(out).toContain('authorization: [redacted]');
	});

	it('takes the secret parts of headers sent: the whole Authorization, the signature in it, the session token', () => {
		const signature = 'ef'.repeat(32);
		expect(secretsOfHeaders({ authorization: `AWS4-HMAC-SHA256 Credential=A/x, SignedHeaders=host, Signature=${signature}`, 'x-amz-security-token': 'tok' })).toEqual([
			`AWS4-HMAC-SHA256 Credential=A/x, SignedHeaders=host, Signature=${signature}`,
			signature,
			'tok',
		]);
		expect(secretsOfHeaders({ authorization: 'Bearer key-123' })).toEqual(['Bearer key-123', 'key-123']);
	});
});
