/** Search Results (JSON): retrieved passages as `search_result` blocks, cited by Claude (retrieval-augmented answers). */
import type { INode } from 'n8n-workflow';
import { parameterError } from '../errors';
import type { ContentBlockParam } from '../../api/messages/types';
import { PROMPT_PARAMETERS as P } from './parameters';
import { parseJsonParameter } from './toolDefinitions';

const LABEL = P.searchResults.label;
const EXAMPLE = 'e.g. [{"source": "https://example.com/a", "title": "A", "content": "The passage..."}]';

export function searchResultBlocks(node: INode, raw: unknown, itemIndex: number): ContentBlockParam[] {
	const value = parseJsonParameter(node, LABEL, raw, itemIndex);
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry, position) => {
		const where = `result ${position + 1}`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw parameterError(node, LABEL, `${where} is not an object`, itemIndex, EXAMPLE);
		const { source, title, content } = entry as Record<string, unknown>;
		if (typeof source !== 'string' || !source.trim()) throw parameterError(node, LABEL, `${where} needs a "source" (e.g. its URL)`, itemIndex, EXAMPLE);
		const texts = (Array.isArray(content) ? content : [content]).map((part) => (typeof part === 'object' && part !== null ? (part as { text?: unknown }).text : part));
		if (!texts.length || texts.some((text) => typeof text !== 'string' || !text.trim())) {
			throw parameterError(node, LABEL, `${where} needs a "content" that is text or a list of texts`, itemIndex, EXAMPLE);
		}
		return {
			type: 'search_result',
			source: source.trim(),
			title: typeof title === 'string' && title.trim() ? title.trim() : source.trim(),
			content: (texts as string[]).map((text) => ({ type: 'text', text })),
			citations: { enabled: true },
		};
	});
}
