/** Direct secret assertions for texts the suite reads outside a test's own requests (n8n's log). */
import { ALL_TEST_SECRETS } from '../../emulator/fixtures';

export function secretsIn(text: string): string[] {
	return ALL_TEST_SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 4)}…`);
}
