// The Help Center's account API (issue 11): cookie flags, who may call it, bad input, the whole round.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { outboxRows } from '../support/inspect.js';
import { csrfOf as csrfOfBrowser, newLinkMailed } from '../support/portal-browser.js';
import { categoryIds, DEMO_ORIGIN, expectError, submit } from './helpers.js';

const KNOWN = 'ann@example.com';
const STRONG = 'correct horse battery staple';
const API = '/api/v1/sites/demo/portal';

let t: TestApp;
let own: string;
beforeEach(async () => {
  t = await createTestApp();
  own = new URL(t.config.publicUrl).origin;
  const categories = await categoryIds(t.app);
  const sent = await submit(t.app, { categoryId: categories['Billing & payments'], subject: 'Hello', description: 'A question', email: KNOWN, name: 'Ann' });
  expect(sent.statusCode, sent.body).toBe(201);
});
afterEach(() => t.close());

const BROWSER_CSRF = 'csrf-cookie-of-this-browser';
const csrfOf = (held: string) => csrfOfBrowser(t, held);

/** A call as the Help Center page makes it: own origin, CSRF cookie and token; `headers` add cookies or replace the rest. */
function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const { cookie, ...rest } = headers;
  const csrf = csrfOf(BROWSER_CSRF);
  return t.app.inject({
    method,
    url: `${API}${path}`,
    headers: {
      origin: own,
      ...csrf,
      cookie: [csrf.cookie, cookie].filter(Boolean).join('; '),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...rest,
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

const cookiesOf = (response: LightMyRequestResponse): string[] => [response.headers['set-cookie'] ?? []].flat();
const sessionCookie = (response: LightMyRequestResponse) => /porthole_portal=([^;]*)/.exec(cookiesOf(response)[0]!)![1]!;
const withCookie = (token: string) => ({ cookie: `porthole_portal=${token}` });

/** The link mailed to `email` (each test asks for one per address and purpose). */
const mailedToken = (email: string, purpose: 'sign_in' | 'set_password') => newLinkMailed(t, email, purpose, 0);

describe('the portal API', () => {
  it('walks a password round: link, spend, set, sign out, sign in — with the cookie scoped and flagged', async () => {
    const asked = await call('POST', '/links', { email: KNOWN, purpose: 'set_password' });
    const unknown = await call('POST', '/links', { email: 'stranger@example.com', purpose: 'set_password' });
    expect([asked.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(asked.body).toBe(unknown.body);

    const spent = await call('POST', '/links/spend', { token: await mailedToken(KNOWN, 'set_password') });
    expect(spent.statusCode, spent.body).toBe(200);
    expect(spent.json()).toEqual({ email: KNOWN, canSetPassword: true });
    const cookies = cookiesOf(spent);
    expect(cookies).toHaveLength(2);
    expect(cookies.map((cookie) => /Path=([^;]+)/.exec(cookie)![1])).toEqual(['/help/demo', API]);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/); // PUBLIC_URL is http here
    }
    const token = sessionCookie(spent);

    expectError(await call('POST', '/password', { password: 'password1234' }, withCookie(token)), 400, 'validation_failed');
    const set = await call('POST', '/password', { password: STRONG }, withCookie(token));
    expect(set.statusCode, set.body).toBe(200);
    expect((await call('GET', '/session', undefined, withCookie(token))).json()).toEqual({ email: KNOWN, canSetPassword: false });

    const out = await call('DELETE', '/session', undefined, withCookie(token));
    expect(out.statusCode).toBe(204);
    expect(cookiesOf(out).every((cookie) => cookie.startsWith('porthole_portal=;') && cookie.includes('Max-Age=0'))).toBe(true);
    expectError(await call('GET', '/session', undefined, withCookie(token)), 401, 'session_expired');

    expectError(await call('POST', '/session', { email: KNOWN, password: 'not the password' }), 401, 'invalid_credentials');
    const signedIn = await call('POST', '/session', { email: KNOWN, password: STRONG });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect((await call('GET', '/session', undefined, withCookie(sessionCookie(signedIn)))).json()).toEqual({ email: KNOWN, canSetPassword: false });
  });

  it('signs in by emailed link; a reused link is refused with what happened', async () => {
    await call('POST', '/links', { email: KNOWN, purpose: 'sign_in' });
    const token = await mailedToken(KNOWN, 'sign_in');
    const spent = await call('POST', '/links/spend', { token });
    expect(spent.json()).toEqual({ email: KNOWN, canSetPassword: false });
    expectError(await call('POST', '/links/spend', { token }), 410, 'link_used');
    expectError(await call('POST', '/password', { password: STRONG }, withCookie(sessionCookie(spent))), 403, 'password_link_needed');
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    await t.close();
    t = await createTestApp({ publicUrl: 'https://support.example' });
    own = 'https://support.example';
    await t.store.admin.setSignupPolicy((await t.store.sites.findBySlug('demo'))!.id, 'open');
    await call('POST', '/links', { email: KNOWN, purpose: 'sign_in' });
    const spent = await call('POST', '/links/spend', { token: await mailedToken(KNOWN, 'sign_in') });
    expect(spent.statusCode, spent.body).toBe(200);
    for (const cookie of cookiesOf(spent)) expect(cookie).toMatch(/; Secure/);
  });

  it('takes calls only from the Help Center’s own origin (or none), not from host pages the widget may use', async () => {
    for (const origin of [DEMO_ORIGIN, 'https://evil.example']) {
      expectError(await call('POST', '/session', { email: KNOWN, password: STRONG }, { origin }), 403, 'origin_not_allowed');
      expectError(await call('POST', '/links', { email: KNOWN, purpose: 'sign_in' }, { origin }), 403, 'origin_not_allowed');
    }
    const noOrigin = await t.app.inject({
      method: 'POST',
      url: `${API}/links`,
      headers: { 'content-type': 'application/json', ...csrfOf(BROWSER_CSRF) },
      payload: JSON.stringify({ email: KNOWN, purpose: 'sign_in' }),
    });
    expect(noOrigin.statusCode).toBe(202);
  });

  it('refuses every write without the CSRF token of the browser’s own cookie, and stores nothing', async () => {
    const spent = await call('POST', '/links/spend', {
      token: await (async () => (await call('POST', '/links', { email: KNOWN, purpose: 'sign_in' }), mailedToken(KNOWN, 'sign_in')))(),
    });
    const session = withCookie(sessionCookie(spent)).cookie;
    const mailsBefore = (await outboxRows(t.db)).length;
    const forged = [
      { 'x-porthole-csrf': '' },
      { 'x-porthole-csrf': 'made-up' },
      // A token from another browser's page does not go with this browser's cookie.
      { 'x-porthole-csrf': t.app.porthole.csrf.tokenFor('portal', 'another-browser') },
      // The inbox's token for the same value is not the Help Center's.
      { 'x-porthole-csrf': t.app.porthole.csrf.tokenFor('agent', BROWSER_CSRF) },
    ];
    for (const headers of forged) {
      expectError(await call('POST', '/links', { email: KNOWN, purpose: 'sign_in' }, headers), 403, 'csrf_token_invalid');
      expectError(await call('POST', '/session', { email: KNOWN, password: STRONG }, headers), 403, 'csrf_token_invalid');
      expectError(await call('POST', '/member-session', {}, { ...headers, cookie: session }), 403, 'csrf_token_invalid');
      expectError(await call('DELETE', '/session', undefined, { ...headers, cookie: session }), 403, 'csrf_token_invalid');
      expectError(await call('DELETE', '/sessions', undefined, { ...headers, cookie: session }), 403, 'csrf_token_invalid');
    }
    // No CSRF cookie at all: the header alone is nothing.
    const bare = await t.app.inject({
      method: 'POST',
      url: `${API}/links`,
      headers: { origin: own, 'content-type': 'application/json', 'x-porthole-csrf': t.app.porthole.csrf.tokenFor('portal', '') },
      payload: JSON.stringify({ email: KNOWN, purpose: 'sign_in' }),
    });
    expectError(bare, 403, 'csrf_token_invalid');
    expect((await outboxRows(t.db)).length).toBe(mailsBefore);
    expect((await call('GET', '/session', undefined, { cookie: session })).statusCode).toBe(200);
  });

  it('answers bad input with 4xx JSON saying what is wrong, never 500', async () => {
    expectError(await call('POST', '/links', { email: 'nope', purpose: 'sign_in' }), 400, 'validation_failed');
    expect((await call('POST', '/links', { email: KNOWN, purpose: 'become_admin' })).statusCode).toBe(400);
    expect((await call('POST', '/links', '{"email":')).statusCode).toBe(400);
    expect((await call('POST', '/links', { email: KNOWN, purpose: 'sign_in', extra: 1 })).statusCode).toBe(400);
    expect((await call('POST', '/links/spend', { token: 'has spaces in it' })).statusCode).toBe(400);
    expectError(await call('POST', '/links/spend', { token: 'unknown-token' }), 410, 'link_not_found');
    expectError(await call('POST', '/password', { password: STRONG }), 401, 'session_expired');
    expect((await call('POST', '/session', { email: KNOWN })).statusCode).toBe(400);
    expectError(await t.app.inject({ method: 'POST', url: '/api/v1/sites/nowhere/portal/links', headers: { origin: own } }), 404, 'not_found');
    for (const response of [await call('POST', '/links', { email: KNOWN, purpose: 'become_admin' }), await call('POST', '/session', {})]) {
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json().error.message.length).toBeGreaterThan(0);
    }
  });
});
