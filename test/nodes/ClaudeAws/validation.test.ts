/** Bad input: a clear error naming the parameter and the item, and nothing sent to the gateway. */
import type { INodeParameters } from 'n8n-workflow';
import type { BinaryInputs } from '../../helpers/runNode';
import { send, useHarness } from './harness';

const h = useHarness();

interface Case {
	name: string;
	parameters: INodeParameters;
	binary?: BinaryInputs;
	message: string | RegExp;
}

const TOOL = { name: 'lookup', input_schema: { type: 'object', properties: {} } };

const cases: Case[] = [
	{ name: 'empty prompt', parameters: send({ prompt: '   ' }), message: 'Prompt: is empty (item 1)' },
	{
		name: 'empty message in a message list',
		parameters: { resource: 'message', operation: 'send', promptType: 'messages', messages: { values: [{ role: 'user', content: 'Hi' }, { role: 'user', content: '' }] } },
		message: 'Messages: message 2 is empty (item 1)',
	},
	{
		name: 'messages JSON that does not parse',
		parameters: { resource: 'message', operation: 'send', promptType: 'json', messagesJson: '[{"role": "user", "content": "Hi"' },
		message: /^Messages \(JSON\): is not valid JSON: .+ \(item 1\)$/,
	},
	{
		name: 'messages JSON that is not a list of messages',
		parameters: { resource: 'message', operation: 'send', promptType: 'json', messagesJson: '{"role": "user", "content": "Hi"}' },
		message: 'Messages (JSON): must be a non-empty JSON array of messages (item 1)',
	},
	{
		name: 'messages JSON with a bad role',
		parameters: { resource: 'message', operation: 'send', promptType: 'json', messagesJson: '[{"role": "human", "content": "Hi"}]' },
		message: 'Messages (JSON): message 1 has role "human"; use user, assistant or system (item 1)',
	},
	{ name: 'tools JSON that does not parse', parameters: send({ toolsJson: '[{"name": ' }), message: /^Tools \(JSON\): is not valid JSON: .+ \(item 1\)$/ },
	{ name: 'tools JSON that is not an array', parameters: send({ toolsJson: JSON.stringify(TOOL) }), message: 'Tools (JSON): must be a JSON array of tool definitions (item 1)' },
	{
		name: 'a tool without input_schema',
		parameters: send({ toolsJson: JSON.stringify([TOOL, { name: 'broken', description: 'x' }]) }),
		message: 'Tools (JSON): tool 2 ("broken") needs an "input_schema" that is a JSON schema of type "object" (item 1)',
	},
	{
		name: 'a tool with a bad name',
		parameters: send({ toolsJson: JSON.stringify([{ ...TOOL, name: 'has spaces' }]) }),
		message: 'Tools (JSON): tool 1 needs a "name" of 1-128 letters, digits, _ or - (item 1)',
	},
	{
		name: 'two tools with one name',
		parameters: send({ toolsJson: JSON.stringify([TOOL, TOOL]) }),
		message: 'Tools (JSON): two tools are named "lookup"; tool names must be unique (connected tools included) (item 1)',
	},
	{
		name: 'a forced tool that does not exist',
		parameters: send({ toolsJson: JSON.stringify([TOOL]), toolChoice: 'tool', toolChoiceName: 'missing' }),
		message: 'Tool Name: no tool is named "missing" (item 1)',
	},
	{ name: 'max tokens of 0', parameters: send({ maxTokens: 0 }), message: 'Max Tokens: must be a whole number of at least 1, got 0 (item 1)' },
	{ name: 'negative max tokens', parameters: send({ maxTokens: -5 }), message: 'Max Tokens: must be a whole number of at least 1, got -5 (item 1)' },
	{
		name: 'a thinking budget not below max tokens',
		parameters: send({ maxTokens: 2000, options: { thinking: 'enabled', thinkingBudget: 2000 } }),
		message: 'Thinking Budget (Tokens): (2000) must be less than Max Tokens (2000) (item 1)',
	},
	{ name: 'an output schema that does not parse', parameters: send({ options: { outputSchema: '{"type": ' } }), message: /^Output Schema \(JSON\): is not valid JSON: .+ \(item 1\)$/ },
	{
		name: 'an Amazon Bedrock model ID',
		parameters: send({ modelId: { __rl: true, mode: 'id', value: 'anthropic.claude-sonnet-4-5-20250929-v1:0' } }),
		message: 'Model: "anthropic.claude-sonnet-4-5-20250929-v1:0" is an Amazon Bedrock model ID; Claude Platform on AWS takes the bare Claude model ID (item 1)',
	},
	{
		name: 'a Bedrock cross-region inference profile ID',
		parameters: send({ modelId: { __rl: true, mode: 'id', value: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' } }),
		message: /^Model: "us\.anthropic\..*Bedrock model ID.*\(item 1\)$/,
	},
	{
		name: 'a binary property that does not exist',
		parameters: send({ binaryProperties: 'data, scan' }),
		binary: { data: { data: Buffer.from('%PDF-1.4'), fileName: 'a.pdf', mimeType: 'application/pdf' } },
		message: 'Attachments (Binary Properties): the input item has no binary property "scan" (item 1)',
	},
	{
		name: 'a binary property with an unsupported MIME type',
		parameters: send({ binaryProperties: 'data' }),
		binary: { data: { data: Buffer.from('PK\u0003\u0004'), fileName: 'archive.zip', mimeType: 'application/zip' } },
		message: 'Attachments (Binary Properties): binary property "data" is application/zip (archive.zip), which Claude cannot read without code execution (item 1)',
	},
	{
		name: 'a Files API attachment without an ID',
		parameters: send({ fileAttachments: { values: [{ fileId: ' ', type: 'document' }] } }),
		message: 'Attachments (Files API): file 1 has no File ID (item 1)',
	},
	{
		name: 'allowed and blocked web search domains together',
		parameters: send({ builtInTools: { webSearch: true, webSearchAllowedDomains: 'a.com', webSearchBlockedDomains: 'b.com' } }),
		message: 'Built-in Tools: Web Search Allowed Domains and Web Search Blocked Domains cannot both be set (item 1)',
	},
	{
		name: 'allowed and blocked web fetch domains together',
		parameters: send({ builtInTools: { webFetch: true, webFetchAllowedDomains: 'a.com', webFetchBlockedDomains: 'b.com' } }),
		message: 'Built-in Tools: Web Fetch Allowed Domains and Web Fetch Blocked Domains cannot both be set (item 1)',
	},
	{
		name: 'a web fetch max content tokens of 0',
		parameters: send({ builtInTools: { webFetch: true, webFetchMaxContentTokens: 0 } }),
		message: 'Built-in Tools › Web Fetch Max Content Tokens: must be a whole number of at least 1, got 0 (item 1)',
	},
	{
		name: 'web fetch citations from an expression that gives text',
		parameters: send({ builtInTools: { webFetch: true, webFetchCitations: '={{ "yes" }}' } }),
		message: 'Built-in Tools › Web Fetch Citations: must be true or false, got "yes" (item 1)',
	},
	{
		name: 'a web search country that is not a two-letter code',
		parameters: send({ builtInTools: { webSearch: true, webSearchUserCountry: 'USA' } }),
		message: 'Built-in Tools › Web Search User Country: "USA" is not a two-letter country code (item 1)',
	},
	{
		name: 'a web search time zone that does not exist',
		parameters: send({ builtInTools: { webSearch: true, webSearchUserTimezone: 'Mars/Olympus_Mons' } }),
		message: 'Built-in Tools › Web Search User Timezone: "Mars/Olympus_Mons" is not an IANA time zone (item 1)',
	},
	{
		name: 'a web search city mapped from an object',
		parameters: send({ builtInTools: { webSearch: true, webSearchUserCity: '={{ { "name": "Paris" } }}' } }),
		message: 'Built-in Tools › Web Search User City: is an object, not text (item 1)',
	},
	{
		name: 'Disable Parallel Tool Use from an expression that gives text',
		parameters: send({ toolsJson: JSON.stringify([TOOL]), disableParallelToolUse: '={{ "true" }}' }),
		message: 'Disable Parallel Tool Use: must be true or false, got "true" (item 1)',
	},
	{ name: 'an Inference Region that is not us or global', parameters: send({ options: { inferenceGeo: '={{ "eu" }}' } }), message: 'Inference Region: "eu" is not one of us, global (item 1)' },
	{ name: 'an Inference Region mapped from a list', parameters: send({ options: { inferenceGeo: '={{ ["us"] }}' } }), message: 'Inference Region: ["us"] is not one of us, global (item 1)' },
	{ name: 'a Speed that is not standard or fast', parameters: send({ options: { speed: '={{ "turbo" }}' } }), message: 'Speed: "turbo" is not one of standard, fast (item 1)' },
];

describe.each(cases)('$name', ({ parameters, binary, message }) => {
	test('fails the item before any request, naming the parameter and the item', async () => {
		// Both items carry the bad input: with Continue On Fail each gets its own error, without it the node stops at item 0.
		const bad = await h.run(parameters, { input: [{}, {}], binary: binary ? [binary, binary] : undefined, continueOnFail: true });
		expect(bad.json[1].error).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(bad.items[0][1].pairedItem).toEqual({ item: 1 });

		const stopped = await h.run(parameters, { input: [{}, {}], binary: binary ? [binary, binary] : undefined });
		expect(stopped.error?.message).toMatch(/\(item 0\)$/);
		expect(h.emulator.received).toEqual([]);
	});
});

test('the error description gives a hint where one helps (missing binary property lists the ones there are)', async () => {
	const result = await h.run(send({ binaryProperties: 'file' }), {
		binary: [{ data: { data: Buffer.from('x'), fileName: 'a.txt', mimeType: 'text/plain' }, other: { data: Buffer.from('y'), fileName: 'b.txt', mimeType: 'text/plain' } }],
	});
	expect((result.error as any).description).toBe('Its binary properties are: data, other.');
	expect(h.emulator.received).toEqual([]);
});
