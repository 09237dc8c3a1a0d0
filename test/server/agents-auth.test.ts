/**
 * Who may use the support team's API: signing in to the inbox (the cookies, their attributes, wrong
 * passwords, rate limits, login CSRF), personal API tokens, the Origin and CSRF token that cookie
 * writes need, no CORS, the 12-hour idle limit and the 24-hour limit from sign-in, signing out — and that an agent only ever sees their own site,
 * while member and agent credentials are never accepted in each other's place.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { hostToken } from '../support/member-tokens.js';
import { AGENT_COOKIE, INBOX_SIGNED_IN_COOKIE } from '../../server/auth/agent-auth.js';
import { CSRF_HEADER } from '../../server/auth/csrf.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { readConfig } from '../../server/config.js';
import { newId } from '../../server/store/ids.js';
import { firstRow, requestByNumber, siteIdOf } from '../support/inspect.js';
import { agentApiTokens, agentSessions, comments, requests } from '../support/tables.js';
import { categoryIds, expectError, submit } from './helpers.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const PASSWORD = 'correct horse battery staple';

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
});
afterEach(async () => {
  await t.close();
});

// ---- helpers ---------------------------------------------------------------------

async function addAgent(options: { site?: string; email?: string; name?: string; password?: string } = {}): Promise<string> {
  const id = newId('agt');
  await t.store.admin.createAgent({
    removedAt: null,
    id,
    siteId: await siteIdOf(t.db, options.site ?? 'demo'),
    email: options.email ?? 'riley@northwind.example',
    name: options.name ?? 'Riley Chen',
    passwordHash: await hashPassword(options.password ?? PASSWORD),
    createdAt: t.clock.now.toISOString(),
  });
  return id;
}

async function addApiToken(agentId: string): Promise<string> {
  const token = newSecret('pat_');
  await t.store.admin.insertApiToken({
    expiresAt: null,
    id: newId('tok'),
    agentId,
    name: 'script',
    tokenHash: hashSecret(token),
    createdAt: t.clock.now.toISOString(),
  });
  return token;
}

const inboxOrigin = () => new URL(t.config.publicUrl).origin;

function signIn(email: string, password: string, options: { origin?: string | null; remoteAddress?: string } = {}) {
  const origin = options.origin === undefined ? inboxOrigin() : options.origin;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/agent/session',
    headers: { 'content-type': 'application/json', ...(origin !== null && { origin }) },
    payload: JSON.stringify({ email, password }),
    ...(options.remoteAddress && { remoteAddress: options.remoteAddress }),
  });
}

function setCookiesOf(response: LightMyRequestResponse): string[] {
  const header = response.headers['set-cookie'];
  return header === undefined ? [] : Array.isArray(header) ? header : [header];
}
const setCookieOf = (response: LightMyRequestResponse): string | undefined => setCookiesOf(response).join('\n') || undefined;

/** The session token the sign-in put in the cookie. */
function sessionOf(response: LightMyRequestResponse): string {
  expect(response.statusCode, response.body).toBe(200);
  const match = setCookiesOf(response)
    .map((header) => new RegExp(`^${AGENT_COOKIE}=([^;]+);`).exec(header))
    .find(Boolean);
  expect(match, 'a session cookie').toBeDefined();
  return match![1]!;
}

/** A browser signed in to the inbox: the session in its cookie, and the CSRF token sign-in answered the page. */
interface InboxBrowser {
  session: string;
  csrfToken: string;
}
const browserOf = (response: LightMyRequestResponse): InboxBrowser => ({ session: sessionOf(response), csrfToken: response.json().csrfToken });

async function signedInBrowser(email = 'riley@northwind.example', password = PASSWORD): Promise<InboxBrowser> {
  return browserOf(await signIn(email, password));
}
const signedIn = async (email?: string, password?: string) => (await signedInBrowser(email, password)).session;

const cookie = (session: string) => ({ cookie: `${AGENT_COOKIE}=${session}` });
/** What the inbox page sends with every change. */
const inboxWrite = ({ session, csrfToken }: InboxBrowser) => ({
  ...cookie(session),
  origin: inboxOrigin(),
  [CSRF_HEADER]: csrfToken,
  'content-type': 'application/json',
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const me = (headers: Record<string, string>) => t.app.inject({ url: '/api/v1/agent/me', headers });

async function anonymousRequest(site: string, subject: string, email = 'pat@customer.example'): Promise<number> {
  const cats = await categoryIds(t.app, site);
  const categoryId = site === 'demo' ? cats['Account & sign-in']! : cats['Question']!;
  const response = await submit(t.app, { categoryId, subject, description: `About ${subject}`, email, name: 'Pat' }, { site });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

async function memberSession(sub = 'm-ana', email = 'ana@customer.example'): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sites/demo/session',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token: hostToken({ sub, email, name: 'Ana' }, t.clock.now) }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().accessToken;
}

const requestRow = (site: string, number: number) => requestByNumber(t.db, number, site);
const commentCount = () => t.db.$count(comments);
const sessionCount = () => t.db.$count(agentSessions);

// ---- signing in ------------------------------------------------------------------

describe('signing in to the inbox', () => {
  test('email and password set a session cookie for the agent API only (__Secure-, Path=/api/v1/agent, Secure, HttpOnly, SameSite=Strict) that GET /me accepts', async () => {
    await addAgent();
    const response = await signIn('Riley@Northwind.example ', PASSWORD);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().agent).toEqual({
      id: expect.stringMatching(/^agt_/),
      name: 'Riley Chen',
      email: 'riley@northwind.example',
      site: { slug: 'demo', name: 'Northwind Outfitters' },
    });
    const [sessionCookie, signedInMark, formerCookie] = setCookiesOf(response).map((header) => header.split(';').map((part) => part.trim()));
    expect(setCookiesOf(response)).toHaveLength(3);
    expect(sessionCookie![0]).toMatch(new RegExp(`^${AGENT_COOKIE}=[A-Za-z0-9_-]{40,}$`));
    expect(sessionCookie!.slice(1)).toEqual(['Path=/api/v1/agent', 'Secure', 'HttpOnly', 'SameSite=Strict']);
    // The inbox page's mark that someone signed in here: no secret, and sent to the page only.
    expect(signedInMark).toEqual([`${INBOX_SIGNED_IN_COOKIE}=1`, 'Path=/agent', 'Secure', 'HttpOnly', 'SameSite=Strict']);
    // The cookie of before, sent to every page of the origin, is dropped.
    expect(formerCookie).toEqual(['__Host-porthole_agent=', 'Path=/', 'Secure', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0']);
    // Session cookies, for this host only: no Domain, Expires or Max-Age.
    expect(setCookiesOf(response).slice(0, 2).join('\n')).not.toMatch(/domain=|expires=|max-age=/i);

    const session = sessionOf(response);
    const whoAmI = await me(cookie(session));
    expect(whoAmI.statusCode, whoAmI.body).toBe(200);
    expect(whoAmI.json().agent.email).toBe('riley@northwind.example');
    expect(whoAmI.json().categories.map((c: { name: string }) => c.name)).toContain('Account & sign-in');
    // The inbox's attach control keeps to the server's limits (the defaults here).
    expect(whoAmI.json().attachments).toEqual({ perMessage: 10, maxBytes: 20 * 1024 * 1024 });
    // Sign-in and /me hand the page the session's CSRF token, the same each time.
    expect(response.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(whoAmI.json().csrfToken).toBe(response.json().csrfToken);

    // Only a hash of the token is stored.
    const stored = await t.db.select().from(agentSessions);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashSecret(session));
    expect(JSON.stringify(stored)).not.toContain(session);
  });

  test('without a cookie or token GET /me is 401 session_expired', async () => {
    expectError(await me({}), 401, 'session_expired');
    expectError(await me(cookie('not-a-session-we-made')), 401, 'session_expired');
  });

  test('a wrong password is 401 invalid_credentials and sets no cookie; so is an unknown email', async () => {
    await addAgent();
    const wrong = await signIn('riley@northwind.example', 'incorrect horse');
    expectError(wrong, 401, 'invalid_credentials');
    expect(setCookieOf(wrong)).toBeUndefined();

    const unknown = await signIn('nobody@northwind.example', PASSWORD);
    expectError(unknown, 401, 'invalid_credentials');
    expect(setCookieOf(unknown)).toBeUndefined();
    expect(await sessionCount()).toBe(0);
  });

  test('after 10 failed attempts for one email from one address, sign-in there is 429 with Retry-After — even with the right password — until the window passes', async () => {
    await addAgent();
    await addAgent({ email: 'sam@northwind.example', name: 'Sam' });
    for (let attempt = 1; attempt <= 10; attempt += 1) expectError(await signIn('riley@northwind.example', `guess-${attempt}`), 401, 'invalid_credentials');

    const limited = await signIn('riley@northwind.example', PASSWORD);
    expectError(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(setCookieOf(limited)).toBeUndefined();
    expect(await sessionCount()).toBe(0);

    // A colleague at the same address is not locked out by someone else's typos.
    expect((await signIn('sam@northwind.example', PASSWORD)).statusCode).toBe(200);

    t.clock.advance(retryAfter * 1000);
    expect((await signIn('riley@northwind.example', PASSWORD)).statusCode).toBe(200);
  });

  test('after 20 failed attempts from one address, that address is 429 for every email; other addresses are not', async () => {
    await addAgent();
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      expectError(await signIn(`guess-${attempt}@northwind.example`, 'nope', { remoteAddress: '203.0.113.9' }), 401, 'invalid_credentials');
    }
    const limited = await signIn('riley@northwind.example', PASSWORD, { remoteAddress: '203.0.113.9' });
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn('riley@northwind.example', PASSWORD, { remoteAddress: '198.51.100.7' })).statusCode).toBe(200);
  });

  test('400 guesses sent at once from one address: only 10 passwords are checked, the other 390 are 429; the agent still signs in from elsewhere', async () => {
    await addAgent();
    const guesses = await Promise.all(
      Array.from({ length: 400 }, (_, i) => signIn('riley@northwind.example', `guess-${i}`, { remoteAddress: '203.0.113.66' })),
    );
    const codes = guesses.map((response) => response.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(10);
    expect(codes.filter((code) => code === 429)).toHaveLength(390);
    expect(sessionOf(await signIn('riley@northwind.example', PASSWORD, { remoteAddress: '198.51.100.7' }))).toBeTruthy();
  }, 60_000);

  test('guessing at one agent from many addresses is slowed down to a guess a minute, and makes the agent wait a minute at most, never ten', async () => {
    await addAgent();
    // Eight minutes of guessing, one guess every 5 seconds from 25 addresses in turn.
    const checked: number[] = [];
    for (let guess = 0; guess < 100; guess += 1) {
      t.clock.advance(5000);
      const response = await signIn('riley@northwind.example', `guess-${guess}`, { remoteAddress: `203.0.113.${guess % 25}` });
      expect([401, 429]).toContain(response.statusCode);
      if (response.statusCode === 401) checked.push(guess);
    }
    const waiting = await signIn('riley@northwind.example', PASSWORD, { remoteAddress: '198.51.100.7' });
    expectError(waiting, 429, 'rate_limited');
    const retryAfter = Number(waiting.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    t.clock.advance(retryAfter * 1000);
    expect(sessionOf(await signIn('riley@northwind.example', PASSWORD, { remoteAddress: '198.51.100.7' }))).toBeTruthy();

    // Meanwhile the guesser got 20 guesses, then one per pause, each pause twice the last, up to a
    // minute: by the last four minutes, one guess a minute.
    expect(checked.length).toBeGreaterThan(20);
    expect(checked.filter((guess) => guess >= 100 - 48).length).toBeLessThanOrEqual(5);
  }, 60_000);

  test('a sign-in posted from a foreign Origin (even a site’s allowed one) is 403 and starts no session; a program sending no Origin may sign in', async () => {
    await addAgent();
    for (const origin of ['https://attacker.example', DEMO_ORIGIN, 'null', 'http://localhost:3001']) {
      const response = await signIn('riley@northwind.example', PASSWORD, { origin });
      expectError(response, 403, 'origin_not_allowed');
      expect(setCookieOf(response)).toBeUndefined();
    }
    expect(await sessionCount()).toBe(0);
    expect((await signIn('riley@northwind.example', PASSWORD, { origin: null })).statusCode).toBe(200);
    expect(await sessionCount()).toBe(1);
  });
});

// ---- API tokens -----------------------------------------------------------------

describe('personal API tokens', () => {
  test('Authorization: Bearer pat_… works for reading and for changes, without Origin or a CSRF token — even from a foreign Origin', async () => {
    const agentId = await addAgent();
    const token = await addApiToken(agentId);
    const number = await anonymousRequest('demo', 'Token reply');

    const whoAmI = await me(bearer(token));
    expect(whoAmI.statusCode, whoAmI.body).toBe(200);
    expect(whoAmI.json().agent.email).toBe('riley@northwind.example');
    // No cookie, nothing a browser could add on its own: so no CSRF token either.
    expect(whoAmI.json()).not.toHaveProperty('csrfToken');

    for (const headers of [{}, { origin: 'https://attacker.example' }]) {
      const reply = await t.app.inject({
        method: 'POST',
        url: `/api/v1/agent/requests/${number}/comments`,
        headers: { ...bearer(token), ...headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ body: 'Sent by a script', public: true }),
      });
      expect(reply.statusCode, reply.body).toBe(201);
    }
    const status = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agent/requests/${number}/status`,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify({ status: 'hold' }),
    });
    expect(status.statusCode, status.body).toBe(200);
    expect((await requestRow('demo', number)).status).toBe('hold');
    expect((await firstRow(t.db.select().from(agentApiTokens)))!.lastUsedAt).toBe(t.clock.now.toISOString());
  });

  test('a wrong, malformed or non-pat bearer token is 401, and never falls back to the cookie', async () => {
    const agentId = await addAgent();
    await addApiToken(agentId);
    const session = await signedIn();
    for (const value of [newSecret('pat_'), 'pat_short', session, `pat_${'x'.repeat(200)}`]) {
      expectError(await me(bearer(value)), 401, 'session_expired');
      expectError(await me({ ...bearer(value), ...cookie(session) }), 401, 'session_expired');
    }
    expectError(await me({ authorization: 'Basic cmlsZXk6cGFzcw==' }), 401, 'session_expired');
  });
});

// ---- cookie writes ---------------------------------------------------------------

describe('changes made with the inbox cookie', () => {
  /** Each way a forged or stale write may arrive, and the refusal it gets. */
  const attempts = (browser: InboxBrowser, otherBrowser: InboxBrowser): [string, Record<string, string>, string][] => {
    const { [CSRF_HEADER]: _token, ...noToken } = inboxWrite(browser);
    return [
      ['no CSRF token', noToken, 'csrf_token_missing'],
      ['an empty CSRF token', { ...noToken, [CSRF_HEADER]: '' }, 'csrf_token_invalid'],
      ['a wrong CSRF token', { ...noToken, [CSRF_HEADER]: browser.csrfToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, 'csrf_token_invalid'],
      ['another session’s CSRF token', { ...noToken, [CSRF_HEADER]: otherBrowser.csrfToken }, 'csrf_token_invalid'],
      ['the session token as the CSRF token', { ...noToken, [CSRF_HEADER]: browser.session }, 'csrf_token_invalid'],
      ['the old inbox header instead of the token', { ...noToken, 'x-porthole-agent': '1' }, 'csrf_token_missing'],
      ['a foreign Origin', { ...inboxWrite(browser), origin: 'https://attacker.example' }, 'origin_not_allowed'],
      ['a site’s allowed Origin', { ...inboxWrite(browser), origin: DEMO_ORIGIN }, 'origin_not_allowed'],
      ['no Origin', (({ origin: _origin, ...rest }) => rest)(inboxWrite(browser)), 'origin_not_allowed'],
    ];
  };

  test('a reply or status change without this session’s CSRF token, or from a foreign or absent Origin, is 403 and changes nothing', async () => {
    await addAgent();
    await addAgent({ email: 'sam@northwind.example', name: 'Sam' });
    const browser = await signedInBrowser();
    const [sameAgentElsewhere, colleague] = [await signedInBrowser(), await signedInBrowser('sam@northwind.example')];
    const number = await anonymousRequest('demo', 'CSRF target');
    const before = await requestRow('demo', number);
    const comments = await commentCount();

    for (const other of [sameAgentElsewhere, colleague]) {
      for (const [label, headers, code] of attempts(browser, other)) {
        const reply = await t.app.inject({
          method: 'POST',
          url: `/api/v1/agent/requests/${number}/comments`,
          headers,
          payload: JSON.stringify({ body: 'forged', public: true }),
        });
        expect(reply.statusCode, label).toBe(403);
        expectError(reply, 403, code);
        const status = await t.app.inject({
          method: 'POST',
          url: `/api/v1/agent/requests/${number}/status`,
          headers,
          payload: JSON.stringify({ status: 'solved' }),
        });
        expect(status.statusCode, label).toBe(403);
        expectError(status, 403, code);
      }
    }
    expect(await commentCount()).toBe(comments);
    expect(await requestRow('demo', number)).toEqual(before);

    // The same change from the inbox page goes through, with the token from sign-in or from GET /me.
    const fromMe = { ...browser, csrfToken: (await me(cookie(browser.session))).json().csrfToken };
    for (const [n, page] of [browser, fromMe].entries()) {
      const ok = await t.app.inject({
        method: 'POST',
        url: `/api/v1/agent/requests/${number}/comments`,
        headers: inboxWrite(page),
        payload: JSON.stringify({ body: `real ${n}`, public: true }),
      });
      expect(ok.statusCode, ok.body).toBe(201);
    }
    expect(await commentCount()).toBe(comments + 2);
  });

  test('signing out without this session’s CSRF token or from a foreign Origin is 403 and the session goes on', async () => {
    await addAgent();
    const browser = await signedInBrowser();
    const other = await signedInBrowser();
    for (const [label, headers, code] of attempts(browser, other)) {
      const { 'content-type': _ignored, ...noBody } = headers;
      const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/agent/session', headers: noBody });
      expectError(response, 403, code);
      expect(setCookieOf(response), label).toBeUndefined();
    }
    expect((await me(cookie(browser.session))).statusCode).toBe(200);
    expect(await sessionCount()).toBe(2);
  });

  test('reading needs no CSRF token: GET requests with the cookie alone answer', async () => {
    await addAgent();
    const session = await signedIn();
    const number = await anonymousRequest('demo', 'Read with the cookie');
    expect((await t.app.inject({ url: '/api/v1/agent/requests', headers: cookie(session) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/agent/requests/${number}`, headers: cookie(session) })).statusCode).toBe(200);
  });
});

// ---- CORS -----------------------------------------------------------------------

describe('CORS', () => {
  test('agent routes send no CORS headers, even for a site’s allowed origin, and answer no preflight', async () => {
    const agentId = await addAgent();
    const token = await addApiToken(agentId);
    // The widget's routes do answer that origin: the difference is deliberate.
    const widget = await t.app.inject({ url: '/api/v1/sites/demo/config', headers: { origin: DEMO_ORIGIN } });
    expect(widget.headers['access-control-allow-origin']).toBe(DEMO_ORIGIN);

    const responses = [
      await t.app.inject({ url: '/api/v1/agent/me', headers: { ...bearer(token), origin: DEMO_ORIGIN } }),
      await t.app.inject({ url: '/api/v1/agent/requests', headers: { ...bearer(token), origin: DEMO_ORIGIN } }),
      await signIn('riley@northwind.example', PASSWORD, { origin: DEMO_ORIGIN }),
      await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/agent/session',
        headers: { origin: DEMO_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type,${CSRF_HEADER}` },
      }),
      await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/agent/requests/1001/comments',
        headers: { origin: inboxOrigin(), 'access-control-request-method': 'POST', 'access-control-request-headers': CSRF_HEADER },
      }),
    ];
    for (const response of responses) {
      const cors = Object.keys(response.headers).filter((name) => name.startsWith('access-control-'));
      expect(cors, `${response.statusCode} ${response.body}`).toEqual([]);
    }
    expect(responses[3]!.statusCode).toBeGreaterThanOrEqual(400);
    expect(responses[4]!.statusCode).toBeGreaterThanOrEqual(400);
  });
});

// ---- idle sessions and signing out -------------------------------------------------

describe('session lifetime', () => {
  test('a session idle for more than 12 hours is 401 session_expired', async () => {
    await addAgent();
    const session = await signedIn();
    t.clock.advance(12 * HOUR + 1000);
    expectError(await me(cookie(session)), 401, 'session_expired');
    // Every route refuses it, not just /me.
    expectError(await t.app.inject({ url: '/api/v1/agent/requests', headers: cookie(session) }), 401, 'session_expired');
  });

  test('a session used within every 12 hours keeps going past 12 hours from sign-in', async () => {
    await addAgent();
    const session = await signedIn();
    t.clock.advance(11 * HOUR + 59 * MINUTE);
    expect((await me(cookie(session))).statusCode).toBe(200);
    t.clock.advance(11 * HOUR + 59 * MINUTE);
    expect((await me(cookie(session))).statusCode, 'used 23 h 58 min after signing in').toBe(200);
    t.clock.advance(12 * HOUR + 1000);
    expectError(await me(cookie(session)), 401, 'session_expired');
  });

  test('however busy, a session ends 24 hours after sign-in — on every route — and signing in again starts a new one', async () => {
    await addAgent();
    const session = await signedIn();
    for (let minutes = 0; minutes < 24 * 60 - 30; minutes += 30) {
      t.clock.advance(30 * MINUTE);
      expect((await me(cookie(session))).statusCode, `${minutes + 30} min after signing in`).toBe(200);
    }
    t.clock.advance(30 * MINUTE);
    expectError(await me(cookie(session)), 401, 'session_expired');
    expectError(await t.app.inject({ url: '/api/v1/agent/requests', headers: cookie(session) }), 401, 'session_expired');
    expect((await me(cookie(await signedIn()))).statusCode).toBe(200);
  });

  test('the live stream of a session or token ends when the session or token does, not 12 hours on', async () => {
    const agentId = await addAgent();
    const session = await signedIn();
    const token = newSecret('pat_');
    await t.store.admin.insertApiToken({
      id: newId('tok'),
      agentId,
      name: 'script',
      tokenHash: hashSecret(token),
      createdAt: t.clock.now.toISOString(),
      expiresAt: new Date(t.clock.now.getTime() + 23 * HOUR).toISOString(),
    });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    /** Opens the agent stream and says whether the server ends it within `ms` of real time. */
    const endsWithin = async (headers: Record<string, string>, ms: number) => {
      const response = await fetch(`${base}/api/v1/agent/events`, { headers });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const timer = new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms));
      const ended = (async () => {
        while (!(await reader.read()).done);
        return 'ended' as const;
      })();
      const outcome = await Promise.race([ended, timer]);
      await reader.cancel().catch(() => undefined);
      return outcome === 'ended';
    };

    for (const _ of [1, 2]) {
      t.clock.advance(11 * HOUR);
      expect((await me(cookie(session))).statusCode).toBe(200);
    }
    // 400 ms before the token expires, 23 hours after it was made.
    t.clock.advance(HOUR - 400);
    expect(await endsWithin(bearer(token), 3000), 'token stream').toBe(true);
    // 400 ms before the session's 24 hours are up.
    t.clock.advance(HOUR);
    expect(await endsWithin(cookie(session), 3000), 'session stream').toBe(true);
  }, 15_000);

  test('an open live stream ends within 5 s of its token being revoked or a password reset ending its session, and watching is no use of the session', async () => {
    const agentId = await addAgent();
    const session = await signedIn();
    const tokenId = newId('tok');
    const token = newSecret('pat_');
    await t.store.admin.insertApiToken({
      expiresAt: null,
      id: tokenId,
      agentId,
      name: 'script',
      tokenHash: hashSecret(token),
      createdAt: t.clock.now.toISOString(),
    });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    /** Opens the agent stream; `ended` resolves with the (real) time the server ended it. */
    const open = async (headers: Record<string, string>) => {
      const response = await fetch(`${base}/api/v1/agent/events`, { headers });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const ended = (async () => {
        while (!(await reader.read()).done);
        return Date.now();
      })();
      return { ended };
    };
    const [tokenStream, sessionStream] = [(await open(bearer(token))).ended, (await open(cookie(session))).ended];
    const lastSeen = async () => (await firstRow(t.db.select({ at: agentSessions.lastSeenAt }).from(agentSessions)))!.at;
    const seenBefore = await lastSeen();
    // The stream re-checks its credential every 5 s; that check is not a use that keeps a session from going idle.
    t.clock.advance(MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(await lastSeen()).toBe(seenBefore);

    const revokedAt = Date.now();
    expect((await t.store.admin.revokeApiToken(tokenId, t.clock.now.toISOString())).kind).toBe('revoked');
    await t.store.admin.resetPassword(agentId, await hashPassword('a new password for the agent'));
    const [tokenEnded, sessionEnded] = await Promise.all([tokenStream, sessionStream]);
    expect(tokenEnded - revokedAt).toBeLessThan(5_500);
    expect(sessionEnded - revokedAt).toBeLessThan(5_500);
  }, 20_000);

  test('AGENT_SESSION_MAX_HOURS sets that limit', async () => {
    await t.close();
    t = await createTestApp({ agentSessionMaxHours: 2 });
    await addAgent();
    const session = await signedIn();
    t.clock.advance(HOUR + 59 * MINUTE);
    expect((await me(cookie(session))).statusCode).toBe(200);
    t.clock.advance(MINUTE);
    expectError(await me(cookie(session)), 401, 'session_expired');
    expect(readConfig({ AGENT_SESSION_MAX_HOURS: '168' }).agentSessionMaxHours).toBe(168);
    expect(readConfig({}).agentSessionMaxHours).toBe(24);
    for (const value of ['0', '-1', '1.5', 'a day']) expect(() => readConfig({ AGENT_SESSION_MAX_HOURS: value }), value).toThrow(/AGENT_SESSION_MAX_HOURS/);
  });

  test('signing out (DELETE session) clears the cookies, the one from before the move too, and ends that session only', async () => {
    await addAgent();
    const browser = await signedInBrowser();
    const session = browser.session;
    const otherDevice = await signedIn();

    const { 'content-type': _noBody, ...headers } = inboxWrite(browser);
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/agent/session', headers });
    expect(response.statusCode, response.body).toBe(204);
    expect(setCookiesOf(response)).toEqual([
      `${AGENT_COOKIE}=; Path=/api/v1/agent; Secure; HttpOnly; SameSite=Strict; Max-Age=0`,
      `${INBOX_SIGNED_IN_COOKIE}=; Path=/agent; Secure; HttpOnly; SameSite=Strict; Max-Age=0`,
      '__Host-porthole_agent=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0',
    ]);

    expectError(await me(cookie(session)), 401, 'session_expired');
    expect(
      await firstRow(
        t.db
          .select()
          .from(agentSessions)
          .where(eq(agentSessions.tokenHash, hashSecret(session))),
      ),
    ).toBeUndefined();
    expect((await me(cookie(otherDevice))).statusCode).toBe(200);
  });
});

// ---- one site only -------------------------------------------------------------------

describe('an agent works for one site', () => {
  test('an agent of demo gets 404 for a starter request number — reading, replying, setting status — and the starter request is untouched', async () => {
    const agentId = await addAgent();
    const token = await addApiToken(agentId);
    const browser = await signedInBrowser();
    // starter #1001 and #1002; demo has only #1001.
    await anonymousRequest('starter', 'Starter one');
    const starterOnly = await anonymousRequest('starter', 'Starter two');
    const demoNumber = await anonymousRequest('demo', 'Demo one');
    expect([starterOnly, demoNumber]).toEqual([1002, 1001]);
    const starterBefore = await requestRow('starter', starterOnly);
    const comments = await commentCount();

    for (const headers of [bearer(token), inboxWrite(browser)]) {
      const json = { ...headers, 'content-type': 'application/json' };
      expectError(await t.app.inject({ url: `/api/v1/agent/requests/${starterOnly}`, headers }), 404, 'not_found');
      expectError(
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/agent/requests/${starterOnly}/comments`,
          headers: json,
          payload: JSON.stringify({ body: 'Hello', public: true }),
        }),
        404,
        'not_found',
      );
      expectError(
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/agent/requests/${starterOnly}/comments`,
          headers: json,
          payload: JSON.stringify({ body: 'Note', public: false }),
        }),
        404,
        'not_found',
      );
      expectError(
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/agent/requests/${starterOnly}/status`,
          headers: json,
          payload: JSON.stringify({ status: 'solved' }),
        }),
        404,
        'not_found',
      );
    }
    expect(await requestRow('starter', starterOnly)).toEqual(starterBefore);
    expect(await commentCount()).toBe(comments);

    // The number both sites have means the agent's own site's request.
    const own = await t.app.inject({ url: '/api/v1/agent/requests/1001', headers: bearer(token) });
    expect(own.statusCode).toBe(200);
    expect(own.json().request.subject).toBe('Demo one');
  });

  test('the starter queue never appears in a demo agent’s queue, whatever the filter or search', async () => {
    const agentId = await addAgent();
    const token = await addApiToken(agentId);
    const starterAgent = await addAgent({ site: 'starter', email: 'pebble@pebble.example', name: 'Pebble Agent' });
    const starterToken = await addApiToken(starterAgent);
    await anonymousRequest('starter', 'Starter secret one', 'shared@customer.example');
    await anonymousRequest('starter', 'Starter secret two', 'shared@customer.example');
    await anonymousRequest('demo', 'Demo visible', 'shared@customer.example');

    const queries = ['', '?q=Starter', '?q=shared%40customer.example', '?q=%231002', '?q=1002', '?status=new', '?unanswered=true', '?limit=50'];
    for (const query of queries) {
      const response = await t.app.inject({ url: `/api/v1/agent/requests${query}`, headers: bearer(token) });
      expect(response.statusCode, response.body).toBe(200);
      const subjects = response.json().requests.map((r: { subject: string }) => r.subject);
      expect(
        subjects.filter((s: string) => s.startsWith('Starter')),
        query,
      ).toEqual([]);
      expect(response.body).not.toContain('Starter secret');
    }
    const all = await t.app.inject({ url: '/api/v1/agent/requests', headers: bearer(token) });
    expect(all.json().requests.map((r: { subject: string }) => r.subject)).toEqual(['Demo visible']);

    const theirs = await t.app.inject({ url: '/api/v1/agent/requests', headers: bearer(starterToken) });
    expect(
      theirs
        .json()
        .requests.map((r: { subject: string }) => r.subject)
        .sort(),
    ).toEqual(['Starter secret one', 'Starter secret two']);
  });
});

// ---- credentials do not cross over ------------------------------------------------

describe('member and agent credentials are not interchangeable', () => {
  test('member session tokens and host tokens are refused on agent routes', async () => {
    await addAgent();
    const memberToken = await memberSession();
    const host = hostToken({ sub: 'm-bo', email: 'bo@customer.example' }, t.clock.now);
    const number = await anonymousRequest('demo', 'Member tries the inbox');
    for (const token of [memberToken, host]) {
      expectError(await me(bearer(token)), 401, 'session_expired');
      expectError(await t.app.inject({ url: '/api/v1/agent/requests', headers: bearer(token) }), 401, 'session_expired');
      expectError(await t.app.inject({ url: `/api/v1/agent/requests/${number}`, headers: bearer(token) }), 401, 'session_expired');
      const reply = await t.app.inject({
        method: 'POST',
        url: `/api/v1/agent/requests/${number}/comments`,
        headers: { ...bearer(token), 'content-type': 'application/json' },
        payload: JSON.stringify({ body: 'I am an agent now', public: true }),
      });
      expectError(reply, 401, 'session_expired');
      // A member token in the cookie is no session either.
      expectError(await me(cookie(token)), 401, 'session_expired');
    }
    expect((await requestRow('demo', number)).status).toBe('new');
  });

  test('agent API tokens and inbox cookies are refused on member routes, and a submit with one is not taken as anonymous', async () => {
    const agentId = await addAgent();
    const token = await addApiToken(agentId);
    const session = await signedIn();
    const number = await anonymousRequest('demo', 'Agent tries the widget', 'riley@northwind.example');
    const cats = await categoryIds(t.app);
    const requestsBefore = await t.db.$count(requests);

    for (const headers of [bearer(token), bearer(session)]) {
      expectError(await t.app.inject({ url: '/api/v1/sites/demo/requests', headers }), 401, 'session_expired');
      expectError(await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers }), 401, 'session_expired');
      expectError(await t.app.inject({ url: '/api/v1/sites/demo/requests/summary', headers }), 401, 'session_expired');
      expectError(
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/sites/demo/requests/${number}/comments`,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: JSON.stringify({ body: 'x' }),
        }),
        401,
        'session_expired',
      );
      expectError(
        await submit(t.app, { categoryId: cats['Account & sign-in'], subject: 'Via agent token', description: 'x' }, { headers }),
        401,
        'session_expired',
      );
    }
    // The cookie alone means nothing to the widget's routes.
    expectError(await t.app.inject({ url: '/api/v1/sites/demo/requests', headers: cookie(session) }), 401, 'session_expired');
    expect(await t.db.$count(requests)).toBe(requestsBefore);
  });
});
