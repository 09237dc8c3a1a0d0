/**
 * For tests of the live-event streams against a real listening server (inject never ends a
 * stream): signing in over HTTP, an agent's API token, the link a customer's mail carries, and
 * reading a stream's events as they come.
 */
import { Writable } from 'node:stream';
import type { TestApp } from './test-app.js';
import { hostToken } from './member-tokens.js';
import { siteIdOf } from './inspect.js';
import { mailedLinkToken } from './mail-links.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { newId } from '../../server/store/ids.js';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A member session at the demo site, exchanged as the widget does; every call gives a new session. */
export async function memberToken(t: TestApp, base: string, sub: string, email = `${sub}@example.com`): Promise<string> {
  const response = await fetch(`${base}/api/v1/sites/demo/session`, json({ token: hostToken({ sub, email, name: sub }, t.clock.now) }));
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A new agent of the demo site and a personal API token of theirs. */
export async function agentToken(t: TestApp, email = 'agent@example.com'): Promise<string> {
  const id = newId('agt');
  await t.store.admin.createAgent({
    removedAt: null,
    id,
    siteId: await siteIdOf(t.db, 'demo'),
    email,
    name: 'Riley',
    passwordHash: null,
    createdAt: t.clock.now.toISOString(),
  });
  const token = newSecret('pat_');
  await t.store.admin.insertApiToken({
    expiresAt: null,
    id: newId('tok'),
    agentId: id,
    name: 'test',
    tokenHash: hashSecret(token),
    createdAt: t.clock.now.toISOString(),
  });
  return token;
}

export const categoryId = async (base: string) =>
  ((await (await fetch(`${base}/api/v1/sites/demo/config`)).json()) as { categories: { id: string }[] }).categories[2]!.id;

/** Writes in as an anonymous visitor; returns the request's number and the link token of its receipt. */
export async function anonymousRequest(t: TestApp, base: string, email: string, subject = 'Help'): Promise<{ number: number; linkToken: string }> {
  const response = await fetch(
    `${base}/api/v1/sites/demo/requests`,
    json({ categoryId: await categoryId(base), subject, description: 'Please', email, name: 'Pat' }),
  );
  const number = ((await response.json()) as { request: { id: number } }).request.id;
  return { number, linkToken: await mailedLinkToken(t, email, number) };
}

/** A session for one request, from the token of a mail's link; every call gives a new session. */
export async function linkSession(base: string, linkToken: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/sites/demo/session/link`, json({ token: linkToken }));
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Reads a stream's events as they come; `next()` resolves with the next `request` event. */
export function listen(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(timeoutMs = 2000): Promise<{ id: number; updatedAt: string } | 'timeout'> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = /event: request\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return JSON.parse(match[1]!);
        }
        const left = deadline - Date.now();
        if (left <= 0) return 'timeout';
        const chunk = await Promise.race([reader.read(), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), left))]);
        if (chunk === 'timeout') return 'timeout';
        if (chunk.done) return 'timeout';
        buffer += decoder.decode(chunk.value);
      }
    },
    cancel: () => reader.cancel(),
  };
}

/** An app logger that keeps every line, parsed, for the test to read: pass `logger` to createTestApp. */
export function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: { level: 'info', stream } };
}
