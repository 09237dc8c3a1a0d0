// A visitor on the demo host: the Support button, suggestions that follow the page, an article,
// and a "Contact us" ticket that lands in the database — in real Chromium against real servers.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { screenshot, watchProblems } from './support/browser.js';
import { realServersAndBrowser } from './support/lifecycle.js';
import { comments, requests } from '../support/tables.js';

const real = realServersAndBrowser();

const launcher = (page: Page) => page.getByRole('button', { name: 'Support', exact: true });
const panel = (page: Page) => page.getByRole('dialog');
const suggestionTitles = (page: Page) => panel(page).locator('.article-title').allInnerTexts();

async function openSupport(page: Page, path: string): Promise<string[]> {
  await page.goto(`${real.servers.demo.url}${path}`);
  await launcher(page).click();
  await expect.poll(async () => (await suggestionTitles(page)).length).toBeGreaterThan(0);
  return suggestionTitles(page);
}

describe('an anonymous visitor on the demo host', () => {
  it('sees nothing load from the support server but widget.js, and no cookie, until showing interest', async () => {
    const page = await real.browser.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => request.url().startsWith(real.servers.support.url) && fetched.push(new URL(request.url()).pathname));
    await page.goto(`${real.servers.demo.url}/billing?coupon=SECRET#top`);
    await launcher(page).waitFor();
    await page.waitForTimeout(300);
    expect(fetched).toEqual(['/widget.js']);
    expect(await page.context().cookies()).toEqual([]);

    await launcher(page).hover();
    await expect.poll(() => fetched.some((path) => path.startsWith('/widget/chunks/'))).toBe(true);
    await page.close();
  });

  it("opens the site’s Help Center in a new tab from the panel’s link and from `Porthole('navigate', 'helpcenter')`", async () => {
    const page = await real.browser.newPage();
    const problems = watchProblems(page);
    await openSupport(page, '/shipping');
    const link = panel(page).getByRole('link', { name: /Help Center/ });
    await link.scrollIntoViewIfNeeded();
    await screenshot(page, 'panel-help-center-link');

    const helpCenterRenders = async (tab: Page) => {
      await tab.waitForURL(`${real.servers.support.url}/help/demo`);
      await tab.locator('#help .article-link').first().waitFor();
      // A tab of its own with no way back into the shop's page.
      expect(await tab.evaluate(() => window.opener)).toBeNull();
      await tab.close();
    };
    const [fromLink] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await helpCenterRenders(fromLink);
    expect(page.url()).toBe(`${real.servers.demo.url}/shipping`);

    // From a fresh page whose panel never loaded: the host's own button, a user gesture, sends the command.
    await page.goto(`${real.servers.demo.url}/`);
    await launcher(page).waitFor();
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'open-help-center';
      button.textContent = 'Help Center';
      button.addEventListener('click', () => (window as unknown as { Porthole(...args: unknown[]): void }).Porthole('navigate', 'helpcenter'));
      document.body.append(button);
    });
    const [fromCommand] = await Promise.all([page.context().waitForEvent('page'), page.click('#open-help-center')]);
    await helpCenterRenders(fromCommand);
    expect(await panel(page).isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gets suggestions for the page it is on, reads an article, and sends a request with a number', async () => {
    const page = await real.browser.newPage();
    const problems = watchProblems(page);
    const sentUrls: string[] = [];
    page.on('request', (request) => request.url().includes('/articles?') && sentUrls.push(request.url()));

    const billing = await openSupport(page, '/billing?invoice=NW-1#x');
    const shipping = await openSupport(page, '/shipping');
    expect(billing).not.toEqual(shipping);
    expect(billing.join(' ')).toMatch(/refund|invoice|payment/i);
    expect(shipping.join(' ')).toMatch(/track|deliver|customs/i);
    // The page's query string and fragment never leave the browser.
    for (const url of sentUrls) expect(decodeURIComponent(url)).not.toMatch(/invoice=|#x/);

    await panel(page).locator('.article-link').first().click();
    await panel(page).locator('.prose').waitFor();
    expect(await panel(page).locator('.article-heading').innerText()).toBe(shipping[0]);

    const before = await real.servers.db.$count(requests);
    await panel(page).getByRole('button', { name: 'Contact us' }).click();
    await panel(page).getByLabel('What is this about?').selectOption({ label: 'Orders & shipping' });
    await panel(page).getByLabel('Order number').fill('NW-48213');
    await panel(page).getByLabel('Subject').fill('Parcel stuck in customs');
    await panel(page).getByLabel('How can we help?').fill('Tracking has said "held at customs" for 9 days. <b>Help?</b>');
    await panel(page).getByLabel('Your email').fill('Ana.Visitor@Example.com');
    await panel(page).getByLabel('Your name').fill('Ana Visitor');
    await panel(page).getByRole('button', { name: 'Send request' }).dblclick();

    await panel(page).getByText('Request sent').waitFor();
    const confirmation = await panel(page).innerText();
    const number = Number(/#(\d+)/.exec(confirmation)?.[1]);
    await screenshot(page, 'anonymous-request-sent');

    expect(await real.servers.db.$count(requests)).toBe(before + 1); // the double click made one ticket
    const stored = await real.servers.db.select().from(requests).where(eq(requests.number, number));
    expect(stored[0]).toMatchObject({ number, subject: 'Parcel stuck in customs', fields: { orderNumber: 'NW-48213' } });
    const [first] = await real.servers.db.select().from(comments).where(eq(comments.requestId, stored[0]!.id));
    expect(first?.body).toBe('Tracking has said "held at customs" for 9 days. <b>Help?</b>');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows what is wrong next to each field before sending anything', async () => {
    const page = await real.browser.newPage();
    await openSupport(page, '/account');
    await panel(page).getByRole('button', { name: 'Contact us' }).click();
    await panel(page).getByLabel('Your email').fill('not-an-email');
    await panel(page).getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => panel(page).getByLabel('Subject').getAttribute('aria-invalid')).toBe('true');
    expect(await panel(page).locator('#ph-email-error').innerText()).toMatch(/email address/i);
    // Focus goes to the first field that needs attention.
    expect(await page.evaluate(() => document.querySelector('porthole-widget')?.shadowRoot?.activeElement?.id)).toBe('ph-category');
    await screenshot(page, 'contact-form-errors');
    await page.close();
  });

  it('can be used with the keyboard alone, and Escape returns focus to the Support button', async () => {
    const page = await real.browser.newPage();
    await page.goto(`${real.servers.demo.url}/returns`);
    await launcher(page).focus();
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    const activeId = () => page.evaluate(() => document.querySelector('porthole-widget')?.shadowRoot?.activeElement?.id ?? '');
    await expect.poll(activeId).toBe('ph-search');
    await page.keyboard.type('passw');
    await expect.poll(() => suggestionTitles(page)).toEqual(expect.arrayContaining([expect.stringMatching(/password/i)]));
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.querySelector('porthole-widget')?.shadowRoot?.activeElement?.className)).toBe('launcher');
    await page.close();
  });
});
