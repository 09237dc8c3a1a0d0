// Live updates over server-sent events, against a real listening server (inject never ends a stream).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { hostToken } from '../support/member-tokens.js';
import { sites } from '../../server/db/schema.js';
import { insertAgent, insertApiToken } from '../../server/db/agents.js';
import { hashSecret, newSecret } from '../../server/auth/agent-auth.js';
import { newId } from '../../server/db/ids.js';

let t: TestApp;
let base: string;

beforeEach(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(() => t.close());

async function memberToken(sub: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/sites/demo/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: hostToken({ sub, email, name: sub }, t.clock.now) }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function agentToken(): Promise<string> {
  const site = t.db.select().from(sites).where(eq(sites.slug, 'demo')).get()!;
  const id = newId('agt');
  await insertAgent(t.db, { id, siteId: site.id, email: 'agent@example.com', name: 'Riley', passwordHash: null, createdAt: t.clock.now.toISOString() });
  const token = newSecret('pat_');
  await insertApiToken(t.db, { id: newId('tok'), agentId: id, name: 'test', tokenHash: hashSecret(token), createdAt: t.clock.now.toISOString() });
  return token;
}

/** Reads a stream's events as they come; `next()` resolves with the next `request` event. */
function listen(response: Response) {
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

const categoryId = async () => ((await (await fetch(`${base}/api/v1/sites/demo/config`)).json()) as { categories: { id: string }[] }).categories[2]!.id;

describe('live updates', () => {
  it('tell a member within moments that an agent answered their request, and tell nobody else', async () => {
    const ana = await memberToken('ana', 'ana@example.com');
    const bob = await memberToken('bob', 'bob@example.com');
    const created = await fetch(`${base}/api/v1/sites/demo/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ana}` },
      body: JSON.stringify({ categoryId: await categoryId(), subject: 'Help', description: 'Please' }),
    });
    const { request } = (await created.json()) as { request: { id: number } };

    const anaStream = await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${ana}`, origin: DEMO_ORIGIN } });
    expect(anaStream.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(anaStream.headers.get('access-control-allow-origin')).toBe(DEMO_ORIGIN);
    const bobStream = await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${bob}` } });
    const anaEvents = listen(anaStream);
    const bobEvents = listen(bobStream);

    const agent = await agentToken();
    const reply = await fetch(`${base}/api/v1/agent/requests/${request.id}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
      body: JSON.stringify({ body: 'We are on it', public: true }),
    });
    expect(reply.status).toBe(201);

    expect(await anaEvents.next()).toMatchObject({ id: request.id });
    expect(await bobEvents.next(500)).toBe('timeout');
    await anaEvents.cancel();
    await bobEvents.cancel();
  });

  it('refuse a stream without a valid session, like every member route', async () => {
    const response = await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: 'Bearer not-a-real-token-at-all' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('session_expired');
  });

  it('let the agent inbox hear of a customer reply', async () => {
    const agent = await agentToken();
    const stream = listen(await fetch(`${base}/api/v1/agent/events`, { headers: { authorization: `Bearer ${agent}` } }));
    const ana = await memberToken('ana', 'ana@example.com');
    const created = await fetch(`${base}/api/v1/sites/demo/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ana}` },
      body: JSON.stringify({ categoryId: await categoryId(), subject: 'Another', description: 'Hello' }),
    });
    const { request } = (await created.json()) as { request: { id: number } };
    expect(await stream.next()).toMatchObject({ id: request.id });
    await stream.cancel();
  });

  it('end open streams when the server shuts down, instead of holding it open', async () => {
    const ana = await memberToken('ana', 'ana@example.com');
    const response = await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${ana}` } });
    const reader = response.body!.getReader();
    await reader.read(); // the opening comment
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(2000);
    for (;;) if ((await reader.read()).done) break;
  });
});
