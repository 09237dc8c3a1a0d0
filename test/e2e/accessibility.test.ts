// Issue 13's accessibility bar, in real Chromium against real servers: axe-core finds no WCAG 2.1
// A/AA violation in any view of the widget on the demo host (launcher, home, search results, an
// article, the contact form with its errors shown, the sent confirmation, a member's lists, a request
// with a comment and a file), of the Help Center (home, article, sign-in, requests, a request) and of
// the agent inbox (queue, request pane, composer), on a desktop and — the widget and the inbox — on a phone.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot, watchProblems } from './support/browser.js';
import { realServersAndBrowser } from './support/lifecycle.js';
import { runAxe } from './support/axe.js';
import { mailedLink } from './support/mail.js';
import { demoMembers, launcher, message, openRequest, openYourRequests, panel, sendRequest, signInAs } from './support/widget.js';
import { openFromQueue, signInToInbox } from './support/inbox.js';
import { PNG } from '../support/files.js';

const real = realServersAndBrowser();
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const SAMS_REQUEST = 'Is the Ridgeline 2 UL warm enough for late-season trips?';
const helpApp = (page: Page) => page.locator('#help');

/** A page of its own; bypassCSP so that axe's script tag may run under the pages' strict CSP. */
async function openPage(browser: Browser, viewport: typeof DESKTOP) {
  const phone = viewport === PHONE;
  const context = await browser.newContext({ viewport, bypassCSP: true, isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { page, problems: watchProblems(page), close: () => context.close() };
}

/** No violation in the view the page shows now, and axe looked at the node `mustSee` (a selector inside the shadow root). */
async function expectAccessible(page: Page, view: string, mustSee: string) {
  await screenshot(page, `a11y-${view}`);
  const report = await runAxe(page);
  expect.soft(report.violations, view).toEqual([]);
  expect.soft(report.undecidedContrast, `${view}: contrast axe could not decide`).toEqual([]);
  expect(
    report.checked.some((target) => target.includes(mustSee)),
    `${view}: axe saw ${mustSee}`,
  ).toBe(true);
}

async function walkWidget(browser: Browser, size: 'desktop' | 'phone') {
  const { page, problems, close } = await openPage(browser, size === 'phone' ? PHONE : DESKTOP);
  await page.goto(`${real.servers.demo.url}/`);
  await launcher(page).waitFor();
  await expectAccessible(page, `widget-launcher-${size}`, 'porthole-widget >> .launcher');

  await launcher(page).click();
  await panel(page).locator('.article-link').first().waitFor();
  await expectAccessible(page, `widget-home-${size}`, '#ph-search');

  await panel(page).getByLabel('Search help articles').fill('refund');
  await panel(page).getByText('Results for “refund”').waitFor();
  await panel(page).locator('.article-link').first().waitFor();
  await expectAccessible(page, `widget-results-${size}`, '.article-link');

  await panel(page).locator('.article-link').first().click();
  await panel(page).locator('#ph-article-title').waitFor();
  await expectAccessible(page, `widget-article-${size}`, '#ph-article-title');

  await panel(page).getByRole('button', { name: 'Back' }).click();
  await panel(page).getByRole('button', { name: 'Contact us' }).click();
  await panel(page).getByRole('button', { name: 'Send request' }).click();
  await panel(page).locator('[aria-invalid="true"]').first().waitFor();
  await expectAccessible(page, `widget-contact-errors-${size}`, '#ph-subject');

  await panel(page).getByLabel('Your email').fill('a11y.visitor@example.com');
  await sendRequest(page, { category: 'Account & sign-in', subject: `Checked by axe on a ${size}`, description: 'Every view, every node.' });
  await expectAccessible(page, `widget-sent-${size}`, '#ph-title');

  // On a phone the panel covers the shop's sign-in strip, as it would for a person.
  await panel(page).getByRole('button', { name: 'Close support' }).click();
  await signInAs(page, real.servers.demo.url, demoMembers.sam);
  await openYourRequests(page, 'Sam Whitfield');
  await panel(page).locator('#ph-request-list[aria-busy="false"]').waitFor();
  await expectAccessible(page, `widget-member-lists-${size}`, '#ph-request-list');

  await openRequest(page, SAMS_REQUEST);
  const comment = `Checked on a ${size}, photo attached.`;
  await panel(page)
    .getByLabel('Attach files')
    .setInputFiles([{ name: `tent-${size}.png`, mimeType: 'image/png', buffer: PNG }]);
  await panel(page).locator('.upload').filter({ hasText: 'Attached' }).waitFor();
  await panel(page).getByLabel('Add to conversation').fill(comment);
  await panel(page).getByRole('button', { name: 'Send', exact: true }).click();
  await message(page, comment).locator('a.preview img').waitFor();
  await expectAccessible(page, `widget-request-${size}`, '#ph-request-title');
  expect(problems).toEqual([]);
  await close();
}

async function walkInbox(browser: Browser, size: 'desktop' | 'phone') {
  const { page, problems, close } = await openPage(browser, size === 'phone' ? PHONE : DESKTOP);
  await signInToInbox(page, real.servers.support.url);
  await page.locator('.queue a.row').first().waitFor();
  await expectAccessible(page, `inbox-queue-${size}`, '.queue');

  await openFromQueue(page, SAMS_REQUEST, await requestNumber(page));
  await page.getByLabel('Reply to the customer').fill('A draft in the composer.');
  await expectAccessible(page, `inbox-request-${size}`, '#request-title');
  await page.getByRole('radio', { name: 'Internal note' }).check();
  await expectAccessible(page, `inbox-composer-note-${size}`, '#composer-body');
  expect(problems).toEqual([]);
  await close();
}

/** The number of Sam's request, as its queue row links to it. */
async function requestNumber(page: Page): Promise<number> {
  const href = await page.locator('.queue a.row').filter({ hasText: SAMS_REQUEST }).getAttribute('href');
  return Number(/(\d+)$/.exec(href ?? '')?.[1]);
}

describe('no WCAG 2.1 A/AA violation (axe-core) in any view', () => {
  it('the widget on the demo host, on a desktop', () => walkWidget(real.browser, 'desktop'));
  it('the widget on the demo host, on a phone', () => walkWidget(real.browser, 'phone'));
  it('the agent inbox, on a desktop', () => walkInbox(real.browser, 'desktop'));
  it('the agent inbox, on a phone', () => walkInbox(real.browser, 'phone'));

  it('the Help Center: home, article, sign-in, requests, a request', async () => {
    const { page, problems, close } = await openPage(real.browser, DESKTOP);
    const help = `${real.servers.support.url}/help/demo`;
    await page.goto(help);
    await helpApp(page).locator('.article-link').first().waitFor();
    await expectAccessible(page, 'help-home', '#ph-search');

    await helpApp(page).locator('.article-link').first().click();
    await helpApp(page).locator('.prose').waitFor();
    await expectAccessible(page, 'help-article', '#ph-article-title');

    await helpApp(page).getByRole('navigation').getByRole('link', { name: 'Sign in' }).click();
    await helpApp(page).getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'help-sign-in', '#hc-email');

    const email = 'sam.whitfield@example.com';
    await helpApp(page).getByRole('link', { name: 'Email me a sign-in link' }).click();
    await helpApp(page).getByLabel('Email', { exact: true }).fill(email);
    await helpApp(page).getByRole('button', { name: 'Send the link' }).click();
    await helpApp(page).getByRole('heading', { name: 'Check your mail' }).waitFor();
    await page.goto(await mailedLink(real.servers.db, 'portal_sign_in', email));
    await helpApp(page).getByRole('heading', { name: 'Your requests' }).waitFor();
    await helpApp(page).locator('#ph-request-list[aria-busy="false"]').waitFor();
    await expectAccessible(page, 'help-requests', '#ph-request-list');

    await openRequest(page, SAMS_REQUEST, helpApp(page));
    await expectAccessible(page, 'help-request', '#ph-request-title');
    expect(problems).toEqual([]);
    await close();
  });
});
