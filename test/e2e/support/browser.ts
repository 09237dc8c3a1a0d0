/** Debian's Chromium driven by playwright-core (no browser download: `npx playwright install` cannot run here). */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = 'test-output/screenshots';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Collects what a page reports as broken: uncaught errors, console errors, CSP violations. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** Marks the page's window: a mark still there later (`stillSamePage`) means the page was never reloaded or navigated. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __phNoReload: boolean }).__phNoReload = true));
}
export const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __phNoReload?: boolean }).__phNoReload === true);

/** One person at a desktop: a browser context of their own (cookies, storage), its page, and what that page reports as broken. */
export interface Person {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

export async function newPerson(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000); // a step that fails should not hold up the rest of the journey for long
  return { context, page, problems: watchProblems(page) };
}
