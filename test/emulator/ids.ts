/** IDs shaped like the API's: a prefix, then 24 base62 characters starting with "01". */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomBase62(length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
	return out;
}

/** e.g. newId('msg') -> 'msg_01Xk...'. */
export function newId(prefix: string): string {
	return `${prefix}_01${randomBase62(22)}`;
}

export function newRequestId(): string {
	return newId('req');
}
