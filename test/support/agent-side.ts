/**
 * The support team's side in tests: an agent of the demo site with an API token, the inbox's fetch
 * answered by the real app, and the element the inbox app renders into under happy-dom.
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

/** A `fetch` for the inbox app under happy-dom: every call is answered by `app.inject` as the agent with `token`. */
export function inboxFetch(t: TestApp, token: string) {
  return async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const response = await t.app.inject({
      method: (init.method ?? 'GET') as 'GET' | 'POST' | 'DELETE',
      url: url.pathname + url.search,
      headers: { authorization: `Bearer ${token}`, ...(typeof init.body === 'string' && { 'content-type': 'application/json' }) },
      ...(typeof init.body === 'string' && { payload: init.body }),
    });
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
