// The widget in the visitor's language, whatever the host page's: a German browser gets German, an English panel on
// an Arabic right-to-left page stays left-to-right, an Arabic panel mirrors, and the host may switch it at any time.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, watchProblems } from './support/browser.js';
import { realServersAndBrowser } from './support/lifecycle.js';
import { tablesFor } from '../../widget/i18n/all-tables.js';
import { launcherWords } from '../../widget/i18n/locales.js';

const real = realServersAndBrowser();
const de = tablesFor('de').messages;
const ar = tablesFor('ar').messages;

const widget = (page: Page) => page.locator('porthole-widget');
const panel = (page: Page) => page.getByRole('dialog');
const panelRoot = (page: Page) => page.locator('porthole-widget .ph');
const direction = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => getComputedStyle(element).direction);

/**
 * An Arabic right-to-left host page: the demo host's, its content replaced by Arabic text (the widget's element
 * hangs off <html> and stays). Rewriting the response instead would make Chromium treat the page as public and
 * refuse its loopback support server.
 */
async function arabicHostPage(page: Page): Promise<void> {
  await page.goto(`${real.servers.demo.url}/`);
  await page.evaluate(() => {
    document.documentElement.lang = 'ar';
    document.documentElement.dir = 'rtl';
    const text = document.createElement('p');
    text.textContent = 'مرحبًا بكم في متجرنا. هل تحتاج إلى مساعدة؟';
    document.body.replaceChildren(text);
  });
}

async function openSupport(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await panel(page).locator('.article-link').first().waitFor();
}

describe('the widget speaks the visitor’s language', () => {
  it('in a German browser: the launcher, the panel and the suggestions are German, left to right', async () => {
    const context = await real.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const articleQueries: URL[] = [];
    page.on('request', (request) => request.url().includes('/articles?') && articleQueries.push(new URL(request.url())));
    await page.goto(`${real.servers.demo.url}/`);

    // The launcher is German from the first paint, before anything was fetched.
    await page.getByRole('button', { name: launcherWords.de, exact: true }).waitFor();
    expect(await widget(page).getAttribute('lang')).toBe('de');
    await openSupport(page, launcherWords.de);
    expect(await panelRoot(page).getAttribute('dir')).toBe('ltr');
    expect(await panel(page).getByRole('searchbox', { name: de.searchLabel }).getAttribute('placeholder')).toBe(de.searchPlaceholder);
    expect(await panel(page).locator('.section-heading').first().textContent()).toBe(de.suggested);
    // Suggestions are asked for in German.
    expect(articleQueries.at(-1)?.searchParams.get('locale')).toBe('de');
    await screenshot(page, 'languages-german-browser');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on an Arabic right-to-left page an English panel stays left to right, and an Arabic one mirrors', async () => {
    const context = await real.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await arabicHostPage(page);
    await openSupport(page, launcherWords.en);

    // The host page's direction does not reach the panel: "What is this about?" keeps its question mark at the end.
    expect(await widget(page).getAttribute('lang')).toBe('en');
    expect(await panelRoot(page).getAttribute('dir')).toBe('ltr');
    expect(await direction(page, 'porthole-widget .ph .section-heading')).toBe('ltr');
    await screenshot(page, 'languages-english-panel-on-arabic-page');

    // The host asks for Arabic: words, direction and the launcher follow without a reload.
    await page.evaluate(() => (window as unknown as { Porthole(...args: unknown[]): void }).Porthole('config', { locale: 'ar' }));
    await expect.poll(() => panel(page).locator('.section-heading').first().textContent()).toBe(ar.suggested);
    expect(await widget(page).getAttribute('lang')).toBe('ar');
    expect(await panelRoot(page).getAttribute('dir')).toBe('rtl');
    expect(await direction(page, 'porthole-widget .ph .section-heading')).toBe('rtl');
    expect(await page.locator('porthole-widget .launcher').innerText()).toContain(launcherWords.ar);
    await screenshot(page, 'languages-arabic-panel');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a language the site does not have falls back to the site’s default', async () => {
    const context = await real.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${real.servers.demo.url}/`);
    await openSupport(page, launcherWords.en);
    expect(await widget(page).getAttribute('lang')).toBe('en');
    await context.close();
  });
});
