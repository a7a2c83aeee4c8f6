/**
 * The bad-input corpus: what a user might type, map or misconfigure, and the exact error they see.
 * Credential cases hold for every node (the client is built once per execution, before any item, so
 * they name the credential field, not an item); parameter cases name the parameter and the item.
 * `requests` is how many requests may reach the gateway: 0 when the input is bad on its face, 1 for
 * an ID that is well-formed but unknown (only the gateway can tell), whose 404 then names the ID.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { SEED_RESEARCH_AGENT_ID } from '../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../emulator/resources/environments';
import { batchLimits } from '../../nodes/api/batchLimits';
import { containerUploadLimits } from '../../nodes/shared/messageForm/containerFiles';
import { uploadLimits } from '../../nodes/ClaudeAwsFiles/helpers/constants';
import type { BinaryInputs, ItemInput } from '../helpers/runNode';

export type NodeKey = 'messages' | 'files' | 'batches' | 'sessions';

export interface BadInput {
	name: string;
	node: NodeKey;
	parameters: INodeParameters;
	/** Overrides of the (otherwise valid) access-key credential. */
	credential?: ICredentialDataDecryptedObject;
	input?: ItemInput[];
	binary?: Array<BinaryInputs | undefined>;
	/** The whole message the user sees. */
	message: string | RegExp;
	/** A piece the error's description (the hint under the message) must hold. */
	description?: string | RegExp;
	/** The parameter or credential field the message must name. */
	parameter: string;
	/** The item the message must name; undefined for credential problems (they concern every item). */
	item?: number;
	/** Requests allowed on the wire (default 0). */
	requests?: number;
	/** Limits shrunk for the case (so "too large" needs no 500 MB of test data); returns the undo. */
	setup?: () => () => void;
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const send = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'message', operation: 'send', prompt: 'Hello', ...extra });
const upload = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'file', operation: 'upload', ...extra });
const download = (fileId: string): INodeParameters => ({ resource: 'file', operation: 'download', fileId: byId(fileId) });
const results = (batchId: unknown): INodeParameters => ({ resource: 'batch', operation: 'getResults', batchId: typeof batchId === 'string' ? byId(batchId) : (batchId as string) });
const create = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'batch', operation: 'create', prompt: '={{ $json.text }}', ...extra });
const start = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'session',
	operation: 'start',
	agent: byId(SEED_RESEARCH_AGENT_ID),
	environment: byId(SEED_ENVIRONMENT_ID),
	message: 'Hello',
	...extra,
});
const PDF = { data: { data: Buffer.from('%PDF-1.4 test'), fileName: 'a.pdf', mimeType: 'application/pdf' } };

/** Lowers a limit for one case, so "too large" needs no 500 MB of test data. */
function shrink<T extends object>(limits: T, key: keyof T, value: number): () => () => void {
	return () => {
		const saved = limits[key];
		(limits as Record<keyof T, unknown>)[key] = value;
		return () => {
			limits[key] = saved;
		};
	};
}

const LONG_ID = `wrkspc_${'x'.repeat(130)}`;

// Literal values that are empty or fail a locator's regex never run: n8n's own check stops the workflow
// first. The cases below map such values from items, which only the node can check at run time.
export const CASES: BadInput[] = [
	// The credential: checked before anything reaches a host name, a header or the wire.
	{ name: 'region empty', node: 'messages', parameters: send(), credential: { region: '' }, parameter: 'Region', message: 'Region: Region is required: Claude Platform on AWS has no default region.', description: 'e.g. us-east-1' },
	{ name: 'region with a host appended (host injection)', node: 'messages', parameters: send(), credential: { region: 'us-east-1.evil.example' }, parameter: 'Region', message: 'Region: Region "us-east-1.evil.example" is not an AWS region name.' },
	{ name: 'region with a path and userinfo (host injection)', node: 'files', parameters: upload(), binary: [PDF], credential: { region: 'evil.example/x@us-east-1' }, parameter: 'Region', message: 'Region: Region "evil.example/x@us-east-1" is not an AWS region name.', description: 'Use a region code such as us-east-1' },
	{ name: 'region with a header break (header injection)', node: 'batches', parameters: create(), input: [{ text: 'a' }], credential: { region: 'us-east-1\r\nHost: evil.example' }, parameter: 'Region', message: 'Region: Region "us-east-1??Host: evil.example" is not an AWS region name.' },
	{ name: 'region in capitals', node: 'sessions', parameters: start(), credential: { region: 'US-EAST-1' }, parameter: 'Region', message: 'Region: Region "US-EAST-1" is not an AWS region name.' },
	{ name: 'workspace ID empty', node: 'messages', parameters: send(), credential: { workspaceId: '   ' }, parameter: 'Workspace ID', message: 'Workspace ID: Workspace ID is required: every request is routed by it.' },
	{ name: 'workspace ID with a header break (header injection)', node: 'files', parameters: download('file_01abc'), credential: { workspaceId: 'wrkspc_01\r\nx-amz-security-token: forged' }, parameter: 'Workspace ID', message: 'Workspace ID: Workspace ID "wrkspc_01??x-amz-security-token: forged" has characters a workspace ID cannot have.' },
	{ name: 'workspace ID too long', node: 'messages', parameters: send(), credential: { workspaceId: LONG_ID }, parameter: 'Workspace ID', message: `Workspace ID: Workspace ID "${LONG_ID.slice(0, 57)}..." has characters a workspace ID cannot have.` },
	{ name: 'base URL with ftp://', node: 'messages', parameters: send(), credential: { baseUrl: 'ftp://127.0.0.1/' }, parameter: 'Base URL', message: 'Base URL: Base URL must start with http:// or https://, not "ftp:".' },
	{ name: 'base URL with file://', node: 'sessions', parameters: start(), credential: { baseUrl: 'file:///etc/passwd' }, parameter: 'Base URL', message: 'Base URL: Base URL must start with http:// or https://, not "file:".' },
	{ name: 'base URL that is not a URL', node: 'messages', parameters: send(), credential: { baseUrl: 'gateway host' }, parameter: 'Base URL', message: 'Base URL: Base URL "gateway host" is not a URL.' },
	{ name: 'base URL with user info', node: 'batches', parameters: results('msgbatch_01abc'), credential: { baseUrl: 'http://admin:pw@127.0.0.1:9/' }, parameter: 'Base URL', message: 'Base URL: Base URL must not contain user info, a query or a fragment.' },
	{ name: 'API key on two lines', node: 'messages', parameters: send(), credential: { authentication: 'apiKey', apiKey: 'aws-external-anthropic-api-key-x\nX-Evil: 1' }, parameter: 'API Key', message: 'API Key: API Key must be a single line.' },
	{ name: 'access key ID empty', node: 'files', parameters: upload(), binary: [PDF], credential: { accessKeyId: ' ' }, parameter: 'Access Key ID', message: 'Access Key ID: Access Key ID is required for AWS access keys.' },
	{ name: 'role ARN that is not an IAM role ARN', node: 'messages', parameters: send(), credential: { authentication: 'assumeRole', roleArn: 'arn:aws:s3:::bucket' }, parameter: 'Role ARN', message: 'Role ARN: Role ARN "arn:aws:s3:::bucket" is not an IAM role ARN.' },
	{ name: 'host identity on a host that has not opted in', node: 'messages', parameters: send(), credential: { authentication: 'defaultChain' }, parameter: 'Authentication', message: "Authentication: This n8n host does not allow workflows to use its own AWS identity.", description: 'N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true' },

	// Claude on AWS (Messages).
	{ name: 'prompt mapped from a field that is missing', node: 'messages', parameters: send({ prompt: '={{ $json.question }}' }), input: [{ text: 'the field is called text' }], parameter: 'Prompt', item: 0, message: 'Prompt: is empty (item 0)' },
	{ name: 'prompt mapped from an object', node: 'messages', parameters: send({ prompt: '={{ $json.question }}' }), input: [{ question: { text: 'hi' } }], parameter: 'Prompt', item: 0, message: 'Prompt: is an object, not text (item 0)', description: 'JSON.stringify' },
	{ name: 'max tokens mapped from text', node: 'messages', parameters: send({ maxTokens: '={{ $json.max }}' }), input: [{ max: 'lots' }], parameter: 'Max Tokens', item: 0, message: 'Max Tokens: must be a whole number of at least 1, got "lots" (item 0)' },
	{ name: 'messages JSON mapped from a number', node: 'messages', parameters: send({ promptType: 'json', messagesJson: '={{ $json.n }}' }), input: [{ n: 42 }], parameter: 'Messages (JSON)', item: 0, message: 'Messages (JSON): must be a non-empty JSON array of messages (item 0)' },
	{ name: 'attachment binary property missing', node: 'messages', parameters: send({ binaryProperties: 'data' }), parameter: 'Attachments (Binary Properties)', item: 0, message: 'Attachments (Binary Properties): the input item has no binary property "data" (item 0)', description: 'no binary data at all' },
	{ name: 'unknown model ID', node: 'messages', parameters: send({ modelId: byId('claude-sonnet-9-9') }), parameter: 'claude-sonnet-9-9', item: 0, message: '404 not_found_error: model: claude-sonnet-9-9 (item 0)', description: /POST \/v1\/messages answered 404 not_found_error\. Request ID: req_/, requests: 1 },
	{ name: 'system prompt mapped from a list', node: 'messages', parameters: send({ system: '={{ $json.rules }}' }), input: [{ rules: ['be brief', 'be kind'] }], parameter: 'System Prompt', item: 0, message: 'System Prompt: is a list, not text (item 0)' },
	{ name: 'output schema that is a list', node: 'messages', parameters: send({ options: { outputSchema: '[1, 2]' } }), parameter: 'Output Schema (JSON)', item: 0, message: 'Output Schema (JSON): must be a JSON schema object (item 0)' },
	{ name: 'third of three items bad, with Continue On Fail the others go through', node: 'messages', parameters: send({ prompt: '={{ $json.q }}' }), input: [{ q: 'one' }, { q: 'two' }, { q: '  ' }], parameter: 'Prompt', item: 2, message: 'Prompt: is empty (item 2)', requests: 2 },

	// Files.
	{ name: 'upload with no binary data at all', node: 'files', parameters: upload(), parameter: 'Input Binary Field', item: 0, message: 'Input Binary Field: the item has no binary field "data" (item 0)', description: 'The item carries no binary data at all' },
	{ name: 'upload with an empty binary field name', node: 'files', parameters: upload({ binaryPropertyName: '  ' }), binary: [PDF], parameter: 'Input Binary Field', item: 0, message: 'Input Binary Field: no binary field name was given (item 0)' },
	{ name: 'upload of an empty file', node: 'files', parameters: upload(), binary: [{ data: { data: Buffer.alloc(0), fileName: 'empty.txt', mimeType: 'text/plain' } }], parameter: 'Input Binary Field', item: 0, message: 'Input Binary Field: the file in "data" is empty (item 0)' },
	{ name: 'upload larger than the Files API limit', node: 'files', parameters: upload(), binary: [{ data: { data: Buffer.alloc(2048, 1), fileName: 'big.bin', mimeType: 'application/octet-stream' } }], parameter: 'Input Binary Field', item: 0, message: 'Input Binary Field: the file in "data" is 2.0 KiB (2048 bytes), larger than the Files API\'s limit of 1.0 KiB (1024 bytes) (item 0)', setup: shrink(uploadLimits, 'maxBytes', 1024) },
	{ name: 'upload MIME type with a header break', node: 'files', parameters: upload({ options: { mimeType: 'text/plain\r\nX-Evil: 1' } }), binary: [PDF], parameter: 'MIME Type', item: 0, message: 'MIME Type: "text/plain\r\nX-Evil: 1" is not a MIME type (item 0)' },
	{ name: 'upload expiry of half an hour', node: 'files', parameters: upload({ options: { expiresInHours: 0.5 } }), binary: [PDF], parameter: 'Expires After (Hours)', item: 0, message: 'Expires After (Hours): 0.5 is not a whole number of hours from 1 to 2160 (item 0)' },
	{ name: 'download without a file ID', node: 'files', parameters: download(' '), parameter: 'File', item: 0, message: 'File: no file ID was given (item 0)' },
	{ name: 'download with a path as file ID (path injection)', node: 'files', parameters: download('../../v1/messages'), parameter: 'File', item: 0, message: 'File: "../../v1/messages" is not a file ID (item 0)' },
	{ name: 'download of an unknown file ID', node: 'files', parameters: download('file_01UnknownFile000000000000'), parameter: 'file_01UnknownFile000000000000', item: 0, message: "404 not_found_error: File not found: 'file_01UnknownFile000000000000'. (item 0)", requests: 1 },
	{ name: 'download with the whole file object mapped as its ID', node: 'files', parameters: { resource: 'file', operation: 'download', fileId: { __rl: true, mode: 'id', value: '={{ $json.file }}' } }, input: [{ file: { id: 'file_01abc', type: 'file' } }], parameter: 'File', item: 0, message: 'File: is an object, not a file ID (item 0)' },

	// Batches.
	{ name: 'custom ID with a space', node: 'batches', parameters: create({ options: { customId: '={{ $json.id }}' } }), input: [{ text: 'a', id: 'doc 1' }], parameter: 'Custom ID', item: 0, message: 'Custom ID: "doc 1" is not a valid custom_id: use 1 to 64 letters, digits, "_" or "-" (item 0)' },
	{ name: 'two items with one custom ID', node: 'batches', parameters: create({ options: { customId: '={{ $json.id }}' } }), input: [{ text: 'a', id: 'doc-1' }, { text: 'b', id: 'doc-1' }], parameter: 'Custom ID', item: 1, message: 'Custom ID: "doc-1" is used by item 0 and item 1; each request needs its own custom_id (item 1)', requests: 1 },
	{ name: 'custom ID mapped from a missing field', node: 'batches', parameters: create({ options: { customId: '={{ $json.id }}' } }), input: [{ text: 'a' }], parameter: 'Custom ID', item: 0, message: 'Custom ID: is empty for this item (item 0)' },
	{ name: 'a request larger than a batch can hold', node: 'batches', parameters: create(), input: [{ text: 'x'.repeat(5000) }], parameter: 'Prompt', item: 0, message: 'Prompt: the request of this item is 5.1 kB, more than one batch can hold (4.1 kB) (item 0)', setup: shrink(batchLimits, 'maxBytes', 4096) },
	{
		// Run with Continue On Fail: item 0's file is uploaded and batched (2 requests), item 1 gets the error.
		name: 'a batch attachment over the Files limit on a later item',
		node: 'batches',
		parameters: create({ binaryProperties: 'data', builtInTools: { codeExecution: true } }),
		input: [{ text: 'a' }, { text: 'b' }],
		binary: [{ data: { data: Buffer.alloc(512, 44), fileName: 'small.csv', mimeType: 'text/csv' } }, { data: { data: Buffer.alloc(2048, 44), fileName: 'big.csv', mimeType: 'text/csv' } }],
		parameter: 'Attachments (Binary Properties)',
		item: 1,
		message: /^Attachments \(Binary Properties\): binary property "data" is 1 MiB, more than the Files API's limit of .+ MiB \(item 1\)$/,
		requests: 2,
		setup: shrink(containerUploadLimits, 'maxBytes', 1024),
	},
	{ name: 'messages JSON that does not parse, in a batch', node: 'batches', parameters: create({ promptType: 'json', messagesJson: '[{"role": "user"' }), input: [{ text: 'a' }], parameter: 'Messages (JSON)', item: 0, message: /^Messages \(JSON\): is not valid JSON: .+ \(item 0\)$/ },
	{ name: 'results with a batch ID mapped from a missing field', node: 'batches', parameters: results('={{ $json.id }}'), input: [{ batch: 'msgbatch_01abc' }], parameter: 'Batch', item: 0, message: 'Batch: no message batch ID was given (item 0)' },
	{ name: 'results for a mapped batch ID with a path (path injection)', node: 'batches', parameters: results('={{ $json.id }}'), input: [{ id: 'msgbatch_01/../../files' }], parameter: 'Batch', item: 0, message: 'Batch: "msgbatch_01/../../files" is not a message batch ID (item 0)' },
	{ name: 'results for a batch ID mapped from the whole batch object', node: 'batches', parameters: results('={{ $json.batch }}'), input: [{ batch: { id: 'msgbatch_01abc', type: 'message_batch' } }], parameter: 'Batch', item: 0, message: 'Batch: is an object, not a message batch ID (item 0)' },
	{ name: 'results for an unknown batch ID', node: 'batches', parameters: results('msgbatch_01UnknownBatch00000000'), parameter: 'msgbatch_01UnknownBatch00000000', item: 0, message: "404 not_found_error: Message batch not found: 'msgbatch_01UnknownBatch00000000'. (item 0)", requests: 1 },

	// Sessions.
	{ name: 'start with an agent mapped from a missing field', node: 'sessions', parameters: start({ agent: byId('={{ $json.agent }}') }), input: [{ text: 'hi' }], parameter: 'Agent', item: 0, message: 'Agent: no agent ID was given (item 0)' },
	{ name: 'start with an environment ID with a space', node: 'sessions', parameters: start({ environment: byId('env 1') }), parameter: 'Environment', item: 0, message: 'Environment: "env 1" is not an environment ID (item 0)' },
	{ name: 'start with a message mapped from a missing field', node: 'sessions', parameters: start({ message: '={{ $json.text }}' }), input: [{ body: 'x' }], parameter: 'Message', item: 0, message: 'Message: is empty (item 0)' },
	{ name: 'start with a file ID holding a slash', node: 'sessions', parameters: start({ additionalFields: { fileIds: 'file_01a, file_01b/../x' } }), parameter: 'File IDs', item: 0, message: 'File IDs: "file_01b/../x" is not a file ID (item 0)' },
	{ name: 'start with a negative budget', node: 'sessions', parameters: start({ additionalFields: { budgetUsd: -1 } }), parameter: 'Budget (USD)', item: 0, message: 'Budget (USD): must be a positive amount (item 0)' },
	{ name: 'start with 17 metadata keys', node: 'sessions', parameters: start({ additionalFields: { metadata: { entries: Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: 'v' })) } } }), parameter: 'Metadata', item: 0, message: 'Metadata: has 17 keys; the API allows at most 16 (item 0)' },
	{ name: 'send message to a session ID with a path', node: 'sessions', parameters: { resource: 'session', operation: 'sendMessage', sessionId: byId('sesn_01/../../agents'), message: 'hi' }, parameter: 'Session', item: 0, message: 'Session: "sesn_01/../../agents" is not a session ID (item 0)' },
	{ name: 'start with an unknown agent', node: 'sessions', parameters: start({ agent: byId('agent_01UnknownAgent00000000') }), parameter: 'agent_01UnknownAgent00000000', item: 0, message: "404 not_found_error: agent 'agent_01UnknownAgent00000000' not found. (item 0)", requests: 1 },
	// Issue 17.7: "." and ".." would change the request path (GET /v1/sessions/.. is GET /v1/): one ID rule for every resource.
	{ name: 'get session ".." (path traversal)', node: 'sessions', parameters: { resource: 'session', operation: 'get', sessionId: byId('..') }, parameter: 'Session', item: 0, message: 'Session: ".." is not a session ID (item 0)' },
	{ name: 'delete session "."', node: 'sessions', parameters: { resource: 'session', operation: 'delete', sessionId: byId('.') }, parameter: 'Session', item: 0, message: 'Session: "." is not a session ID (item 0)' },
	{ name: 'archive session ".."', node: 'sessions', parameters: { resource: 'session', operation: 'archive', sessionId: byId('..') }, parameter: 'Session', item: 0, message: 'Session: ".." is not a session ID (item 0)' },
	{ name: 'get agent ".."', node: 'sessions', parameters: { resource: 'agent', operation: 'get', agentId: byId('..') }, parameter: 'Agent', item: 0, message: 'Agent: ".." is not an agent ID (item 0)' },
	{ name: 'archive environment "."', node: 'sessions', parameters: { resource: 'environment', operation: 'archive', environmentId: byId('.') }, parameter: 'Environment', item: 0, message: 'Environment: "." is not an environment ID (item 0)' },
	{ name: 'get file ".."', node: 'files', parameters: { resource: 'file', operation: 'get', fileId: byId('..') }, parameter: 'File', item: 0, message: 'File: ".." is not a file ID (item 0)' },
	{ name: 'cancel batch "."', node: 'batches', parameters: { resource: 'batch', operation: 'cancel', batchId: byId('.') }, parameter: 'Batch', item: 0, message: 'Batch: "." is not a message batch ID (item 0)' },
	// Issue 17.8: "__proto__" matches the custom_id pattern, but as a map key it vanishes and its result pairs to the wrong item.
	{ name: 'custom ID "__proto__"', node: 'batches', parameters: create({ options: { customId: '={{ $json.id }}' } }), input: [{ text: 'a', id: '__proto__' }], parameter: 'Custom ID', item: 0, message: 'Custom ID: "__proto__" cannot be a custom_id here: its result could not be paired back to its item (item 0)' },
	{ name: 'session metadata key "__proto__"', node: 'sessions', parameters: start({ additionalFields: { metadata: { entries: [{ key: '__proto__', value: 'x' }] } } }), parameter: 'Metadata', item: 0, message: 'Metadata: key "__proto__" cannot be used (item 0)' },
	// Issue 17.4: waits past Node's timer range (2^31-1 ms) would fire at once; refused before any request.
	{ name: 'wait until ended for 30 days', node: 'batches', parameters: { resource: 'batch', operation: 'waitUntilEnded', batchId: byId('msgbatch_01abc'), options: { maxWaitMinutes: 30 * 24 * 60 } }, parameter: 'Max Wait (Minutes)', item: 0, message: 'Max Wait (Minutes): 43200 is not a number of minutes from 0 to 2880 (item 0)' },
	{ name: 'create and wait with a poll interval of a month', node: 'batches', parameters: create({ options: { waitUntilEnded: true, pollIntervalSeconds: 2_600_000 } }), input: [{ text: 'a' }], parameter: 'First Poll Interval (Seconds)', item: 0, message: 'First Poll Interval (Seconds): 2600000 is not a number of seconds above 0 and up to 3600 (item 0)' },
	// Issue 19: the request settings of the shared form, refused per item before the batch is created
	// (with Continue On Fail the good item 0 still goes into the batch: one request).
	{ name: 'create with an Inference Region mapped to "eu"', node: 'batches', parameters: create({ options: { inferenceGeo: '={{ $json.geo }}' } }), input: [{ text: 'a', geo: 'us' }, { text: 'b', geo: 'eu' }], parameter: 'Inference Region', item: 1, message: 'Inference Region: "eu" is not one of us, global (item 1)', requests: 1 },
	{ name: 'create with a Speed mapped to "turbo"', node: 'batches', parameters: create({ options: { speed: '={{ $json.speed }}' } }), input: [{ text: 'a', speed: 'turbo' }], parameter: 'Speed', item: 0, message: 'Speed: "turbo" is not one of standard, fast (item 0)' },
	{ name: 'send with a web search country that is a name', node: 'messages', parameters: send({ builtInTools: { webSearch: true, webSearchUserCountry: 'Germany' } }), parameter: 'Web Search User Country', item: 0, message: 'Built-in Tools › Web Search User Country: "Germany" is not a two-letter country code (item 0)' },
];
