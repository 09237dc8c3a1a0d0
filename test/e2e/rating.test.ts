// "How did we do?" end to end, in real Chromium against real servers: the link in a solve mail
// (`#porthole=request/N&t=…&rate=good`) opens the demo host's widget on that request with Good
// pre-selected and asks to confirm — nothing is stored by opening it —; the member adds a comment,
// sends, is thanked, changes their mind to Bad, and the database holds the last rating. Then the
// team sees it in the inbox. Then the mends around it as a member sees them on the host page: a
// skeleton while the list loads, the closed status, the empty filtered list, and "Mark as solved"
// with an unsent reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { launchBrowser, screenshot, watchProblems } from './support/browser.js';
import { startServers, type Servers } from './support/servers.js';
import { runAxe } from './support/axe.js';
import { firstRow, siteBySlug } from '../support/inspect.js';
import { endUsers, requestRatings, requests } from '../support/tables.js';
import { demoMembers, launcher, openRequest, panel, requestBadge, signInAs } from './support/widget.js';
import { signInToInbox } from './support/inbox.js';

/** One of Sam's seeded requests: the solve mail's link is for it. */
const ratedSubject = 'Is the Ridgeline 2 UL warm enough for late-season trips?';

let servers: Servers;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  servers = await startServers();
  browser = await launchBrowser();
  // bypassCSP: axe's script tag runs under the pages' strict CSP.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  problems = watchProblems(page);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await servers?.close();
});

const rating = () => panel(page).locator('.rating');
const scores = () =>
  rating()
    .locator('.rate-scores button')
    .evaluateAll((buttons) => buttons.map((b) => `${b.textContent}:${b.getAttribute('aria-pressed')}`));

async function samsRequest() {
  const { db } = servers;
  const site = await siteBySlug(db, 'demo');
  const request = (await firstRow(
    db
      .select()
      .from(requests)
      .where(and(eq(requests.siteId, site.id), eq(requests.subject, ratedSubject))),
  ))!;
  const sam = (await firstRow(db.select().from(endUsers).where(eq(endUsers.id, request.requesterId))))!;
  return { site, request, sam };
}

/** axe-core finds no WCAG 2.1 A/AA violation in what the page shows now. */
const expectAccessible = async (view: string) => expect((await runAxe(page)).violations, view).toEqual([]);

const storedRating = async (requestId: string) => firstRow(servers.db.select().from(requestRatings).where(eq(requestRatings.requestId, requestId)));

describe('rating a solved request from the solve mail’s link', () => {
  it('pre-selects Good and asks to confirm; sending stores it, a change of mind replaces it', async () => {
    const { site, request, sam } = await samsRequest();
    await servers.db.update(requests).set({ status: 'solved' }).where(eq(requests.id, request.id));
    const link = `${servers.support.app.porthole.links.customer(site, sam, request.number)}&rate=good`;
    expect(link).toMatch(/#porthole=request\/\d+&t=[\w.-]+&rate=good$/);

    await page.goto(link);
    await rating().waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await expect.poll(scores).toEqual(['Good:true', 'Bad:false']);
    expect(await rating().locator('.rate-confirm').innerText()).toBe('Send this rating?');
    // Opening the link stored nothing.
    expect(await storedRating(request.id)).toBeUndefined();
    await rating().scrollIntoViewIfNeeded();
    await screenshot(page, 'rating-from-mail-link');
    await expectAccessible('rating, a score to confirm');

    await rating().getByLabel('Anything you’d like to add? (optional)').fill('Warm enough at −5 °C. Thanks!');
    await rating().getByRole('button', { name: 'Send rating' }).click();
    await rating().getByText('Thanks for your rating. You can change it at any time.').waitFor();
    expect(await storedRating(request.id)).toMatchObject({ score: 'good', comment: 'Warm enough at −5 °C. Thanks!', ratedByEndUserId: sam.id });
    await screenshot(page, 'rating-thanks');
    await expectAccessible('rating, thanked');

    await rating().getByRole('button', { name: 'Bad' }).click();
    await expect.poll(scores).toEqual(['Good:false', 'Bad:true']);
    await rating().getByRole('button', { name: 'Send rating' }).click();
    await rating().getByText('Thanks for your rating. You can change it at any time.').waitFor();
    expect(await storedRating(request.id)).toMatchObject({ score: 'bad', comment: 'Warm enough at −5 °C. Thanks!' });
    expect(problems).toEqual([]);

    // The team sees it: on the request, and in the figure with the queue.
    const inbox = await context.newPage();
    await signInToInbox(inbox, servers.support.url);
    await inbox.locator('.satisfaction-figure').waitFor();
    expect(await inbox.locator('.satisfaction-label').innerText()).toBe('Satisfaction, last 30 days');
    await inbox.goto(`${servers.support.url}/agent/requests/${request.number}`);
    const fact = inbox.locator('.facts > div').filter({ has: inbox.locator('dt', { hasText: 'Rating' }) });
    await fact.locator('.rating-score').waitFor();
    expect(await fact.locator('.rating-score').innerText()).toBe('Bad');
    expect(await fact.locator('.rating-comment').innerText()).toBe('“Warm enough at −5 °C. Thanks!”');
    await screenshot(inbox, 'rating-in-inbox');
    await inbox.close();
  });
});

describe('the mends on the host page', () => {
  it('shows Closed, an empty filtered list with its way out, and asks before solving over an unsent reply', async () => {
    const { request, sam } = await samsRequest();
    await servers.db.update(requests).set({ status: 'closed' }).where(eq(requests.id, request.id));
    // None of Sam's requests is left solved, so the Solved filter's list is empty.
    await servers.db
      .update(requests)
      .set({ status: 'open' })
      .where(and(eq(requests.requesterId, sam.id), eq(requests.status, 'solved')));
    await page.goto(`${servers.demo.url}/account`);
    await signInAs(page, servers.demo.url, demoMembers.sam);
    // The list holds back a moment, long enough to see what stands in for it meanwhile.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/v1\/sites\/demo\/requests\?/, async (route) => {
      await held;
      await route.continue();
    });
    await launcher(page).click();
    await panel(page)
      .getByRole('button', { name: /^Your requests/ })
      .click();
    const skeleton = panel(page).locator('#ph-request-list .skeleton[aria-busy="true"]');
    await skeleton.waitFor();
    expect(await skeleton.locator('.visually-hidden').textContent()).toBe('Loading…');
    await screenshot(page, 'mends-skeleton');
    await expectAccessible('the list loading');
    release();
    await panel(page).locator('#ph-request-list[aria-busy="false"] .request-row').first().waitFor();
    await page.unroute(/\/api\/v1\/sites\/demo\/requests\?/);

    await panel(page).getByLabel('Status').selectOption({ label: 'Solved' });
    const emptyNote = panel(page).locator('.empty-filter');
    await emptyNote.waitFor();
    expect(await emptyNote.locator('p').innerText()).toBe('No solved requests');
    await screenshot(page, 'mends-empty-filter');
    await expectAccessible('an empty filtered list');
    await emptyNote.getByRole('button', { name: 'Show all requests' }).click();
    await panel(page).locator('.request-row').first().waitFor();
    expect(await panel(page).getByLabel('Status').inputValue()).toBe('');

    await openRequest(page, ratedSubject);
    expect(await requestBadge(page).innerText()).toBe('Closed');
    await panel(page).locator('.closed-note').getByRole('button', { name: 'Submit a follow-up' }).waitFor();
    await screenshot(page, 'mends-closed-request');
    await expectAccessible('a closed request');

    // Another of Sam's requests, still open: an unsent reply, then "Mark as solved".
    await panel(page).getByRole('button', { name: 'Back' }).click();
    const open = panel(page)
      .locator('.request-row')
      .filter({ hasNotText: ratedSubject })
      .filter({ has: page.locator('.badge.open, .badge.awaiting_reply') })
      .first();
    await open.click();
    const reply = panel(page).getByLabel('Add to conversation');
    await reply.waitFor();
    await reply.fill('Half a thought');
    await panel(page).getByRole('button', { name: 'Mark as solved' }).click();
    const question = panel(page).locator('.send-first');
    await question.getByText('You have a reply you haven’t sent. Send it before marking the request as solved?').waitFor();
    await screenshot(page, 'mends-send-first');
    await expectAccessible('send first?');
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await reply.inputValue()).toBe('Half a thought');
    expect(problems).toEqual([]);
  });
});
