// The widget under the demo host's strict Content-Security-Policy (nonce + 'strict-dynamic', no
// inline styles), with no violation reported; and with its API dead, the host page keeps working
// and the widget says so politely.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, watchProblems } from './support/browser.js';
import { realServersAndBrowser } from './support/lifecycle.js';

const real = realServersAndBrowser();

const launcher = (page: Page) => page.getByRole('button', { name: 'Support', exact: true });

/** Records every CSP violation the page reports, from the first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

describe('on a host page with a strict Content-Security-Policy', () => {
  it('works fully — suggestions, an article, search, a sent request — with no violation reported', async () => {
    const page = await real.browser.newPage();
    const problems = watchProblems(page);
    const violations = await watchViolations(page);
    const response = await page.goto(`${real.servers.demo.url}/billing`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
    expect(response?.headers()['content-security-policy']).not.toMatch(/unsafe-inline/);

    await launcher(page).click();
    const panel = page.getByRole('dialog');
    await panel.locator('.article-link').first().click();
    await panel.locator('.prose').waitFor();
    await panel.getByRole('button', { name: 'Back' }).click();
    await panel.getByLabel('Search help articles').fill('refund');
    await panel
      .locator('.article-title', { hasText: /refund/i })
      .first()
      .waitFor();
    await panel.getByRole('button', { name: 'Contact us' }).click();
    await panel.getByLabel('What is this about?').selectOption({ label: 'Account & sign-in' });
    await panel.getByLabel('Subject').fill('Strict CSP check');
    await panel.getByLabel('How can we help?').fill('Does everything work?');
    await panel.getByLabel('Your email').fill('csp@example.com');
    await panel.getByRole('button', { name: 'Send request' }).click();
    await panel.getByText('Request sent').waitFor();

    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('when the support API cannot be reached', () => {
  it('leaves the host page without uncaught errors, and the widget says so politely', async () => {
    const page = await real.browser.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await page.route(`${real.servers.support.url}/api/**`, (route) => route.abort('connectionrefused'));
    await page.goto(`${real.servers.demo.url}/shipping`);
    await launcher(page).click();
    await page.getByRole('dialog').getByText('We couldn’t reach support just now').waitFor();
    await screenshot(page, 'api-unreachable');
    // The host page itself still works.
    await page.getByRole('link', { name: 'Billing' }).first().click();
    await page.waitForURL(/\/billing$/);
    expect(uncaught).toEqual([]);
    await page.close();
  });
});
