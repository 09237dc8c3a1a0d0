// Two support servers on one PostgreSQL database, as behind a load balancer (issue 10): the demo host
// embeds the widget from instance A, and Riley's inbox is open on instance B, a process of its own.
// Sam keeps his tent question open in the widget; Riley answers it on B and Sam's panel on A shows the
// reply without a reload; Sam then sends a new request on A and it appears in Riley's open queue on B.
// Neither browser ever talks to the other instance: what crosses goes through the database and
// LISTEN/NOTIFY. Real Chromium against real servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, markPage, screenshot, stillSamePage, watchProblems } from './support/browser.js';
import { startServers, type Servers } from './support/servers.js';
import { demoMembers, message, openRequest, openYourRequests, panel, requestBadge, sendRequest, signInAs } from './support/widget.js';
import { detailBadge, openFromQueue, queueRow, sendPublicReply, signInToInbox } from './support/inbox.js';

/** Sam's seeded request, Open with his question last. */
const tentQuestion = 'Is the Ridgeline 2 UL warm enough for late-season trips?';
const marker = `PH-${Date.now().toString(36)}`;
const agentReply = `Hi Sam, it is rated to -2 °C; add the winter liner below that. ${marker}-agent`;
const newSubject = `Stove fuel canister will not seal ${marker}`;
/** How long a change may take to cross from one instance to the other and reach the open page. */
const LIVE_MS = 5_000;

let servers: Servers;
let browser: Browser;
let memberContext: BrowserContext;
let agentContext: BrowserContext;
let member: Page;
let agent: Page;
let memberProblems: string[];
let agentProblems: string[];
/** Origins each page sent requests to. */
const reached = { member: new Set<string>(), agent: new Set<string>() };
let tentNumber = 0;

beforeAll(async () => {
  servers = await startServers({ instances: 2 });
  browser = await launchBrowser();
  memberContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  member = await memberContext.newPage();
  agent = await agentContext.newPage();
  for (const page of [member, agent]) page.setDefaultTimeout(10_000);
  memberProblems = watchProblems(member);
  agentProblems = watchProblems(agent);
  member.on('request', (request) => reached.member.add(new URL(request.url()).origin));
  agent.on('request', (request) => reached.agent.add(new URL(request.url()).origin));
});
afterAll(async () => {
  await memberContext?.close();
  await agentContext?.close();
  await browser?.close();
  await servers?.close();
});

const instanceA = () => servers.support.url;
const instanceB = () => servers.secondInstance!.url;

describe('the widget on instance A, the inbox on instance B', () => {
  it('Sam opens his tent question in the widget, served by instance A, and keeps it open', async () => {
    expect(new URL(instanceA()).origin).not.toBe(new URL(instanceB()).origin);
    await signInAs(member, servers.demo.url, demoMembers.sam);
    await openYourRequests(member, 'Sam Whitfield');
    await panel(member).locator('#ph-request-list[aria-busy="false"]').waitFor();
    await openRequest(member, tentQuestion);
    tentNumber = Number(/Request #(\d+)/.exec(await panel(member).locator('.request-meta').innerText())?.[1]);
    expect(tentNumber).toBeGreaterThan(0);
    expect(await requestBadge(member).innerText()).toBe('Open');
    await markPage(member);
    expect(memberProblems).toEqual([]);
  });

  it('Riley answers it in the inbox on instance B', async () => {
    await signInToInbox(agent, instanceB());
    await openFromQueue(agent, tentQuestion, tentNumber);
    await markPage(agent);
    await sendPublicReply(agent, agentReply);
    expect(await detailBadge(agent).innerText()).toBe('Pending');
    expect(agentProblems).toEqual([]);
  });

  it('Sam’s open panel on A shows the reply from B and “Awaiting your reply” without a reload', async () => {
    await message(member, agentReply).waitFor({ timeout: LIVE_MS });
    expect(await message(member, agentReply).locator('.message-author strong').innerText()).toBe('Riley Chen');
    await expect.poll(() => requestBadge(member).innerText(), { timeout: LIVE_MS }).toBe('Awaiting your reply');
    expect(await stillSamePage(member)).toBe(true);
    await screenshot(member, 'two-instances-reply-on-a');
    expect(memberProblems).toEqual([]);
  });

  it('a request Sam sends on A appears in Riley’s open queue on B without a reload', async () => {
    await panel(member).getByRole('button', { name: 'Back' }).click();
    await panel(member).getByRole('button', { name: 'Back' }).click();
    await panel(member).getByRole('button', { name: 'Contact us' }).click();
    const number = await sendRequest(member, {
      category: 'Billing & payments',
      subject: newSubject,
      description: 'The new canister hisses when screwed onto the Pocket Rocket.',
    });
    expect(number).toBeGreaterThan(tentNumber);

    await queueRow(agent, newSubject).waitFor({ timeout: LIVE_MS });
    expect(await queueRow(agent, newSubject).innerText()).toContain(`#${number}`);
    expect(await queueRow(agent, newSubject).locator('.badge').innerText()).toBe('New');
    expect(await stillSamePage(agent)).toBe(true);

    await screenshot(member, 'two-instances-member-on-a');
    await queueRow(agent, newSubject).scrollIntoViewIfNeeded();
    await screenshot(agent, 'two-instances-inbox-on-b');
    expect(memberProblems).toEqual([]);
    expect(agentProblems).toEqual([]);
  });

  it('each browser talked to its own instance only', () => {
    expect(reached.member).toContain(new URL(instanceA()).origin);
    expect(reached.member).not.toContain(new URL(instanceB()).origin);
    expect(reached.agent).toContain(new URL(instanceB()).origin);
    expect(reached.agent).not.toContain(new URL(instanceA()).origin);
  });
});
