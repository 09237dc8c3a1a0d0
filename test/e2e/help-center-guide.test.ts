// The seeds' guide, walked literally on /help/demo in real Chromium (issue 11, "Done means"): Get a
// password for a seeded member's address, open the link from the mail, set a password, see the same
// My / CC'd / Organization requests as that member sees in the widget, open one, Add to
// conversation with a photo attached (previewed under the page's CSP and Trusted Types), Mark as solved, Submit a request with a CC, sign out, sign in with the password, and
// sign in by an emailed link — on a phone and on a desktop, under the page's strict CSP.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, watchProblems } from './support/browser.js';
import { realServersAndBrowser } from './support/lifecycle.js';
import { demoMembers, openRequest, openYourRequests, panel, signInAs } from './support/widget.js';
import { mailedLink } from './support/mail.js';
import { PNG } from '../support/files.js';

const real = realServersAndBrowser();
/** Seeded members (server/seed/seed-content.ts), one per walk: each walk solves a request and sends one. */
const AVERY = { ...demoMembers.avery, name: 'Avery Lindqvist', email: 'avery.lindqvist@example.com', cc: 'jonas.okafor@example.com' };
const JONAS = { ...demoMembers.jonas, name: 'Jonas Okafor', email: 'jonas.okafor@example.com', cc: 'avery.lindqvist@example.com' };
type Walker = typeof AVERY;
const PASSWORD = 'a long trail at dawn';
const TABS = ['My requests', 'Requests I’m CC’d on', 'Organization requests'];

const app = (page: Page) => page.locator('#help');
const nav = (page: Page) => app(page).getByRole('navigation');
const rowsOf = (scope: ReturnType<Page['locator']>) => scope.locator('.request-row .request-subject').allInnerTexts();

/** From the sign-in view: the link named `link`, the address, and the page's one answer. */
async function askForLink(page: Page, link: 'Get a password' | 'Email me a sign-in link', email: string) {
  await app(page).getByRole('link', { name: link }).click();
  await app(page).getByLabel('Email', { exact: true }).fill(email);
  await app(page).getByRole('button', { name: 'Send the link' }).click();
  await app(page).getByRole('heading', { name: 'Check your mail' }).waitFor();
}

/** The three lists, tab by tab, as `scope` shows them. */
async function listsIn(scope: ReturnType<Page['locator']>): Promise<Record<string, string[]>> {
  const lists: Record<string, string[]> = {};
  for (const tab of TABS) {
    await scope.getByRole('tab', { name: tab }).click();
    await expect.poll(() => scope.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
    await scope.locator('#ph-request-list[aria-busy="false"]').waitFor();
    lists[tab] = await rowsOf(scope);
  }
  return lists;
}

async function walk(page: Page, size: 'phone' | 'desktop', who: Walker) {
  const problems = watchProblems(page);
  const help = `${real.servers.support.url}/help/demo`;

  // What the member sees in the widget on the shop, to compare with.
  await signInAs(page, real.servers.demo.url, who);
  await openYourRequests(page, who.name);
  const inWidget = await listsIn(panel(page));

  // Sign in → Get a password → the email used with support.
  await page.goto(help);
  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await app(page).getByRole('heading', { name: 'Sign in' }).waitFor();
  await screenshot(page, `help-center-guide-signin-${size}`);
  await askForLink(page, 'Get a password', who.email);

  // The link from the mail; the page spends it and takes it out of the address.
  await page.goto(await mailedLink(real.servers.db, 'portal_set_password', who.email));
  await app(page).getByRole('heading', { name: 'Choose a password' }).waitFor();
  expect(page.url()).toBe(`${help}/choose-password`);
  await screenshot(page, `help-center-guide-password-${size}`);
  await app(page).getByLabel('New password').fill(PASSWORD);
  await app(page).getByRole('button', { name: 'Save password' }).click();
  await app(page).getByRole('heading', { name: 'Your requests' }).waitFor();
  expect(page.url()).toBe(`${help}/requests`);

  // The same lists as in the widget.
  expect(await listsIn(app(page))).toEqual(inWidget);
  await screenshot(page, `help-center-guide-requests-${size}`);

  // Open one, Add to conversation, Mark as solved.
  await app(page).getByRole('tab', { name: 'My requests' }).click();
  const subject = inWidget['My requests']![0]!;
  await openRequest(page, subject, app(page));
  expect(page.url()).toMatch(new RegExp(`^${help}/requests/\\d+$`));
  const note = `Still happening on ${size}, thanks for looking.`;
  await app(page).getByLabel('Add to conversation').fill(note);
  await app(page)
    .getByLabel('Attach files')
    .setInputFiles([{ name: 'photo.png', mimeType: 'image/png', buffer: PNG }]);
  await app(page).locator('.upload').filter({ hasText: 'Attached' }).waitFor();
  await app(page).getByRole('button', { name: 'Send' }).click();
  const sent = app(page).locator('.thread .message').filter({ hasText: note });
  await sent.waitFor();
  await expect.poll(() => sent.locator('a.preview img[alt="photo.png"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await app(page).getByRole('button', { name: 'Mark as solved' }).click();
  await expect.poll(() => app(page).locator('#ph-request-title + .request-meta .badge').innerText()).toBe('Solved');
  await screenshot(page, `help-center-guide-request-${size}`);

  // Submit a request with a CC.
  await nav(page).getByRole('link', { name: 'Submit a request' }).click();
  expect(page.url()).toBe(`${help}/requests/new`);
  await app(page).getByLabel('What is this about?').selectOption({ label: 'Account & sign-in' });
  await app(page).getByLabel('Subject').fill(`Guide walk on ${size}`);
  await app(page).getByLabel('How can we help?').fill('Submitted from the Help Center with a colleague in CC.');
  await app(page).getByLabel('CC (optional)').fill(who.cc);
  await screenshot(page, `help-center-guide-new-request-${size}`);
  await app(page).getByRole('button', { name: 'Send request' }).click();
  await app(page).getByText('Request sent').waitFor();

  // Sign out; sign in with the password.
  await nav(page).locator('.hc-account summary').click();
  await app(page).getByRole('button', { name: 'Sign out', exact: true }).click();
  await nav(page).getByRole('link', { name: 'Sign in' }).waitFor();
  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await app(page).getByLabel('Email', { exact: true }).fill(who.email);
  await app(page).getByLabel('Password', { exact: true }).fill(PASSWORD);
  await app(page).getByRole('button', { name: 'Sign in' }).click();
  await app(page).getByRole('heading', { name: 'Your requests' }).waitFor();
  await expect.poll(() => rowsOf(app(page))).toContain(`Guide walk on ${size}`);

  // Sign out; sign in by an emailed link.
  await nav(page).locator('.hc-account summary').click();
  await app(page).getByRole('button', { name: 'Sign out', exact: true }).click();
  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await askForLink(page, 'Email me a sign-in link', who.email);
  await page.goto(await mailedLink(real.servers.db, 'portal_sign_in', who.email));
  await app(page).getByRole('heading', { name: 'Your requests' }).waitFor();
  expect(new URL(page.url()).hash).toBe('');
  await screenshot(page, `help-center-guide-signed-in-${size}`);
  expect(problems).toEqual([]);
}

describe("the seeds' guide on /help/demo", () => {
  it('walks on a 390×844 phone', async () => {
    const page = await real.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(10_000);
    await walk(page, 'phone', AVERY);
    await page.close();
  });

  it('walks on a 1280×800 desktop', async () => {
    const page = await real.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    await walk(page, 'desktop', JONAS);
    await page.close();
  });
});
