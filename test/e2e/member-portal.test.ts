// Signed-in members on the demo host, in one browser tab as a person would use it: Avery sends a
// request and copies Jonas; Jonas finds it among the requests he is CC'd on and adds to it; Avery
// marks it solved; a member of another organization and a member without one never see it; and
// Jonas finds it again under his organization's requests. Real Chromium against real servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchProblems } from './support/browser.js';
import { startServers, type Servers } from './support/servers.js';

let servers: Servers;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  servers = await startServers();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000); // a step that fails should not hold up the rest of the journey for long
  problems = watchProblems(page);
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await servers?.close();
});

const marker = `PH-${Date.now().toString(36)}`;
const subject = `Duplicate charge on my card ${marker}`;
const description = 'I was charged twice for one order. <b>not bold</b>';
const reply = 'Thanks, adding details';
let number = 0;

const members = {
  avery: { sub: 'nw-1001', who: 'Avery Lindqvist (Basecamp Guides Co.)' },
  jonas: { sub: 'nw-1002', who: 'Jonas Okafor (Basecamp Guides Co.)' },
  mira: { sub: 'nw-1003', who: 'Mira Castellanos (Trailhead Scouts)' },
  sam: { sub: 'nw-1004', who: 'Sam Whitfield' },
};
type Member = (typeof members)[keyof typeof members];

const header = () => page.locator('header.site-header');
const launcher = () => page.getByRole('button', { name: 'Support', exact: true });
const panel = () => page.getByRole('dialog');
const tab = (name: string) => panel().getByRole('tab', { name, exact: true });
const row = () => panel().locator('.request-row').filter({ hasText: marker });
const message = (text: string) => panel().locator('.thread .message').filter({ hasText: text });

/** The shop's own sign-in strip: sign out whoever is signed in, then pick the member and sign in. */
async function signInAs(member: Member) {
  if (!page.url().startsWith(servers.demo.url)) await page.goto(`${servers.demo.url}/account`);
  const signOut = header().getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible()) {
    await signOut.click();
    await header().getByLabel('Demo member').waitFor();
  }
  await header().getByLabel('Demo member').selectOption(member.sub);
  await header().getByRole('button', { name: 'Sign in', exact: true }).click();
  await header().getByText(`Signed in as ${member.who}`, { exact: true }).waitFor();
}

/** Support → "Your requests" (which names the member) → the list of requests. */
async function openYourRequests(name: string) {
  await launcher().click();
  const entry = panel().getByRole('button', { name: /^Your requests/ });
  await entry.waitFor();
  expect(await entry.innerText()).toContain(`Signed in as ${name}`);
  await entry.click();
  await panel().getByRole('heading', { name: 'Your requests' }).waitFor();
  // The site's settings have arrived (the panel is titled with the site's name): which tabs show depends on them.
  await panel().getByRole('heading', { name: 'Northwind Outfitters' }).waitFor();
}

/** Clicks a tab and returns the subjects it lists once they have loaded. */
async function subjectsIn(name: string): Promise<string[]> {
  await tab(name).click();
  await expect.poll(() => tab(name).getAttribute('aria-selected')).toBe('true');
  await panel().locator('#ph-request-list[aria-busy="false"]').waitFor();
  return panel().locator('#ph-request-list .request-subject').allInnerTexts();
}

const tabNames = () => panel().getByRole('tab').allInnerTexts();

async function openRequest() {
  await row().click();
  await expect
    .poll(() =>
      panel()
        .locator('#ph-request-title')
        .innerText()
        .catch(() => ''),
    )
    .toBe(subject);
}

describe('members on the demo host', () => {
  it('Avery sends a request from the panel and copies Jonas', async () => {
    await page.goto(`${servers.demo.url}/account`);
    await signInAs(members.avery);
    await openYourRequests('Avery Lindqvist');
    await panel().getByRole('button', { name: 'Back' }).click();

    await panel().getByRole('button', { name: 'Contact us' }).click();
    await panel().getByLabel('What is this about?').selectOption({ label: 'Billing & payments' });
    await panel().getByLabel('Subject').fill(subject);
    await panel().getByLabel('How can we help?').fill(description);
    // A member is not asked for an email or name: the shop vouched for them.
    expect(await panel().getByLabel('Your email').count()).toBe(0);
    await panel().getByLabel('CC (optional)').fill('jonas.okafor@example.com');
    await panel().getByRole('button', { name: 'Send request' }).click();

    await panel().getByText('Request sent').waitFor();
    const confirmation = await panel().innerText();
    number = Number(/Your request #(\d+) has reached/.exec(confirmation)?.[1]);
    expect(number).toBeGreaterThan(0);
    expect(confirmation).toContain('We’ll reply to avery.lindqvist@example.com.');
    await screenshot(page, 'member-request-sent');
    expect(problems).toEqual([]);
  });

  it('Jonas finds it among the requests he is CC’d on, sees it as text, and adds to it', async () => {
    await signInAs(members.jonas);
    await openYourRequests('Jonas Okafor');
    expect(await subjectsIn('My requests')).not.toContain(subject);
    expect(await subjectsIn('Requests I’m CC’d on')).toContain(subject);
    expect(await row().innerText()).toContain(`#${number}`);
    await openRequest();

    const first = message('charged twice');
    expect(await first.locator('.message-author strong').innerText()).toBe('Avery Lindqvist');
    // Avery's markup is shown as she typed it: the tags are text, nothing is bold.
    expect(await first.locator('.message-body').innerText()).toBe(description);
    expect(await panel().locator('.thread b').count()).toBe(0);
    expect(await first.locator('.message-body *').count()).toBe(0);
    // Jonas, and only Jonas, is copied: by the address Avery typed (or by name, once the server knows it).
    expect(await panel().locator('.ccs').innerText()).toMatch(/^CC: (jonas\.okafor@example\.com|Jonas Okafor)$/);
    expect(await panel().locator('.request-meta').innerText()).toContain(`Request #${number} · Billing & payments`);
    // Only the person who opened it may mark it solved.
    expect(await panel().getByRole('button', { name: 'Mark as solved' }).count()).toBe(0);

    await panel().getByLabel('Add to conversation').fill(reply);
    await panel().getByRole('button', { name: 'Send', exact: true }).click();
    await message(reply).waitFor();
    expect(await message(reply).locator('.message-author strong').innerText()).toBe('You');
    expect(await message(reply).locator('.message-body').innerText()).toBe(reply);
    expect(await panel().getByLabel('Add to conversation').inputValue()).toBe('');
    expect(await panel().locator('.thread .message').count()).toBe(2);
    await screenshot(page, 'member-cc-thread');
    expect(problems).toEqual([]);
  });

  it('Avery sees Jonas’s message under her requests and marks the request solved', async () => {
    await signInAs(members.avery);
    await openYourRequests('Avery Lindqvist');
    expect(await subjectsIn('My requests')).toContain(subject);
    expect(await row().locator('.badge').innerText()).toBe('Open');
    await openRequest();

    expect(await message(reply).locator('.message-author strong').innerText()).toBe('Jonas Okafor');
    expect(await message('charged twice').locator('.message-author strong').innerText()).toBe('You');
    const badge = panel().locator('#ph-request-title + .request-meta .badge');
    expect(await badge.innerText()).toBe('Open');

    await panel().getByRole('button', { name: 'Mark as solved' }).click();
    await expect.poll(() => badge.innerText()).toBe('Solved');
    expect(await panel().getByRole('button', { name: 'Mark as solved' }).count()).toBe(0);
    await screenshot(page, 'member-solved');

    // Back in the list, the row says so too.
    await panel().getByRole('button', { name: 'Back' }).click();
    await panel().locator('#ph-request-list[aria-busy="false"]').waitFor();
    await expect.poll(() => row().locator('.badge').innerText()).toBe('Solved');
    expect(problems).toEqual([]);
  });

  it('a member of another organization, and one without any, never see it', async () => {
    await signInAs(members.mira);
    await openYourRequests('Mira Castellanos');
    await expect.poll(tabNames).toEqual(['My requests', 'Requests I’m CC’d on', 'Organization requests']);
    const mine = await subjectsIn('My requests');
    const ccd = await subjectsIn('Requests I’m CC’d on');
    const org = await subjectsIn('Organization requests');
    // Her own lists did load (her troop's requests are there), and Avery's request is in none of them.
    expect(mine).toContain('Troop order arrived with two tents missing');
    expect(org).toContain('Troop order arrived with two tents missing');
    for (const list of [mine, ccd, org]) expect(list.join('\n')).not.toContain(marker);
    await screenshot(page, 'member-other-org');

    await signInAs(members.sam);
    await openYourRequests('Sam Whitfield');
    expect(await subjectsIn('My requests')).not.toContain(subject);
    expect(await subjectsIn('Requests I’m CC’d on')).not.toContain(subject);
    expect(await tabNames()).toEqual(['My requests', 'Requests I’m CC’d on']);
    expect(problems).toEqual([]);
  });

  it('Jonas finds it under his organization’s requests', async () => {
    await signInAs(members.jonas);
    await openYourRequests('Jonas Okafor');
    expect(await subjectsIn('Organization requests')).toContain(subject);
    expect(await row().locator('.badge').innerText()).toBe('Solved');
    await screenshot(page, 'member-org-requests');
    expect(problems).toEqual([]);
  });
});
