// The Help Center at /help/demo in real Chromium: search, an article at its own address that a
// reload keeps, back, and a "Contact us" request that lands in the database — all under the page's
// strict CSP with Trusted Types (a violation would be a console error), on a phone and a desktop.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { screenshot, watchProblems } from './support/browser.js';
import { realServersAndBrowser } from './support/lifecycle.js';
import { requests } from '../support/tables.js';

const real = realServersAndBrowser();

const app = (page: Page) => page.locator('#help');
const search = (page: Page) => page.getByLabel('Search help articles');
const firstArticle = (page: Page) => app(page).locator('.article-link').first();

async function openHelpCenter(page: Page, path = '/help/demo') {
  await page.goto(`${real.servers.support.url}${path}`);
  await app(page).locator('.ph').waitFor();
}

describe('the Help Center at /help/demo', () => {
  it('searches, opens an article at its own address, keeps it on reload, goes back, and sends Contact us', async () => {
    const page = await real.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    const problems = watchProblems(page);
    await openHelpCenter(page);
    expect(await page.title()).toMatch(/Help Center$/);
    await firstArticle(page).waitFor();
    await screenshot(page, 'help-center-desktop');

    await search(page).fill('refund');
    await app(page).getByText('Results for “refund”').waitFor();
    await expect.poll(() => app(page).locator('.article-title').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/refund/i)]));
    const title = await firstArticle(page).locator('.article-title').innerText();
    await firstArticle(page).click();
    await app(page).locator('.prose').waitFor();
    expect(await app(page).locator('.article-heading').innerText()).toBe(title);
    expect(page.url()).toMatch(new RegExp(`^${real.servers.support.url}/help/demo/articles/[^/]+$`));
    await expect.poll(() => page.title()).toContain(title);
    const articleUrl = page.url();
    await screenshot(page, 'help-center-article-desktop');

    await page.reload();
    await app(page).locator('.prose').waitFor();
    expect(page.url()).toBe(articleUrl);
    expect(await app(page).locator('.article-heading').innerText()).toBe(title);
    expect(await page.title()).toContain(title);

    await page.goBack();
    await search(page).waitFor();
    expect(page.url()).toBe(`${real.servers.support.url}/help/demo`);
    await page.goForward();
    await app(page).locator('.prose').waitFor();
    expect(page.url()).toBe(articleUrl);
    await app(page).getByRole('link', { name: 'All articles' }).click();
    await search(page).waitFor();
    expect(page.url()).toBe(`${real.servers.support.url}/help/demo`);

    await app(page).getByRole('button', { name: 'Contact us' }).click();
    expect(page.url()).toBe(`${real.servers.support.url}/help/demo/contact`);
    await app(page).getByLabel('What is this about?').selectOption({ label: 'Orders & shipping' });
    await app(page).getByLabel('Order number').fill('NW-55110');
    await app(page).getByLabel('Subject').fill('Asked from the Help Center');
    await app(page).getByLabel('How can we help?').fill('The parcel never came. <i>Help</i>');
    await app(page).getByLabel('Your email').fill('hc.visitor@example.com');
    await app(page).getByLabel('Your name').fill('Help Visitor');
    await app(page).getByRole('button', { name: 'Send request' }).click();
    await app(page).getByText('Request sent').waitFor();
    const number = Number(/#(\d+)/.exec(await app(page).locator('.sent').innerText())?.[1]);
    const [stored] = await real.servers.db.select().from(requests).where(eq(requests.number, number));
    expect(stored).toMatchObject({ subject: 'Asked from the Help Center', fields: { orderNumber: 'NW-55110' } });
    await screenshot(page, 'help-center-sent-desktop');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads well on a phone, and an article address opens that article directly', async () => {
    const page = await real.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const problems = watchProblems(page);
    await openHelpCenter(page);
    await firstArticle(page).waitFor();
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'help-center-phone');

    const title = await firstArticle(page).locator('.article-title').innerText();
    await firstArticle(page).click();
    await app(page).locator('.prose').waitFor();
    await openHelpCenter(page, new URL(page.url()).pathname);
    await app(page).locator('.prose').waitFor();
    expect(await app(page).locator('.article-heading').innerText()).toBe(title);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'help-center-article-phone');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an article from its address without script, as the server rendered it', async () => {
    const context = await real.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${real.servers.support.url}/help/demo`);
    const link = page.locator('.hc-articles a').first();
    const title = await link.innerText();
    await link.click();
    await page.waitForURL(/\/help\/demo\/articles\/[^/]+$/);
    expect(await page.locator('main article > h2').innerText()).toBe(title);
    expect((await page.locator('main .prose').innerText()).length).toBeGreaterThan(100);
    expect(await page.title()).toContain(title);
    await context.close();
  });
});
