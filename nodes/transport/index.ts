export * from './client';
export * from './config';
export * from './constants';
export * from './errors';
export { credentialProvidersLoaded, clearIdentityCache } from './identity';
export { readJsonLines, JsonLinesError } from './jsonLines';
export { multipartFile } from './multipart';
export { parseSse } from './sse';
