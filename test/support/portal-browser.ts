/**
 * A browser on the Help Center in tests: it holds what a real one would — the CSRF cookie its page
 * came with and the session cookie — and calls the portal API as the page does (own origin, the
 * page's CSRF token), answered by `app.inject`.
 */
import { expect, vi } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';
import { outboxRows } from './inspect.js';

/** The CSRF cookie a browser got with its Help Center page (`held`), and the token that page carried. */
export const csrfOf = (t: TestApp, held: string) => ({ cookie: `porthole_csrf=${held}`, 'x-porthole-csrf': t.app.porthole.csrf.tokenFor('portal', held) });

export const portalCookieIn = (response: LightMyRequestResponse): string | undefined =>
  [response.headers['set-cookie'] ?? []]
    .flat()
    .map((cookie) => /^porthole_portal=([^;]*)/.exec(cookie)?.[1])
    .find((value) => value !== undefined);

type Purpose = 'sign_in' | 'set_password';

/** The link tokens mailed to `email` for `purpose`, oldest first. */
export const mailedLinks = async (t: TestApp, email: string, purpose: Purpose): Promise<string[]> =>
  (await outboxRows(t.db)).filter((row) => row.toEmail === email && row.kind === `portal_${purpose}`).map((row) => /#token=([\w-]+)/.exec(row.text)![1]!);

/** The token of the link mailed after the first `before`: a link is stored just after the answer to asking for it is sent. */
export async function newLinkMailed(t: TestApp, email: string, purpose: Purpose, before: number): Promise<string> {
  return vi.waitFor(async () => {
    const tokens = await mailedLinks(t, email, purpose);
    expect(tokens.length, `a ${purpose} link mailed to ${email}`).toBeGreaterThan(before);
    return tokens.at(-1)!;
  });
}

export function portalBrowser(t: TestApp, site = 'demo') {
  const held = `csrf-${Math.random().toString(36).slice(2)}`;
  let session: string | undefined;
  const own = new URL(t.config.publicUrl).origin;

  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<LightMyRequestResponse> {
    const csrf = csrfOf(t, held);
    const response = await t.app.inject({
      method,
      url: `/api/v1/sites/${site}/portal/${path}`,
      headers: {
        origin: own,
        'x-porthole-csrf': csrf['x-porthole-csrf'],
        cookie: [csrf.cookie, session && `porthole_portal=${session}`].filter(Boolean).join('; '),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });
    const cookie = portalCookieIn(response);
    if (cookie !== undefined) session = cookie || undefined;
    return response;
  }

  return {
    call,
    /** Asks for a link to `email`, and opens the newest one mailed there. */
    async signInByLink(email: string, purpose: Purpose = 'sign_in'): Promise<LightMyRequestResponse> {
      const before = (await mailedLinks(t, email, purpose)).length;
      expect((await call('POST', 'links', { email, purpose })).statusCode).toBe(202);
      return call('POST', 'links/spend', { token: await newLinkMailed(t, email, purpose, before) });
    },
    /** A member session of the widget's member API for the person this browser is signed in as. */
    async memberToken(): Promise<string> {
      const response = await call('POST', 'member-session', {});
      expect(response.statusCode, response.body).toBe(200);
      return response.json().accessToken;
    },
  };
}
