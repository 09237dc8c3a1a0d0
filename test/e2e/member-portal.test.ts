// Signed-in members on the demo host, in one browser tab as a person would use it: Avery sends a
// request and copies Jonas; Jonas finds it among the requests he is CC'd on and adds to it; Avery
// marks it solved; a member of another organization and a member without one never see it; and
// Jonas finds it again under his organization's requests. Real Chromium against real servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchProblems } from './support/browser.js';
import { startServers, type Servers } from './support/servers.js';
import { demoMembers, message, openRequest, openYourRequests, panel, requestBadge, requestRow, sendRequest, signInAs } from './support/widget.js';

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

const tab = (name: string) => panel(page).getByRole('tab', { name, exact: true });

/** Clicks a tab and returns the subjects it lists once they have loaded. */
async function subjectsIn(name: string): Promise<string[]> {
  await tab(name).click();
  await expect.poll(() => tab(name).getAttribute('aria-selected')).toBe('true');
  await panel(page).locator('#ph-request-list[aria-busy="false"]').waitFor();
  return panel(page).locator('#ph-request-list .request-subject').allInnerTexts();
}

const tabNames = () => panel(page).getByRole('tab').allInnerTexts();

describe('members on the demo host', () => {
  it('Avery sends a request from the panel and copies Jonas', async () => {
    await page.goto(`${servers.demo.url}/account`);
    await signInAs(page, servers.demo.url, demoMembers.avery);
    await openYourRequests(page, 'Avery Lindqvist');
    await panel(page).getByRole('button', { name: 'Back' }).click();

    await panel(page).getByRole('button', { name: 'Contact us' }).click();
    await panel(page).getByLabel('Subject').waitFor();
    // A member is not asked for an email or name: the shop vouched for them.
    expect(await panel(page).getByLabel('Your email').count()).toBe(0);
    number = await sendRequest(page, { category: 'Billing & payments', subject, description, cc: 'jonas.okafor@example.com' });
    expect(number).toBeGreaterThan(0);
    expect(await panel(page).innerText()).toContain('We’ll reply to avery.lindqvist@example.com.');
    await screenshot(page, 'member-request-sent');
    expect(problems).toEqual([]);
  });

  it('Jonas finds it among the requests he is CC’d on, sees it as text, and adds to it', async () => {
    await signInAs(page, servers.demo.url, demoMembers.jonas);
    await openYourRequests(page, 'Jonas Okafor');
    expect(await subjectsIn('My requests')).not.toContain(subject);
    expect(await subjectsIn('Requests I’m CC’d on')).toContain(subject);
    expect(await requestRow(page, marker).innerText()).toContain(`#${number}`);
    await openRequest(page, subject);

    const first = message(page, 'charged twice');
    expect(await first.locator('.message-author strong').innerText()).toBe('Avery Lindqvist');
    // Avery's markup is shown as she typed it: the tags are text, nothing is bold.
    expect(await first.locator('.message-body').innerText()).toBe(description);
    expect(await panel(page).locator('.thread b').count()).toBe(0);
    expect(await first.locator('.message-body *').count()).toBe(0);
    // Jonas, and only Jonas, is copied: by the address Avery typed (or by name, once the server knows it).
    expect(await panel(page).locator('.ccs').innerText()).toMatch(/^CC: (jonas\.okafor@example\.com|Jonas Okafor)$/);
    expect(await panel(page).locator('.request-meta').innerText()).toContain(`Request #${number} · Billing & payments`);
    // Only the person who opened it may mark it solved.
    expect(await panel(page).getByRole('button', { name: 'Mark as solved' }).count()).toBe(0);

    await panel(page).getByLabel('Add to conversation').fill(reply);
    await panel(page).getByRole('button', { name: 'Send', exact: true }).click();
    await message(page, reply).waitFor();
    expect(await message(page, reply).locator('.message-author strong').innerText()).toBe('You');
    expect(await message(page, reply).locator('.message-body').innerText()).toBe(reply);
    expect(await panel(page).getByLabel('Add to conversation').inputValue()).toBe('');
    expect(await panel(page).locator('.thread .message').count()).toBe(2);
    await screenshot(page, 'member-cc-thread');
    expect(problems).toEqual([]);
  });

  it('Avery sees Jonas’s message under her requests and marks the request solved', async () => {
    await signInAs(page, servers.demo.url, demoMembers.avery);
    await openYourRequests(page, 'Avery Lindqvist');
    expect(await subjectsIn('My requests')).toContain(subject);
    expect(await requestRow(page, marker).locator('.badge').innerText()).toBe('Open');
    await openRequest(page, subject);

    expect(await message(page, reply).locator('.message-author strong').innerText()).toBe('Jonas Okafor');
    expect(await message(page, 'charged twice').locator('.message-author strong').innerText()).toBe('You');
    const badge = requestBadge(page);
    expect(await badge.innerText()).toBe('Open');

    await panel(page).getByRole('button', { name: 'Mark as solved' }).click();
    await expect.poll(() => badge.innerText()).toBe('Solved');
    expect(await panel(page).getByRole('button', { name: 'Mark as solved' }).count()).toBe(0);
    await screenshot(page, 'member-solved');

    // Back in the list, the row says so too.
    await panel(page).getByRole('button', { name: 'Back' }).click();
    await panel(page).locator('#ph-request-list[aria-busy="false"]').waitFor();
    await expect.poll(() => requestRow(page, marker).locator('.badge').innerText()).toBe('Solved');
    expect(problems).toEqual([]);
  });

  it('a member of another organization, and one without any, never see it', async () => {
    await signInAs(page, servers.demo.url, demoMembers.mira);
    await openYourRequests(page, 'Mira Castellanos');
    await expect.poll(tabNames).toEqual(['My requests', 'Requests I’m CC’d on', 'Organization requests']);
    const mine = await subjectsIn('My requests');
    const ccd = await subjectsIn('Requests I’m CC’d on');
    const org = await subjectsIn('Organization requests');
    // Her own lists did load (her troop's requests are there), and Avery's request is in none of them.
    expect(mine).toContain('Troop order arrived with two tents missing');
    expect(org).toContain('Troop order arrived with two tents missing');
    for (const list of [mine, ccd, org]) expect(list.join('\n')).not.toContain(marker);
    await screenshot(page, 'member-other-org');

    await signInAs(page, servers.demo.url, demoMembers.sam);
    await openYourRequests(page, 'Sam Whitfield');
    expect(await subjectsIn('My requests')).not.toContain(subject);
    expect(await subjectsIn('Requests I’m CC’d on')).not.toContain(subject);
    expect(await tabNames()).toEqual(['My requests', 'Requests I’m CC’d on']);
    expect(problems).toEqual([]);
  });

  it('Jonas finds it under his organization’s requests', async () => {
    await signInAs(page, servers.demo.url, demoMembers.jonas);
    await openYourRequests(page, 'Jonas Okafor');
    expect(await subjectsIn('Organization requests')).toContain(subject);
    expect(await requestRow(page, marker).locator('.badge').innerText()).toBe('Solved');
    await screenshot(page, 'member-org-requests');
    expect(problems).toEqual([]);
  });
});
