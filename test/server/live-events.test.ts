// Live updates over server-sent events, against a real listening server (inject never ends a stream).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { agentToken, anonymousRequest, categoryId, linkSession, listen, memberToken } from '../support/live-streams.js';

let t: TestApp;
let base: string;

beforeEach(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(() => t.close());

describe('live updates', () => {
  it('tell a member within moments that an agent answered their request, and tell nobody else', async () => {
    const ana = await memberToken(t, base, 'ana', 'ana@example.com');
    const bob = await memberToken(t, base, 'bob', 'bob@example.com');
    const created = await fetch(`${base}/api/v1/sites/demo/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ana}` },
      body: JSON.stringify({ categoryId: await categoryId(base), subject: 'Help', description: 'Please' }),
    });
    const { request } = (await created.json()) as { request: { id: number } };

    const anaStream = await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${ana}`, origin: DEMO_ORIGIN } });
    expect(anaStream.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(anaStream.headers.get('access-control-allow-origin')).toBe(DEMO_ORIGIN);
    const bobStream = await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${bob}` } });
    const anaEvents = listen(anaStream);
    const bobEvents = listen(bobStream);

    const agent = await agentToken(t);
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

  it('tell a session from a mail link only of the request the link is for, not of the recipient’s other requests', async () => {
    const other = await anonymousRequest(t, base, 'pat@example.com', 'Another question');
    const linked = await anonymousRequest(t, base, 'pat@example.com', 'The one in the mail');
    const stream = listen(
      await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${await linkSession(base, linked.linkToken)}` } }),
    );

    const agent = await agentToken(t);
    for (const number of [other.number, linked.number]) {
      const reply = await fetch(`${base}/api/v1/agent/requests/${number}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
        body: JSON.stringify({ body: 'We are on it', public: true }),
      });
      expect(reply.status).toBe(201);
    }
    // Events arrive in order: had the other request been reported, it would come first.
    expect(await stream.next()).toMatchObject({ id: linked.number });
    await stream.cancel();
  });

  it('refuse a stream without a valid session, like every member route', async () => {
    const response = await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: 'Bearer not-a-real-token-at-all' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('session_expired');
  });

  it('let the agent inbox hear of a customer reply', async () => {
    const agent = await agentToken(t);
    const stream = listen(await fetch(`${base}/api/v1/agent/events`, { headers: { authorization: `Bearer ${agent}` } }));
    const ana = await memberToken(t, base, 'ana', 'ana@example.com');
    const created = await fetch(`${base}/api/v1/sites/demo/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ana}` },
      body: JSON.stringify({ categoryId: await categoryId(base), subject: 'Another', description: 'Hello' }),
    });
    const { request } = (await created.json()) as { request: { id: number } };
    expect(await stream.next()).toMatchObject({ id: request.id });
    await stream.cancel();
  });

  it('end open streams when the server shuts down, instead of holding it open', async () => {
    const ana = await memberToken(t, base, 'ana', 'ana@example.com');
    const response = await fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${ana}` } });
    const reader = response.body!.getReader();
    await reader.read(); // the opening comment
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(2000);
    for (;;) if ((await reader.read()).done) break;
  });
});
