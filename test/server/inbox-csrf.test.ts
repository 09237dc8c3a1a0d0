/**
 * The inbox app's side of the CSRF token (server/inbox/app/api.ts) against the real server, its
 * fetch a browser with a cookie jar: the token from sign-in goes with every write; when the session
 * changed under the page (signed in again in another tab), a refused write re-reads GET /me once and
 * goes again — but never as someone else than the agent the page shows.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInboxApi } from '../../server/inbox/app/api.js';
import { ApiError } from '../../widget/kit/api-error.js';
import { AGENT_COOKIE, INBOX_SIGNED_IN_COOKIE } from '../../server/auth/agent-auth.js';
import { CSRF_HEADER } from '../../server/auth/csrf.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent, browserFetch, type CookieJar } from '../support/agent-side.js';
import { comments } from '../support/tables.js';
import { categoryIds, submit } from './helpers.js';

const PASSWORD = 'correct horse battery staple';
const RILEY = 'riley@inbox-csrf.example';
const SAM = 'sam@inbox-csrf.example';

let t: TestApp;
let jar: CookieJar;
let number: number;

beforeEach(async () => {
  t = await createTestApp();
  await addDemoAgent(t, RILEY, 'Riley');
  await addDemoAgent(t, SAM, 'Sam');
  jar = new Map();
  const categoryId = (await categoryIds(t.app))['Account & sign-in']!;
  number = (await submit(t.app, { categoryId, subject: 'Locked out', description: 'Help', email: 'pat@customer.example', name: 'Pat' })).json().request.id;
});
afterEach(() => t.close());

/** One tab of the inbox in the shared browser: the app's API, and what it asked the server. */
function tab() {
  const fetch = vi.fn(browserFetch(t, jar));
  vi.stubGlobal('fetch', fetch);
  const api = createInboxApi();
  const calls = () => fetch.mock.calls.map(([url, init]) => `${(init as RequestInit | undefined)?.method ?? 'GET'} ${String(url)}`);
  const sentTokens = () =>
    fetch.mock.calls.map(([, init]) => ((init as RequestInit | undefined)?.headers as Record<string, string> | undefined)?.[CSRF_HEADER]);
  return { api, fetch, calls, sentTokens };
}
/** Makes `page`'s fetch the global one again: each tab's calls go through its own. */
const focus = (page: ReturnType<typeof tab>) => vi.stubGlobal('fetch', page.fetch);

const reply = (body: string) => ({ body, public: true });
const commentBodies = async () => (await t.db.select({ body: comments.body }).from(comments)).map((row) => row.body);

describe('the inbox app and its CSRF token', () => {
  it('keeps the token sign-in answered and sends it with every write, which the server takes', async () => {
    const page = tab();
    const me = await page.api.signIn(RILEY, PASSWORD);
    expect(me.csrfToken).toBeTruthy();
    expect([...jar.keys()].sort()).toEqual([AGENT_COOKIE, INBOX_SIGNED_IN_COOKIE].sort());

    await page.api.addComment(number, reply('From the inbox'));
    await page.api.setStatus(number, 'hold');
    expect(page.sentTokens()).toEqual([undefined, me.csrfToken, me.csrfToken]);
    expect(await commentBodies()).toContain('From the inbox');
  });

  it('after a page load the token comes from GET /me', async () => {
    await tab().api.signIn(RILEY, PASSWORD);
    const reloaded = tab();
    const me = await reloaded.api.me();
    await reloaded.api.addComment(number, reply('After a reload'));
    expect(reloaded.calls()).toEqual(['GET /api/v1/agent/me', `POST /api/v1/agent/requests/${number}/comments`]);
    expect(reloaded.sentTokens()).toEqual([undefined, me.csrfToken]);
  });

  it('signed in again in another tab: the write is refused, GET /me is read once, and the write goes through once', async () => {
    const page = tab();
    const before = await page.api.signIn(RILEY, PASSWORD);
    const other = tab();
    const after = await other.api.signIn(RILEY, PASSWORD);
    expect(after.csrfToken).not.toBe(before.csrfToken);

    focus(page);
    await page.api.addComment(number, reply('Written before the other tab signed in'));
    const comment = `POST /api/v1/agent/requests/${number}/comments`;
    expect(page.calls()).toEqual(['POST /api/v1/agent/session', comment, 'GET /api/v1/agent/me', comment]);
    expect(page.sentTokens()).toEqual([undefined, before.csrfToken, undefined, after.csrfToken]);
    expect((await commentBodies()).filter((body) => body === 'Written before the other tab signed in')).toHaveLength(1);
  });

  it('another agent signed in in another tab: the write is refused and not sent again as them', async () => {
    const page = tab();
    await page.api.signIn(RILEY, PASSWORD);
    await tab().api.signIn(SAM, PASSWORD);

    focus(page);
    const refused = await page.api.addComment(number, reply('Riley’s words')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'csrf_token_invalid' });
    expect(page.calls().slice(1)).toEqual([`POST /api/v1/agent/requests/${number}/comments`, 'GET /api/v1/agent/me']);
    expect(await commentBodies()).not.toContain('Riley’s words');
  });

  it('signing out sends the token and clears the cookies', async () => {
    const page = tab();
    const me = await page.api.signIn(RILEY, PASSWORD);
    await page.api.signOut();
    expect(page.sentTokens()).toEqual([undefined, me.csrfToken]);
    expect([...jar.keys()]).toEqual([]);
  });
});
