// An agent and a member, side by side in two browser contexts, neither ever reloading: Sam keeps
// his tent question open in the widget on the demo host; Riley signs in to the inbox and answers
// it; Sam's open panel shows the reply and "Awaiting your reply" (and tells the host page through
// `request:updated`); Sam answers; Riley's open request shows it and the queue row turns Open.
// Real Chromium against real servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { launchBrowser, screenshot, watchProblems } from './support/browser.js';
import { startServers, type Servers } from './support/servers.js';
import { firstRow } from '../support/inspect.js';
import { requests } from '../support/tables.js';
import { DEV_DEMO_AGENT_PASSWORD } from '../../server/config.js';

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

// The member's side: the demo shop and the widget's panel.
const panel = () => member.getByRole('dialog');
const memberBadge = () => panel().locator('#ph-request-title + .request-meta .badge');
const memberMessage = (text: string) => panel().locator('.thread .message').filter({ hasText: text });

// The agent's side: the inbox.
const queueRow = () => agent.locator('.queue a.row').filter({ hasText: subject });
const historyEntry = (text: string) => agent.locator('#detail .history li').filter({ hasText: text });
const agentBadge = () => agent.locator('#detail .request-meta .badge');

/** Set on a page's window: still there later means the page was never reloaded or navigated. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __phNoReload: boolean }).__phNoReload = true));
}
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __phNoReload?: boolean }).__phNoReload === true);

type Updated = { id: number; status: string; statusLabel?: string };
const hostUpdates = () => member.evaluate(() => (window as unknown as { __phUpdates: Updated[] }).__phUpdates);

describe('an agent and a member, live', () => {
  it('Sam opens his tent question in the widget on the demo host and keeps it open', async () => {
    await member.goto(`${servers.demo.url}/account`);
    const header = member.locator('header.site-header');
    await header.getByLabel('Demo member').selectOption('nw-1004');
    await header.getByRole('button', { name: 'Sign in', exact: true }).click();
    await header.getByText('Signed in as Sam Whitfield', { exact: true }).waitFor();

    await member.getByRole('button', { name: 'Support', exact: true }).click();
    await panel()
      .getByRole('button', { name: /^Your requests/ })
      .click();
    await panel().getByRole('heading', { name: 'Your requests' }).waitFor();
    await panel().locator('#ph-request-list[aria-busy="false"]').waitFor();
    const row = panel().locator('.request-row').filter({ hasText: subject });
    expect(await row.innerText()).toContain(`#${number}`);
    await row.click();
    await expect
      .poll(() =>
        panel()
          .locator('#ph-request-title')
          .innerText()
          .catch(() => ''),
      )
      .toBe(subject);
    expect(await memberBadge().innerText()).toBe('Open');
    expect(await memberMessage('does the footprint').locator('.message-author strong').innerText()).toBe('You');

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
    await agent.goto(`${servers.support.url}/agent`);
    await agent.getByRole('heading', { name: 'Sign in to the support inbox' }).waitFor();
    await agent.getByLabel('Email').fill('riley@northwind.example');
    await agent.getByLabel('Password').fill(DEV_DEMO_AGENT_PASSWORD);
    await agent.getByRole('button', { name: 'Sign in', exact: true }).click();
    await agent.locator('.topbar .agent-name').getByText('Riley Chen').waitFor();

    expect(await queueRow().locator('.badge').innerText()).toBe('Open');
    await queueRow().click();
    await expect.poll(() => new URL(agent.url()).pathname).toBe(`/agent/requests/${number}`);
    await expect
      .poll(() =>
        agent
          .locator('#request-title')
          .innerText()
          .catch(() => ''),
      )
      .toBe(subject);
    expect(await queueRow().getAttribute('aria-current')).toBe('page');
    await markPage(agent);

    await agent.getByLabel('Reply to the customer').fill(agentReply);
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await historyEntry(agentReply).waitFor();
    expect(await historyEntry(agentReply).locator('.tag').innerText()).toBe('Public reply');
    expect(await agentBadge().innerText()).toBe('Pending');
    await expect.poll(() => queueRow().locator('.badge').innerText()).toBe('Pending');
    expect(agentProblems).toEqual([]);
  });

  it('Sam’s open panel shows the reply and “Awaiting your reply” without a reload, and the host hears of it', async () => {
    await memberMessage(agentReply).waitFor({ timeout: LIVE_MS });
    const reply = memberMessage(agentReply);
    expect(await reply.locator('.message-author strong').innerText()).toBe('Riley Chen');
    expect(await reply.locator('.message-author .tag').innerText()).toBe('Support');
    expect(await reply.locator('.message-body').innerText()).toBe(agentReply);
    await expect.poll(() => memberBadge().innerText(), { timeout: LIVE_MS }).toBe('Awaiting your reply');
    await expect.poll(hostUpdates, { timeout: LIVE_MS }).toContainEqual(expect.objectContaining({ id: number, status: 'awaiting_reply' }));
    expect(await stillSamePage(member)).toBe(true);
    expect(memberProblems).toEqual([]);
  });

  it('Sam answers, and Riley’s open request and queue row follow without a reload', async () => {
    await panel().getByLabel('Add to conversation').fill(memberAnswer);
    await panel().getByRole('button', { name: 'Send', exact: true }).click();
    await memberMessage(memberAnswer).waitFor();
    expect(await memberMessage(memberAnswer).locator('.message-author strong').innerText()).toBe('You');
    await expect.poll(() => memberBadge().innerText()).toBe('Open');

    await historyEntry(memberAnswer).waitFor({ timeout: LIVE_MS });
    expect(await historyEntry(memberAnswer).locator('strong').innerText()).toBe('Sam Whitfield');
    expect(await historyEntry(memberAnswer).locator('.tag').innerText()).toBe('Customer');
    await expect.poll(() => agentBadge().innerText(), { timeout: LIVE_MS }).toBe('Open');
    await expect.poll(() => queueRow().locator('.badge').innerText(), { timeout: LIVE_MS }).toBe('Open');
    expect(await stillSamePage(agent)).toBe(true);
    expect(await stillSamePage(member)).toBe(true);

    await queueRow().scrollIntoViewIfNeeded(); // the reply moved it to the top of the queue, above where the list was scrolled
    await screenshot(agent, 'agent-inbox-live');
    await screenshot(member, 'member-live-reply');
    expect(agentProblems).toEqual([]);
    expect(memberProblems).toEqual([]);
  });
});
