/**
 * Every saved parameter name of the Messages request form, with the label its field shows. The field
 * descriptions (promptFields.ts and the files it assembles) and the request builder (buildRequest.ts,
 * attachments.ts, toolDefinitions.ts) both take names and labels from here, so a field and the code
 * that reads it cannot drift apart, and an error names a field the way the user sees it.
 *
 * Saved workflows hold these names: never change one (examples/*.json and the e2e suite rely on them).
 */
import { MODEL_PARAMETERS } from '../modelOptions';

export { named, type Named } from '../modelOptions';

const p = <N extends string, L extends string>(name: N, label: L) => ({ name, label }) as const;

/** The entries of a fixedCollection list live under one key of the collection's value. */
const ENTRY = 'values';

export const PROMPT_PARAMETERS = {
	modelId: p('modelId', MODEL_PARAMETERS.model.label),
	promptType: p('promptType', 'Prompt Type'),
	prompt: p('prompt', 'Prompt'),
	messages: {
		...p('messages', 'Messages'),
		entry: p(ENTRY, 'Message'),
		role: p('role', 'Role'),
		content: p('content', 'Content'),
	},
	messagesJson: p('messagesJson', 'Messages (JSON)'),
	system: p('system', 'System Prompt'),
	maxTokens: MODEL_PARAMETERS.maxTokens,
	binaryProperties: p('binaryProperties', 'Attachments (Binary Properties)'),
	fileAttachments: {
		...p('fileAttachments', 'Attachments (Files API)'),
		entry: p(ENTRY, 'File'),
		fileId: p('fileId', 'File ID'),
		type: p('type', 'Type'),
		citations: p('citations', 'Citations'),
	},
	urlAttachments: {
		...p('urlAttachments', 'Attachments (URLs)'),
		entry: p(ENTRY, 'URL'),
		url: p('url', 'URL'),
		type: p('type', 'Type'),
		citations: p('citations', 'Citations'),
	},
	binaryCitations: p('binaryCitations', 'Citations for Binary Attachments'),
	searchResults: p('searchResults', 'Search Results (JSON)'),
	toolsJson: p('toolsJson', 'Tools (JSON)'),
	toolChoice: p('toolChoice', 'Tool Choice'),
	toolChoiceName: p('toolChoiceName', 'Tool Name'),
	disableParallelToolUse: p('disableParallelToolUse', 'Disable Parallel Tool Use'),
	builtInTools: {
		...p('builtInTools', 'Built-in Tools'),
		codeExecution: p('codeExecution', 'Code Execution'),
		webFetch: p('webFetch', 'Web Fetch'),
		webFetchAllowedDomains: p('webFetchAllowedDomains', 'Web Fetch Allowed Domains'),
		webFetchMaxUses: p('webFetchMaxUses', 'Web Fetch Max Uses'),
		webFetchBlockedDomains: p('webFetchBlockedDomains', 'Web Fetch Blocked Domains'),
		webFetchCitations: p('webFetchCitations', 'Web Fetch Citations'),
		webFetchMaxContentTokens: p('webFetchMaxContentTokens', 'Web Fetch Max Content Tokens'),
		webSearch: p('webSearch', 'Web Search'),
		webSearchAllowedDomains: p('webSearchAllowedDomains', 'Web Search Allowed Domains'),
		webSearchBlockedDomains: p('webSearchBlockedDomains', 'Web Search Blocked Domains'),
		webSearchMaxUses: p('webSearchMaxUses', 'Web Search Max Uses'),
		webSearchUserCity: p('webSearchUserCity', 'Web Search User City'),
		webSearchUserRegion: p('webSearchUserRegion', 'Web Search User Region'),
		webSearchUserCountry: p('webSearchUserCountry', 'Web Search User Country'),
		webSearchUserTimezone: p('webSearchUserTimezone', 'Web Search User Timezone'),
	},
	/** The Options collection; its model entries are the shared model fields (modelOptions.ts). */
	options: {
		...p('options', 'Options'),
		effort: MODEL_PARAMETERS.effort,
		outputSchema: p('outputSchema', 'Output Schema (JSON)'),
		promptCaching: MODEL_PARAMETERS.promptCaching,
		thinking: MODEL_PARAMETERS.thinking,
		thinkingBudget: MODEL_PARAMETERS.thinkingBudget,
		thinkingDisplay: MODEL_PARAMETERS.thinkingDisplay,
		metadataUserId: p('metadataUserId', 'Metadata User ID'),
		serviceTier: p('serviceTier', 'Service Tier'),
		inferenceGeo: MODEL_PARAMETERS.inferenceGeo,
		speed: MODEL_PARAMETERS.speed,
		stopSequences: p('stopSequences', 'Stop Sequences'),
		containerId: p('containerId', 'Container ID'),
		betas: p('betas', 'Betas'),
		otherBetas: p('otherBetas', 'Other Betas'),
		additionalBodyFields: p('additionalBodyFields', 'Additional Body Fields (JSON)'),
	},
	skills: p('skills', 'Skills'),
	customSkills: {
		...p('customSkills', 'Custom Skills'),
		entry: p(ENTRY, 'Skill'),
		skillId: p('skillId', 'Skill ID'),
		version: p('version', 'Version'),
	},
	mcpServers: {
		...p('mcpServers', 'MCP Servers'),
		entry: p(ENTRY, 'MCP Server'),
		url: p('url', 'URL'),
		serverName: p('serverName', 'Name'),
		authorizationToken: p('authorizationToken', 'Authorization Token'),
		allowedTools: p('allowedTools', 'Allowed Tools'),
	},
} as const;

/** Defaults both the fields and the builder use (the builder's, when n8n hands over no value). */
export const PROMPT_DEFAULTS = {
	promptType: 'simple',
	toolsJson: '[]',
	toolChoice: 'auto',
	webToolMaxUses: 5,
} as const;
