// Two support servers on one PostgreSQL database, as behind a load balancer (issue 10): the demo host
// embeds the widget from instance A, and Riley's inbox is open on instance B, a process of its own.
// Sam keeps his tent question open in the widget; Riley answers it on B and Sam's panel on A shows the
// reply without a reload; Sam then sends a new request on A and it appears in Riley's open queue on B.
// Neither browser ever talks to the other instance: what crosses goes through the database and
// LISTEN/NOTIFY. Real Chromium against real servers.
import { beforeAll, describe, expect, it } from 'vitest';
import { markPage, screenshot, stillSamePage } from './support/browser.js';
import { aMemberAndAnAgent } from './support/lifecycle.js';
import { demoMembers, message, openRequest, openYourRequests, panel, requestBadge, sendRequest, signInAs } from './support/widget.js';
import { detailBadge, openFromQueue, queueRow, sendPublicReply, signInToInbox } from './support/inbox.js';

/** Sam's seeded request, Open with his question last. */
const tentQuestion = 'Is the Ridgeline 2 UL warm enough for late-season trips?';
const marker = `PH-${Date.now().toString(36)}`;
const agentReply = `Hi Sam, it is rated to -2 °C; add the winter liner below that. ${marker}-agent`;
const newSubject = `Stove fuel canister will not seal ${marker}`;
/** How long a change may take to cross from one instance to the other and reach the open page. */
const LIVE_MS = 5_000;

const real = aMemberAndAnAgent({ instances: 2 });
/** Origins each page sent requests to. */
const reached = { member: new Set<string>(), agent: new Set<string>() };
let tentNumber = 0;

beforeAll(async () => {
  real.member.page.on('request', (request) => reached.member.add(new URL(request.url()).origin));
  real.agent.page.on('request', (request) => reached.agent.add(new URL(request.url()).origin));
});

const instanceA = () => real.servers.support.url;
const instanceB = () => real.servers.secondInstance!.url;

describe('the widget on instance A, the inbox on instance B', () => {
  it('Sam opens his tent question in the widget, served by instance A, and keeps it open', async () => {
    expect(new URL(instanceA()).origin).not.toBe(new URL(instanceB()).origin);
    await signInAs(real.member.page, real.servers.demo.url, demoMembers.sam);
    await openYourRequests(real.member.page, 'Sam Whitfield');
    await panel(real.member.page).locator('#ph-request-list[aria-busy="false"]').waitFor();
    await openRequest(real.member.page, tentQuestion);
    tentNumber = Number(/Request #(\d+)/.exec(await panel(real.member.page).locator('.request-meta').innerText())?.[1]);
    expect(tentNumber).toBeGreaterThan(0);
    expect(await requestBadge(real.member.page).innerText()).toBe('Open');
    await markPage(real.member.page);
    expect(real.member.problems).toEqual([]);
  });

  it('Riley answers it in the inbox on instance B', async () => {
    await signInToInbox(real.agent.page, instanceB());
    await openFromQueue(real.agent.page, tentQuestion, tentNumber);
    await markPage(real.agent.page);
    await sendPublicReply(real.agent.page, agentReply);
    expect(await detailBadge(real.agent.page).innerText()).toBe('Pending');
    expect(real.agent.problems).toEqual([]);
  });

  it('Sam’s open panel on A shows the reply from B and “Awaiting your reply” without a reload', async () => {
    await message(real.member.page, agentReply).waitFor({ timeout: LIVE_MS });
    expect(await message(real.member.page, agentReply).locator('.message-author strong').innerText()).toBe('Riley Chen');
    await expect.poll(() => requestBadge(real.member.page).innerText(), { timeout: LIVE_MS }).toBe('Awaiting your reply');
    expect(await stillSamePage(real.member.page)).toBe(true);
    await message(real.member.page, agentReply).scrollIntoViewIfNeeded(); // the thread opens at its top
    await screenshot(real.member.page, 'two-instances-reply-on-a');
    expect(real.member.problems).toEqual([]);
  });

  it('a request Sam sends on A appears in Riley’s open queue on B without a reload', async () => {
    await panel(real.member.page).getByRole('button', { name: 'Back' }).click();
    await panel(real.member.page).getByRole('button', { name: 'Back' }).click();
    await panel(real.member.page).getByRole('button', { name: 'Contact us' }).click();
    const number = await sendRequest(real.member.page, {
      category: 'Billing & payments',
      subject: newSubject,
      description: 'The new canister hisses when screwed onto the Pocket Rocket.',
    });
    expect(number).toBeGreaterThan(tentNumber);

    await queueRow(real.agent.page, newSubject).waitFor({ timeout: LIVE_MS });
    expect(await queueRow(real.agent.page, newSubject).innerText()).toContain(`#${number}`);
    expect(await queueRow(real.agent.page, newSubject).locator('.badge').innerText()).toBe('New');
    expect(await stillSamePage(real.agent.page)).toBe(true);

    await screenshot(real.member.page, 'two-instances-member-on-a');
    await queueRow(real.agent.page, newSubject).scrollIntoViewIfNeeded();
    await screenshot(real.agent.page, 'two-instances-inbox-on-b');
    expect(real.member.problems).toEqual([]);
    expect(real.agent.problems).toEqual([]);
  });

  it('each browser talked to its own instance only', () => {
    expect(reached.member).toContain(new URL(instanceA()).origin);
    expect(reached.member).not.toContain(new URL(instanceB()).origin);
    expect(reached.agent).toContain(new URL(instanceB()).origin);
    expect(reached.agent).not.toContain(new URL(instanceA()).origin);
  });
});
