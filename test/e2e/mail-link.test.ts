// The link in a customer's mail, in real Chromium against real servers: the demo host opened at
// `#porthole=request/N&t=…` shows that request (and drops the fragment from the address bar), hears
// live of an agent's reply to it and not of the same customer's other request, and asks the
// server for nothing a mail link's session is refused (lists, the badge count).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { and, asc, eq } from 'drizzle-orm';
import { launchBrowser, watchProblems } from './support/browser.js';
import { startServers, type Servers } from './support/servers.js';
import { firstRow, siteBySlug } from '../support/inspect.js';
import { endUsers, requests } from '../support/tables.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { newId } from '../../server/store/ids.js';

/** Two of Sam's seeded requests: the mail's link is for the first. */
const linkedSubject = 'Is the Ridgeline 2 UL warm enough for late-season trips?';
const LIVE_MS = 5_000;

let servers: Servers;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];
/** Every call the page made to the support server's API, as "METHOD path → status". */
const apiCalls: string[] = [];

beforeAll(async () => {
  servers = await startServers();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  problems = watchProblems(page);
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) apiCalls.push(`${response.request().method()} ${url.pathname} → ${response.status()}`);
  });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await servers?.close();
});

const panel = () => page.getByRole('dialog');
const message = (text: string) => panel().locator('.thread .message').filter({ hasText: text });

async function seeded() {
  const { db } = servers;
  const site = await siteBySlug(db, 'demo');
  const linked = (await firstRow(
    db
      .select()
      .from(requests)
      .where(and(eq(requests.siteId, site.id), eq(requests.subject, linkedSubject))),
  ))!;
  const other = (
    await db
      .select()
      .from(requests)
      .where(and(eq(requests.siteId, site.id), eq(requests.requesterId, linked.requesterId)))
      .orderBy(asc(requests.id))
  ).find((r) => r.id !== linked.id)!;
  return { site, linked, other };
}

async function agentReply(number: number, body: string) {
  const { store } = servers.support.app.porthole;
  const { site } = await seeded();
  const id = newId('agt');
  await store.admin.createAgent({
    removedAt: null,
    id,
    siteId: site.id,
    email: `${id}@northwind.example`,
    name: 'Riley Chen',
    passwordHash: null,
    createdAt: new Date().toISOString(),
  });
  const token = newSecret('pat_');
  await store.admin.insertApiToken({
    expiresAt: null,
    id: newId('tok'),
    agentId: id,
    name: 'e2e',
    tokenHash: hashSecret(token),
    createdAt: new Date().toISOString(),
  });
  const response = await fetch(`${servers.support.url}/api/v1/agent/requests/${number}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ body, public: true }),
  });
  expect(response.status).toBe(201);
}

describe('the link in a customer’s mail', () => {
  it('opens the request on the host page, drops the token from the address bar, and hears only of that request', async () => {
    const { site, linked, other } = await seeded();
    // Sam is the host's member: his mail's link opens the host page (anyone else's, the Help Center).
    const sam = (await firstRow(servers.db.select().from(endUsers).where(eq(endUsers.id, linked.requesterId))))!;
    expect(sam.externalId).not.toBeNull();
    const link = servers.support.app.porthole.links.customer(site, sam, linked.number);
    await page.goto(link);
    await expect
      .poll(() =>
        panel()
          .locator('#ph-request-title')
          .innerText()
          .catch(() => ''),
      )
      .toBe(linkedSubject);
    expect(new URL(page.url()).hash).toBe('');
    await expect.poll(() => apiCalls).toContain('GET /api/v1/sites/demo/events → 200');

    const marker = `PH-${Date.now().toString(36)}`;
    await agentReply(other.number, `About your other request ${marker}`);
    await agentReply(linked.number, `About this one ${marker}`);
    await message(`About this one ${marker}`).waitFor({ timeout: LIVE_MS });

    expect(apiCalls.filter((call) => call.includes(`/requests/${other.number}`))).toEqual([]);
    // No list, no badge count — and nothing refused.
    expect(apiCalls.filter((call) => /\/requests(\/summary)?(\?| )/.test(call))).toEqual([]);
    expect(apiCalls.filter((call) => / → [45]\d\d$/.test(call))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
