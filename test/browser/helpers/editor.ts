/**
 * Page object for n8n's workflow editor, driven through the data-test-id attributes n8n's own e2e tests use.
 * One Editor = one chromium with its own empty profile, signed in with the state globalSetup.js saved.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { recordForLeakScan } from '../../setup/leakRecorder';
import { e2eEnv } from '../../e2e/helpers/n8nApi';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { launchChromium, statePath } = require('./chromium') as {
	launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
	statePath(): string;
};

export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');
export type Theme = 'light' | 'dark';

interface SavedState {
	cookies: Parameters<BrowserContext['addCookies']>[0];
	origins: Array<{ origin: string; localStorage: Array<{ name: string; value: string }> }>;
}

export class Editor {
	readonly url = e2eEnv().n8nUrl;

	private constructor(
		readonly page: Page,
		private readonly closeBrowser: () => Promise<void>,
	) {}

	/** A signed-in editor tab; `theme` goes into localStorage before n8n's first script runs. */
	static async open(theme: Theme = 'light'): Promise<Editor> {
		const { context, close } = await launchChromium();
		const state = JSON.parse(readFileSync(statePath(), 'utf8')) as SavedState;
		await context.addCookies(state.cookies);
		const storage = Object.fromEntries(state.origins.flatMap((origin) => origin.localStorage.map((entry) => [entry.name, entry.value])));
		await context.addInitScript(
			({ entries, theme }) => {
				// Runs in the page (no DOM types in this project's tsconfig).
				const storage = (globalThis as any).localStorage;
				for (const [name, value] of Object.entries(entries)) storage.setItem(name, value);
				storage.setItem('N8N_THEME', theme);
			},
			{ entries: storage, theme },
		);
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(20_000);
		return new Editor(page, close);
	}

	async close(): Promise<void> {
		await this.closeBrowser();
	}

	// ---- canvas ----

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.url}/workflow/${id}`);
		await this.waitForCanvas();
	}

	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.url}/workflow/new`);
		await this.waitForCanvas();
	}

	private async waitForCanvas(): Promise<void> {
		// The first load compiles the editor's bundles; on a 2-core machine that takes a while.
		await this.page.getByTestId('canvas-wrapper').waitFor({ timeout: 60_000 });
		await this.page.getByTestId('node-view-loader').waitFor({ state: 'detached', timeout: 60_000 });
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	/** The icon the canvas draws for a node: its <img> src and whether the image decoded with a size. */
	async canvasIcon(name: string): Promise<{ src: string; loaded: boolean }> {
		const img = this.canvasNode(name).locator('img').first();
		await img.waitFor();
		await this.page.waitForFunction((el: any) => el.complete, await img.elementHandle(), { timeout: 10_000 });
		return await img.evaluate((image: any) => {
			return { src: image.getAttribute('src') ?? '', loaded: image.complete && image.naturalWidth > 0 };
		});
	}

	async openNode(name: string): Promise<void> {
		await this.canvasNode(name).dblclick();
		await this.page.getByTestId('ndv').waitFor();
		await this.page.getByTestId('node-parameters').waitFor();
	}

	async closeNode(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}

	// ---- node creator ----

	/** Opens the node creator from the canvas (the "+" of the empty canvas, or the one in the corner). */
	async openNodeCreator(): Promise<void> {
		const empty = this.page.getByTestId('canvas-add-button');
		if (await empty.isVisible()) await empty.click();
		else await this.page.getByTestId('node-creator-plus-button').click();
		await this.page.getByTestId('node-creator-search-bar').waitFor();
	}

	/** Opens the creator from a node's output "+" (the "What happens next?" view). */
	async openNodeCreatorAfter(nodeName: string): Promise<void> {
		await this.canvasNode(nodeName).getByTestId('canvas-handle-plus-wrapper').first().click();
		await this.page.getByTestId('node-creator-search-bar').waitFor();
	}

	/** Escape goes back one level (actions → search) before it closes the creator. */
	async closeNodeCreator(): Promise<void> {
		const creator = this.page.getByTestId('node-creator');
		for (let attempt = 0; attempt < 4 && (await creator.isVisible()); attempt++) {
			await this.page.keyboard.press('Escape');
			await this.page.waitForTimeout(300);
		}
		await creator.waitFor({ state: 'hidden' });
	}

	/**
	 * Names the node creator lists for a search, in its order. The list re-renders after a debounce, so this
	 * waits (up to `settleMs`) for an entry named exactly like the query before it reads the list.
	 */
	async searchNodeCreator(query: string, settleMs = 3000): Promise<string[]> {
		await this.page.getByTestId('node-creator-search-bar').fill(query);
		const names = this.page.getByTestId('node-creator').getByTestId('node-creator-item-name');
		const deadline = Date.now() + settleMs;
		await this.page.waitForTimeout(300);
		while (Date.now() < deadline && !(await names.allInnerTexts()).includes(query)) await this.page.waitForTimeout(200);
		return await names.allInnerTexts();
	}

	nodeCreatorItem(name: string): Locator {
		return this.page
			.getByTestId('node-creator')
			.getByTestId('item-iterator-item')
			.filter({ has: this.page.getByTestId('node-creator-item-name').getByText(name, { exact: true }) });
	}

	/** Item texts of the creator's current list (action names, section headers). */
	async nodeCreatorTexts(): Promise<string[]> {
		return (await this.page.getByTestId('node-creator').getByTestId('item-iterator-item').allInnerTexts()).map((text) => text.split('\n')[0]);
	}

	// ---- node panel (NDV) parameters ----

	/** A parameter input of the open node panel, or of another form (`root`: the credential modal). */
	parameter(name: string, root: Locator = this.page.getByTestId('ndv')): Locator {
		return root.getByTestId(`parameter-input-${name}`);
	}

	/** Whether the panel shows a parameter at all (displayOptions). */
	async isShown(name: string, root?: Locator): Promise<boolean> {
		return await this.parameter(name, root).isVisible();
	}

	private dropdownOptions(): Locator {
		return this.page.locator('.el-select-dropdown:visible, .el-popper:visible').getByRole('option');
	}

	/** Opens a dropdown and reads its option headlines once they have rendered (a closing popper can linger, empty). */
	private async openOptions(name: string, root: Locator | undefined, ready: (texts: string[]) => boolean): Promise<string[]> {
		await this.parameter(name, root).click();
		const options = this.dropdownOptions();
		await options.first().waitFor();
		const deadline = Date.now() + 5000;
		for (;;) {
			const texts = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
			if (ready(texts) || Date.now() > deadline) return texts;
			await this.page.waitForTimeout(150);
		}
	}

	/** The option labels (the headline, without the description) of a dropdown parameter. */
	async optionsOf(name: string, root?: Locator): Promise<string[]> {
		const texts = await this.openOptions(name, root, (seen) => seen.length > 0 && seen.every(Boolean));
		await this.page.keyboard.press('Escape');
		await this.dropdownOptions().first().waitFor({ state: 'hidden' });
		return texts;
	}

	async select(name: string, option: string, root?: Locator): Promise<void> {
		const texts = await this.openOptions(name, root, (seen) => seen.includes(option));
		const index = texts.indexOf(option);
		if (index < 0) throw new Error(`${name} has no option '${option}': ${texts.join(' | ')}`);
		await this.dropdownOptions().nth(index).click();
		await this.dropdownOptions().first().waitFor({ state: 'hidden' });
	}

	async setSwitch(name: string, on: boolean): Promise<void> {
		const input = this.parameter(name).locator('input[role="switch"]');
		if (((await input.getAttribute('aria-checked')) === 'true') !== on) await this.parameter(name).locator('.el-switch').click();
		await this.page.waitForFunction(
			([el, want]: any) => el.getAttribute('aria-checked') === String(want),
			[await input.elementHandle(), on] as const,
		);
	}

	async fill(name: string, value: string, root?: Locator): Promise<void> {
		const input = this.parameter(name, root).locator('input, textarea').first();
		await input.fill(value);
	}

	/** Opens a resource locator's "From list" dropdown and returns what it lists (filled by our listSearch). */
	async listSearchItems(name: string): Promise<string[]> {
		const locator = this.page.getByTestId('ndv').getByTestId(`resource-locator-${name}`);
		await locator.getByTestId('rlc-input').click();
		const items = this.page.getByTestId('rlc-item');
		await items.first().waitFor();
		return await items.allInnerTexts();
	}

	async pickListSearchItem(name: string, text: string): Promise<void> {
		const items = await this.listSearchItems(name);
		if (!items.some((item) => item.includes(text))) throw new Error(`${name} lists no '${text}': ${items.join(' | ')}`);
		await this.page.getByTestId('rlc-item').filter({ hasText: text }).first().click();
	}

	// ---- execution and output ----

	/** What the output panel showed before the last Execute step, so waitForOutput waits for the new run. */
	private outputBefore = '';

	async executeStep(): Promise<void> {
		this.outputBefore = (await this.outputPanel().isVisible()) ? await this.outputPanel().innerText() : '';
		await this.page.getByTestId('ndv').getByTestId('node-execute-button').click();
	}

	outputPanel(): Locator {
		return this.page.getByTestId('output-panel');
	}

	/**
	 * Waits for the output panel to show the items of a run that ended after the last Execute step (it changes
	 * from what it showed before), then returns its text; a node error fails with what the panel says.
	 */
	async waitForOutput(timeout = 60_000): Promise<string> {
		const panel = this.outputPanel();
		const data = panel.locator('[data-test-id="ndv-data-container"] table, [data-test-id="ndv-data-container"] .json-data, [data-test-id="ndv-binary-data_0"]');
		const error = panel.getByTestId('node-error-message');
		const deadline = Date.now() + timeout;
		for (;;) {
			await data.or(error).first().waitFor({ timeout: Math.max(1, deadline - Date.now()) });
			const text = await panel.innerText();
			if (text !== this.outputBefore) {
				if (await error.first().isVisible()) throw new Error(`the node failed; the output panel shows: ${text}`);
				return text;
			}
			if (Date.now() > deadline) throw new Error(`the output panel still shows the previous run after ${timeout} ms`);
			await this.page.waitForTimeout(200);
		}
	}

	async switchOutput(mode: 'Schema' | 'Table' | 'JSON' | 'Binary'): Promise<void> {
		await this.outputPanel().getByRole('radio', { name: mode }).click();
	}

	/** The output's items as n8n's JSON view prints them. */
	async outputJson(): Promise<unknown> {
		await this.switchOutput('JSON');
		// The JSON view renders only the rows that fit the window (a virtual list): make the window tall
		// enough for the whole output while it is read, or a longer output reads as cut-off JSON.
		const viewport = this.page.viewportSize();
		if (viewport) await this.page.setViewportSize({ width: viewport.width, height: 8000 });
		// The list re-renders for the taller window on its own schedule (later on a loaded machine): until it
		// has, the text holds only the rows of the old window, so it is read again until it parses.
		const deadline = Date.now() + 10_000;
		try {
			for (;;) {
				const text = await this.outputPanel().locator('.json-data, [data-test-id="ndv-data-container"] pre').first().innerText();
				// The JSON view indents with non-breaking spaces.
				const json = text.replace(/\u00a0/g, ' ');
				try {
					return JSON.parse(json);
				} catch (error) {
					if (Date.now() < deadline) {
						await this.page.waitForTimeout(200);
						continue;
					}
					const at = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
					throw new Error(`The output panel's JSON view did not parse (${(error as Error).message}) near: ${JSON.stringify(json.slice(Math.max(0, at - 200), at + 100))}`);
				}
			}
		} finally {
			if (viewport) await this.page.setViewportSize(viewport);
		}
	}

	// ---- artifacts ----

	/** Saves a screenshot of the whole window under test-artifacts/screenshots and feeds its text to the leak scan. */
	async screenshot(name: string): Promise<string> {
		mkdirSync(SCREENSHOT_DIR, { recursive: true });
		const path = join(SCREENSHOT_DIR, `${name}.png`);
		await this.page.screenshot({ path });
		recordForLeakScan(`editor text (${name})`, await this.page.locator('body').innerText());
		return path;
	}
}
