// An agent and a member, side by side in two browser contexts, neither ever reloading: Sam keeps
// his tent question open in the widget on the demo host; Riley signs in to the inbox and answers
// it; Sam's open panel shows the reply and "Awaiting your reply" (and tells the host page through
// `request:updated`); Sam answers; Riley's open request shows it and the queue row turns Open.
// Real Chromium against real servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { launchBrowser, markPage, screenshot, stillSamePage, watchProblems } from './support/browser.js';
import { startServers, type Servers } from './support/servers.js';
import { demoMembers, message, openRequest, openYourRequests, panel, requestBadge, requestRow, signInAs } from './support/widget.js';
import { detailBadge, historyEntry, openFromQueue, queueRow, sendPublicReply, signInToInbox } from './support/inbox.js';
import { firstRow } from '../support/inspect.js';
import { requests } from '../support/tables.js';

/** Sam's seeded request, Open (stored `open`) with his question last: support owes him an answer. */
const subject = 'Is the Ridgeline 2 UL warm enough for late-season trips?';
const marker = `PH-${Date.now().toString(36)}`;
const agentReply = `Hi Sam, the included footprint covers the inner tent only; the vestibule footprint is sold separately. ${marker}-agent`;
const memberAnswer = `Thanks Riley, I will order the vestibule one too. ${marker}-member`;
/** How long a change may take to reach the other side without a reload. */
const LIVE_MS = 5_000;

let servers: Servers;
let browser: Browser;
let memberContext: BrowserContext;
let agentContext: BrowserContext;
let member: Page;
let agent: Page;
let memberProblems: string[];
let agentProblems: string[];
let number = 0;

beforeAll(async () => {
  servers = await startServers();
  browser = await launchBrowser();
  memberContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  member = await memberContext.newPage();
  agent = await agentContext.newPage();
  for (const page of [member, agent]) page.setDefaultTimeout(10_000);
  memberProblems = watchProblems(member);
  agentProblems = watchProblems(agent);
  number = (await firstRow(servers.db.select({ number: requests.number }).from(requests).where(eq(requests.subject, subject))))!.number;
});
afterAll(async () => {
  await memberContext?.close();
  await agentContext?.close();
  await browser?.close();
  await servers?.close();
});

type Updated = { id: number; status: string; statusLabel?: string };
const hostUpdates = () => member.evaluate(() => (window as unknown as { __phUpdates: Updated[] }).__phUpdates);

describe('an agent and a member, live', () => {
  it('Sam opens his tent question in the widget on the demo host and keeps it open', async () => {
    await signInAs(member, servers.demo.url, demoMembers.sam);
    await openYourRequests(member, 'Sam Whitfield');
    await panel(member).locator('#ph-request-list[aria-busy="false"]').waitFor();
    expect(await requestRow(member, subject).innerText()).toContain(`#${number}`);
    await openRequest(member, subject);
    expect(await requestBadge(member).innerText()).toBe('Open');
    expect(await message(member, 'does the footprint').locator('.message-author strong').innerText()).toBe('You');

    // The host page listens as a real host would, before anything changes.
    await member.evaluate(() => {
      const w = window as unknown as { __phUpdates: Updated[]; Porthole: (...args: unknown[]) => void };
      w.__phUpdates = [];
      w.Porthole('on', 'request:updated', (detail: Updated) => w.__phUpdates.push(detail));
    });
    await markPage(member);
    expect(memberProblems).toEqual([]);
  });

  it('Riley signs in to the inbox, opens the request from the queue and sends a public reply', async () => {
    await signInToInbox(agent, servers.support.url);
    expect(await queueRow(agent, subject).locator('.badge').innerText()).toBe('Open');
    await openFromQueue(agent, subject, number);
    expect(await queueRow(agent, subject).getAttribute('aria-current')).toBe('page');
    await markPage(agent);

    await sendPublicReply(agent, agentReply);
    expect(await historyEntry(agent, agentReply).locator('.tag').innerText()).toBe('Public reply');
    expect(await detailBadge(agent).innerText()).toBe('Pending');
    await expect.poll(() => queueRow(agent, subject).locator('.badge').innerText()).toBe('Pending');
    expect(agentProblems).toEqual([]);
  });

  it('Sam’s open panel shows the reply and “Awaiting your reply” without a reload, and the host hears of it', async () => {
    await message(member, agentReply).waitFor({ timeout: LIVE_MS });
    const reply = message(member, agentReply);
    expect(await reply.locator('.message-author strong').innerText()).toBe('Riley Chen');
    expect(await reply.locator('.message-author .tag').innerText()).toBe('Support');
    expect(await reply.locator('.message-body').innerText()).toBe(agentReply);
    await expect.poll(() => requestBadge(member).innerText(), { timeout: LIVE_MS }).toBe('Awaiting your reply');
    await expect.poll(hostUpdates, { timeout: LIVE_MS }).toContainEqual(expect.objectContaining({ id: number, status: 'awaiting_reply' }));
    expect(await stillSamePage(member)).toBe(true);
    expect(memberProblems).toEqual([]);
  });

  it('Sam answers, and Riley’s open request and queue row follow without a reload', async () => {
    await panel(member).getByLabel('Add to conversation').fill(memberAnswer);
    await panel(member).getByRole('button', { name: 'Send', exact: true }).click();
    await message(member, memberAnswer).waitFor();
    expect(await message(member, memberAnswer).locator('.message-author strong').innerText()).toBe('You');
    await expect.poll(() => requestBadge(member).innerText()).toBe('Open');

    await historyEntry(agent, memberAnswer).waitFor({ timeout: LIVE_MS });
    expect(await historyEntry(agent, memberAnswer).locator('strong').innerText()).toBe('Sam Whitfield');
    expect(await historyEntry(agent, memberAnswer).locator('.tag').innerText()).toBe('Customer');
    await expect.poll(() => detailBadge(agent).innerText(), { timeout: LIVE_MS }).toBe('Open');
    await expect.poll(() => queueRow(agent, subject).locator('.badge').innerText(), { timeout: LIVE_MS }).toBe('Open');
    expect(await stillSamePage(agent)).toBe(true);
    expect(await stillSamePage(member)).toBe(true);

    await queueRow(agent, subject).scrollIntoViewIfNeeded(); // the reply moved it to the top of the queue, above where the list was scrolled
    await screenshot(agent, 'agent-inbox-live');
    await screenshot(member, 'member-live-reply');
    expect(agentProblems).toEqual([]);
    expect(memberProblems).toEqual([]);
  });
});
