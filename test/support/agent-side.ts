/**
 * The support team's side in tests: an agent of the demo site with an API token, the inbox's fetch
 * answered by the real app (as a program with the token, or as a browser with cookies), and the
 * element the inbox app renders into under happy-dom.
 */
import { render } from 'preact';
import { vi } from 'vitest';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { newId } from '../../server/store/ids.js';
import { siteIdOf } from './inspect.js';
import type { TestApp } from './test-app.js';

/** Adds an agent to the demo site and returns a personal API token (`Authorization: Bearer pat_…`) for them. */
export async function addDemoAgent(t: TestApp, email: string, name = 'Riley'): Promise<string> {
  const siteId = await siteIdOf(t.db, 'demo');
  const agentId = newId('agt');
  const createdAt = t.clock.now.toISOString();
  await t.store.admin.createAgent({
    removedAt: null,
    id: agentId,
    siteId,
    email,
    name,
    passwordHash: await hashPassword('correct horse battery staple'),
    createdAt,
  });
  const token = newSecret('pat_');
  await t.store.admin.insertApiToken({ expiresAt: null, id: newId('tok'), agentId, name: 'tests', tokenHash: hashSecret(token), createdAt });
  return token;
}

/**
 * A `fetch` for the inbox app under happy-dom: every call is answered by `app.inject` as the agent
 * with `token`; an upload's file goes as its bytes with its own type.
 */
export function inboxFetch(t: TestApp, token: string) {
  return async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const file = init.body instanceof Blob ? init.body : undefined;
    const response = await t.app.inject({
      method: (init.method ?? 'GET') as 'GET' | 'POST' | 'DELETE',
      url: url.pathname + url.search,
      headers: {
        authorization: `Bearer ${token}`,
        ...(typeof init.body === 'string' && { 'content-type': 'application/json' }),
        ...(file && { 'content-type': new Headers(init.headers).get('content-type') ?? '' }),
      },
      ...(typeof init.body === 'string' && { payload: init.body }),
      ...(file && { payload: Buffer.from(await file.arrayBuffer()) }),
    });
    return new Response(response.statusCode === 204 ? null : response.body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? '') },
    });
  };
}

/** What a browser keeps of the server's cookies: value and Path, by name. */
export type CookieJar = Map<string, { value: string; path: string }>;

/** RFC 6265's path-match: `/agent` covers `/agent` and `/agent/…`, not `/agentx`. */
const pathMatches = (requestPath: string, cookiePath: string) =>
  requestPath === cookiePath || (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'));

/**
 * A `fetch` for the inbox app answered by `app.inject` as a browser on the inbox page would send it:
 * the cookies of `jar` whose Path covers the address, `Origin` on writes, and the jar kept up to date
 * from `Set-Cookie`. Two fetches on one jar are two tabs of one browser.
 */
export function browserFetch(t: TestApp, jar: CookieJar = new Map()) {
  const origin = new URL(t.config.publicUrl).origin;
  return async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), origin);
    const method = (init.method ?? 'GET') as 'GET' | 'POST' | 'DELETE';
    const cookies = [...jar].filter(([, cookie]) => pathMatches(url.pathname, cookie.path)).map(([name, cookie]) => `${name}=${cookie.value}`);
    const response = await t.app.inject({
      method,
      url: url.pathname + url.search,
      headers: {
        ...(init.headers as Record<string, string>),
        ...(cookies.length > 0 && { cookie: cookies.join('; ') }),
        ...(method !== 'GET' && { origin }),
      },
      ...(typeof init.body === 'string' && { payload: init.body }),
    });
    const setCookies = response.headers['set-cookie'] ?? [];
    for (const header of Array.isArray(setCookies) ? setCookies : [setCookies]) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const [name, value] = pair!.split('=') as [string, string];
      const path = attributes.find((attribute) => attribute.startsWith('Path='))?.slice('Path='.length) ?? '/';
      if (/Max-Age=0/i.test(header)) jar.delete(name);
      else jar.set(name, { value, path });
    }
    return new Response(response.statusCode === 204 ? null : response.body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? '') },
    });
  };
}

/** The inbox page's mount point, `#inbox`, added to the document. */
export function inboxContainer(): HTMLElement {
  const container = document.createElement('div');
  container.id = 'inbox';
  document.body.append(container);
  return container;
}

/** Unmounts the inbox app, removes its mount point and stubbed globals, and puts the address back on /agent. */
export function removeInbox(container: HTMLElement): void {
  render(null, container);
  container.remove();
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/agent');
}
