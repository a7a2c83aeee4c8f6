/** Every node's icon on the canvas and in its panel, in n8n's light and dark themes (n8n picks icon.light / icon.dark). */
import { Editor, type Theme } from './helpers/editor';
import { ourNode, saveWorkflow, type NodeSpec } from './helpers/workflows';

const NODES: Array<[name: string, type: string]> = [
	['Claude on AWS', 'claudeAws'],
	['Claude on AWS Files', 'claudeAwsFiles'],
	['Claude on AWS Batches', 'claudeAwsBatches'],
	['Claude on AWS Batch Trigger', 'claudeAwsBatchTrigger'],
	['Claude on AWS Agents', 'claudeAwsSessions'],
	['Claude on AWS Trigger', 'claudeAwsWebhookTrigger'],
	['Claude on AWS Session Trigger', 'claudeAwsSessionTrigger'],
	['Claude on AWS Chat Model', 'lmChatClaudeAws'],
];
const ICON = { light: /\/icons\/n8n-nodes-claude-aws\/dist\/icons\/claude-aws\.svg$/, dark: /\/icons\/n8n-nodes-claude-aws\/dist\/icons\/claude-aws\.dark\.svg$/ };

let workflowId: string;

beforeAll(async () => {
	const nodes: NodeSpec[] = NODES.map(([name, type], index) => ({ ...ourNode(name, type), position: [(index % 4) * 300, Math.floor(index / 4) * 300] }));
	workflowId = await saveWorkflow('Browser: every node', nodes);
});

describe.each<Theme>(['light', 'dark'])('%s theme', (theme) => {
	let editor: Editor;

	beforeAll(async () => {
		editor = await Editor.open(theme);
		await editor.openWorkflow(workflowId);
		await editor.page.getByTestId('zoom-to-fit').click();
	});

	afterAll(async () => {
		await editor?.close();
	});

	test.each(NODES.map(([name]) => name))('%s: the canvas draws the theme icon and it loads', async (name) => {
		const icon = await editor.canvasIcon(name);
		expect(icon.src).toMatch(ICON[theme]);
		expect(icon.loaded).toBe(true);
	});

	test('the whole canvas and a node panel, for the screenshots', async () => {
		await editor.screenshot(`canvas-all-nodes-${theme}`);
		await editor.openNode('Claude on AWS');
		const headerIcon = editor.page.getByTestId('ndv').locator('img').first();
		expect(await headerIcon.getAttribute('src')).toMatch(ICON[theme]);
		await editor.screenshot(`claude-aws-panel-${theme}`);
		await editor.closeNode();
	});
});
