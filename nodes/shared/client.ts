/** A transport client for the node being run, built from its credential. One client per execution, so its requests share one back-off. */
import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions, ISupplyDataFunctions, IWebhookFunctions } from 'n8n-workflow';
import { ClaudeAwsClient } from '../transport/client';
import type { ConnectionConfig } from '../transport/config';
import { CREDENTIAL_TYPE, connectionConfigFrom } from './connectionConfig';

export type ClaudeContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | ISupplyDataFunctions | IWebhookFunctions;

export type ClientTuning = Partial<Pick<ConnectionConfig, 'maxRetries' | 'timeoutMs' | 'totalTimeoutMs' | 'maxConcurrency'>>;

export async function getClient(context: ClaudeContext, tuning: ClientTuning = {}): Promise<ClaudeAwsClient> {
	const data = (await context.getCredentials(CREDENTIAL_TYPE)) as ICredentialDataDecryptedObject;
	return clientFromCredential(data, tuning, context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined);
}

export function clientFromCredential(data: ICredentialDataDecryptedObject, tuning: ClientTuning = {}, credentialId?: string): ClaudeAwsClient {
	const config = connectionConfigFrom(data, tuning);
	// The cache key tells credentials apart without holding any secret: a digest of id and contents.
	const cacheKey = createHash('sha256').update(String(credentialId ?? '')).update(JSON.stringify(data)).digest('hex');
	return new ClaudeAwsClient(config, { identityCacheKey: cacheKey });
}
