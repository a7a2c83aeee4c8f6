/** The fields that add to what Claude reads and may do: attachments, client tools and the built-in (server) tools. */
import type { INodeProperties } from 'n8n-workflow';
import { named, PROMPT_DEFAULTS, PROMPT_PARAMETERS as P } from './parameters';
import type { FieldScope } from './promptFields';
import { builtInToolsField } from './builtInToolFields';

const F = P.fileAttachments;
const M = P.mcpServers;

export function attachmentFields({ displayOptions }: FieldScope): INodeProperties[] {
	return [
		{
			...named(P.binaryProperties),
			type: 'string',
			default: '',
			placeholder: 'e.g. data, invoice',
			description:
				'Comma-separated names of binary properties of the input item to attach to the (last) user message: images (JPEG, PNG, GIF, WebP), PDFs and plain text; with code execution or a skill, files of any type (uploaded to the Files API for the container)',
			hint: 'The names of binary properties, not file names: the Read File or HTTP Request node usually puts a file in "data"',
			displayOptions,
		},
		{
			...named(F),
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add File',
			default: {},
			description: 'Files uploaded with the Files API, attached by their file ID',
			options: [
				{
					...named(F.entry),
					values: [
						{ ...named(F.fileId), type: 'string', default: '', placeholder: 'e.g. file_011CNha8iCJcU1wXNR6q4V8w' },
						{
							...named(F.type),
							type: 'options',
							default: 'document',
							options: [
								{ name: 'Document (PDF or Text)', value: 'document' },
								{ name: 'Image', value: 'image' },
								{ name: 'File for Code Execution (Any Type)', value: 'container_upload' },
							],
						},
						{ ...named(F.citations), type: 'boolean', default: false, description: 'Whether Claude cites the passages of this document it used (documents only)' },
					],
				},
			],
			displayOptions,
		},
	];
}

/** URL attachments, citations of binary attachments and search results: Messages only (not session events). */
export function citationFields({ displayOptions }: FieldScope): INodeProperties[] {
	const U = P.urlAttachments;
	return [
		{
			...named(U),
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add URL',
			default: {},
			description: 'Images and PDFs on the web that Claude fetches itself, by their http(s) URL',
			options: [
				{
					...named(U.entry),
					values: [
						{ ...named(U.url), type: 'string', default: '', placeholder: 'e.g. https://example.com/report.pdf' },
						{
							...named(U.type),
							type: 'options',
							default: 'document',
							options: [
								{ name: 'Document (PDF)', value: 'document' },
								{ name: 'Image', value: 'image' },
							],
						},
						{ ...named(U.citations), type: 'boolean', default: false, description: 'Whether Claude cites the passages of this document it used (documents only)' },
					],
				},
			],
			displayOptions,
		},
		{
			...named(P.binaryCitations),
			type: 'boolean',
			default: false,
			description: 'Whether Claude cites the passages of the attached PDF and text documents it used; Simplify Output then lists them in "citations"',
			displayOptions,
		},
		{
			...named(P.searchResults),
			type: 'json',
			default: '',
			placeholder: '={{ $json.results }}',
			description:
				'Retrieved passages for Claude to answer from, with citations: a JSON array of objects with source (e.g. a URL), title and content (text, or a list of texts)',
			displayOptions,
		},
	];
}

export function toolFields({ displayOptions, when }: FieldScope): INodeProperties[] {
	return [
		{
			...named(P.toolsJson),
			type: 'json',
			default: PROMPT_DEFAULTS.toolsJson,
			description:
				'Client tool definitions Claude may call: an array of objects with name, description and input_schema (a JSON schema). The answer then holds tool_use blocks for the workflow to answer.',
			displayOptions,
		},
		{
			...named(P.toolChoice),
			type: 'options',
			default: PROMPT_DEFAULTS.toolChoice,
			options: [
				{ name: 'Auto', value: 'auto', description: 'Claude decides whether to use a tool' },
				{ name: 'Any Tool', value: 'any', description: 'Claude must use one of the tools' },
				{ name: 'Specific Tool', value: 'tool', description: 'Claude must use the named tool' },
				{ name: 'None', value: 'none', description: 'Claude must not use tools' },
			],
			description: 'How Claude should use the tools; only sent when there are tools',
			displayOptions,
		},
		{
			...named(P.toolChoiceName),
			type: 'string',
			default: '',
			required: true,
			description: 'The name of the tool Claude must use',
			displayOptions: when({ [P.toolChoice.name]: ['tool'] }),
		},
		{
			...named(P.disableParallelToolUse),
			type: 'boolean',
			default: false,
			description: 'Whether Claude may call at most one tool per answer (disable_parallel_tool_use); only sent when there are tools',
			displayOptions: when({ [P.toolChoice.name]: ['auto', 'any', 'tool'] }),
		},
		builtInToolsField(displayOptions),
		{
			...named(M),
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add MCP Server',
			default: {},
			description: 'Remote MCP servers whose tools Claude may call directly (the MCP connector, a beta); the tools it called show in the output',
			options: [
				{
					...named(M.entry),
					values: [
						{ ...named(M.url), type: 'string', default: '', placeholder: 'e.g. https://mcp.example.com/sse', description: 'The server\'s URL (http or https)' },
						{ ...named(M.serverName), type: 'string', default: '', placeholder: 'e.g. crm', description: 'A name for the server, unique in the request' },
						{
							...named(M.authorizationToken),
							type: 'string',
							typeOptions: { password: true },
							default: '',
							description: 'An OAuth bearer token for the server, if it needs one; an expression can take it from an earlier node',
						},
						{
							...named(M.allowedTools),
							type: 'string',
							default: '',
							placeholder: 'e.g. search_contacts, get_deal',
							description: 'Comma-separated names of the server\'s tools Claude may use; empty for all',
						},
					],
				},
			],
			displayOptions,
		},
	];
}
