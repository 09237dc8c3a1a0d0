// An agent and a member, side by side in two browser contexts, neither ever reloading: Sam keeps
// his tent question open in the widget on the demo host; Riley signs in to the inbox and answers
// it; Sam's open panel shows the reply and "Awaiting your reply" (and tells the host page through
// `request:updated`); Sam answers; Riley's open request shows it and the queue row turns Open.
// Real Chromium against real servers.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { markPage, screenshot, stillSamePage } from './support/browser.js';
import { aMemberAndAnAgent } from './support/lifecycle.js';
import { demoMembers, message, openRequest, openYourRequests, panel, requestBadge, requestRow, signInAs } from './support/widget.js';
import { detailBadge, historyEntry, openFromQueue, queueRow, sendPublicReply, signInToInbox } from './support/inbox.js';
import { firstRow } from '../support/inspect.js';
import { requests } from '../support/tables.js';
import { AGENT_COOKIE } from '../../server/auth/agent-auth.js';

/** Sam's seeded request, Open (stored `open`) with his question last: support owes him an answer. */
const subject = 'Is the Ridgeline 2 UL warm enough for late-season trips?';
const marker = `PH-${Date.now().toString(36)}`;
const agentReply = `Hi Sam, the included footprint covers the inner tent only; the vestibule footprint is sold separately. ${marker}-agent`;
const memberAnswer = `Thanks Riley, I will order the vestibule one too. ${marker}-member`;
/** How long a change may take to reach the other side without a reload. */
const LIVE_MS = 5_000;

const real = aMemberAndAnAgent();
let number = 0;

beforeAll(async () => {
  number = (await firstRow(real.servers.db.select({ number: requests.number }).from(requests).where(eq(requests.subject, subject))))!.number;
});

type Updated = { id: number; status: string; statusLabel?: string };
const hostUpdates = () => real.member.page.evaluate(() => (window as unknown as { __phUpdates: Updated[] }).__phUpdates);

describe('an agent and a member, live', () => {
  it('Sam opens his tent question in the widget on the demo host and keeps it open', async () => {
    await signInAs(real.member.page, real.servers.demo.url, demoMembers.sam);
    await openYourRequests(real.member.page, 'Sam Whitfield');
    await panel(real.member.page).locator('#ph-request-list[aria-busy="false"]').waitFor();
    expect(await requestRow(real.member.page, subject).innerText()).toContain(`#${number}`);
    await openRequest(real.member.page, subject);
    expect(await requestBadge(real.member.page).innerText()).toBe('Open');
    expect(await message(real.member.page, 'does the footprint').locator('.message-author strong').innerText()).toBe('You');

    // The host page listens as a real host would, before anything changes.
    await real.member.page.evaluate(() => {
      const w = window as unknown as { __phUpdates: Updated[]; Porthole: (...args: unknown[]) => void };
      w.__phUpdates = [];
      w.Porthole('on', 'request:updated', (detail: Updated) => w.__phUpdates.push(detail));
    });
    await markPage(real.member.page);
    expect(real.member.problems).toEqual([]);
  });

  it('Riley signs in to the inbox, opens the request from the queue and sends a public reply', async () => {
    await signInToInbox(real.agent.page, real.servers.support.url);
    expect(await queueRow(real.agent.page, subject).locator('.badge').innerText()).toBe('Open');
    await openFromQueue(real.agent.page, subject, number);
    expect(await queueRow(real.agent.page, subject).getAttribute('aria-current')).toBe('page');
    await markPage(real.agent.page);

    await sendPublicReply(real.agent.page, agentReply);
    expect(await historyEntry(real.agent.page, agentReply).locator('.tag').innerText()).toBe('Public reply');
    expect(await detailBadge(real.agent.page).innerText()).toBe('Pending');
    await expect.poll(() => queueRow(real.agent.page, subject).locator('.badge').innerText()).toBe('Pending');
    expect(real.agent.problems).toEqual([]);
  });

  it('Riley’s browser keeps the session cookie for the agent API: the Help Center’s pages and the inbox’s own never receive it', async () => {
    const { url } = real.servers.support;
    const [session] = (await real.agent.context.cookies()).filter((cookie) => cookie.name === AGENT_COOKIE);
    expect(session).toMatchObject({ path: '/api/v1/agent', secure: true, httpOnly: true, sameSite: 'Strict' });
    const cookiesSentTo = async (path: string) => (await real.agent.context.cookies(`${url}${path}`)).map((cookie) => cookie.name);
    expect(await cookiesSentTo('/api/v1/agent/me')).toContain(AGENT_COOKIE);

    // What Chromium really sends on a navigation to the Help Center, in a tab of Riley's browser.
    const helpTab = await real.agent.context.newPage();
    const sent = new Promise<string>((resolve) =>
      helpTab.on('request', (request) => {
        if (new URL(request.url()).pathname === '/help/demo') void request.allHeaders().then((headers) => resolve(headers.cookie ?? ''));
      }),
    );
    expect((await helpTab.goto(`${url}/help/demo`))!.status()).toBe(200);
    expect(await sent).not.toContain('porthole_agent');
    await helpTab.close();
    for (const path of ['/help/demo', '/help/demo/articles/1', '/agent', `/agent/requests/${number}`, '/']) {
      expect(await cookiesSentTo(path), path).not.toContain(AGENT_COOKIE);
    }
  });

  it('Sam’s open panel shows the reply and “Awaiting your reply” without a reload, and the host hears of it', async () => {
    await message(real.member.page, agentReply).waitFor({ timeout: LIVE_MS });
    const reply = message(real.member.page, agentReply);
    expect(await reply.locator('.message-author strong').innerText()).toBe('Riley Chen');
    expect(await reply.locator('.message-author .tag').innerText()).toBe('Support');
    expect(await reply.locator('.message-body').innerText()).toBe(agentReply);
    await expect.poll(() => requestBadge(real.member.page).innerText(), { timeout: LIVE_MS }).toBe('Awaiting your reply');
    await expect.poll(hostUpdates, { timeout: LIVE_MS }).toContainEqual(expect.objectContaining({ id: number, status: 'awaiting_reply' }));
    expect(await stillSamePage(real.member.page)).toBe(true);
    expect(real.member.problems).toEqual([]);
  });

  it('Sam answers, and Riley’s open request and queue row follow without a reload', async () => {
    await panel(real.member.page).getByLabel('Add to conversation').fill(memberAnswer);
    await panel(real.member.page).getByRole('button', { name: 'Send', exact: true }).click();
    await message(real.member.page, memberAnswer).waitFor();
    expect(await message(real.member.page, memberAnswer).locator('.message-author strong').innerText()).toBe('You');
    await expect.poll(() => requestBadge(real.member.page).innerText()).toBe('Open');

    await historyEntry(real.agent.page, memberAnswer).waitFor({ timeout: LIVE_MS });
    expect(await historyEntry(real.agent.page, memberAnswer).locator('strong').innerText()).toBe('Sam Whitfield');
    expect(await historyEntry(real.agent.page, memberAnswer).locator('.tag').innerText()).toBe('Customer');
    await expect.poll(() => detailBadge(real.agent.page).innerText(), { timeout: LIVE_MS }).toBe('Open');
    await expect.poll(() => queueRow(real.agent.page, subject).locator('.badge').innerText(), { timeout: LIVE_MS }).toBe('Open');
    expect(await stillSamePage(real.agent.page)).toBe(true);
    expect(await stillSamePage(real.member.page)).toBe(true);

    await queueRow(real.agent.page, subject).scrollIntoViewIfNeeded(); // the reply moved it to the top of the queue, above where the list was scrolled
    await screenshot(real.agent.page, 'agent-inbox-live');
    await screenshot(real.member.page, 'member-live-reply');
    expect(real.agent.problems).toEqual([]);
    expect(real.member.problems).toEqual([]);
  });
});
