// Slow clients (slowloris) and connection hogs against the real listening support server: raw sockets
// that trickle, stall or hold on, as an attacker would (inject has no sockets). The time limits are
// shortened to a second so the tests run in seconds; their defaults are those of server/config.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig, type ConnectionLimits } from '../../server/config.js';
import { listenProtected } from '../../server/server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { parseResponse, pause, rawClients, type RawClient } from '../support/raw-http.js';
import { categoryIds, memberSession } from './helpers.js';

const SECOND: Partial<ConnectionLimits> = { requestTimeoutMs: 1000, minBodyBytesPerSecond: 500, keepAliveTimeoutMs: 500 };

let t: TestApp;
let port: number;
const clients = rawClients();

async function start(connections: Partial<ConnectionLimits> = SECOND, overrides: Parameters<typeof createTestApp>[0] = {}) {
  t = await createTestApp({ ...overrides, host: '127.0.0.1', port: 0, connections: { ...readConfig({}).connections, ...connections } });
  const address = await listenProtected(t.app, t.config);
  port = Number(new URL(address).port);
}

const client = () => clients.connect(port);

afterEach(async () => {
  clients.destroyAll();
  await t.close();
});

const postHead = (path: string, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

function expectTimedOut(text: string) {
  const response = parseResponse(text);
  expect(response.status, text).toBe(408);
  expect(response.headers).toContain('connection: close');
  expect(response.body).toEqual({ error: { code: 'request_timeout', message: expect.any(String) } });
}

describe('a request body that arrives too slowly', () => {
  it('a body that stops arriving is answered 408 request_timeout, and the socket is closed', async () => {
    await start();
    const c = await client();
    c.write(postHead('/api/v1/sites/demo/requests', 100_000) + '{');
    expectTimedOut(await c.closed);
  });

  it('a body dribbled a byte at a time, below the minimum rate, is answered 408 though it never stops', async () => {
    await start();
    const c = await client();
    c.write(postHead('/api/v1/sites/demo/requests', 100_000) + '{');
    const dribble = setInterval(() => c.write(' '), 100);
    try {
      expectTimedOut(await c.closed);
    } finally {
      clearInterval(dribble);
    }
  });

  it('a slow but steady body above the minimum rate is received whole and answered as usual', async () => {
    await start();
    const categories = await categoryIds(t.app);
    const body = JSON.stringify({
      categoryId: categories['Account & sign-in'],
      subject: 'Slow line',
      description: 'x'.repeat(4000),
      email: 'slow@example.com',
    });
    const c = await client();
    c.write(postHead('/api/v1/sites/demo/requests', Buffer.byteLength(body)));
    // 200 bytes every 100 ms: 2 KB/s for two seconds, four times the minimum, for longer than the timeout.
    for (let at = 0; at < body.length; at += 200) {
      c.write(body.slice(at, at + 200));
      await pause(100);
    }
    const response = parseResponse(await c.receives('}}'));
    expect(response.status, c.received()).toBe(201);
  });

  it('headers that never finish are answered 408 request_timeout and closed', async () => {
    await start();
    const c = await client();
    c.write('GET /api/v1/sites/demo/config HTTP/1.1\r\nHost: localhost\r\n');
    expectTimedOut(await c.closed);
  });
});

describe('connections that stay open', () => {
  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    await start();
    const c = await client();
    c.write('GET /api/v1/sites/demo/config HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(parseResponse(await c.receives('}}')).status).toBe(200);
    await c.closed;
  });

  it('a live-event stream outlives every timeout: its request is complete', async () => {
    await start();
    const token = await memberSession(t, { sub: 'm-1', email: 'm1@example.com', name: 'M' });
    const c = await client();
    c.write(`GET /api/v1/sites/demo/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    await c.receives(': connected');
    await pause(2500); // longer than the request, keep-alive and body timeouts together
    expect(c.isOpen()).toBe(true);
  });
});

describe('connections per client address', () => {
  async function served(c: RawClient) {
    c.write('GET /api/v1/sites/demo/config HTTP/1.1\r\nHost: localhost\r\n\r\n');
    return parseResponse(await c.receives('}}')).status;
  }

  it('hundreds of connections from one address are served (an office behind one NAT); the next is refused 429', async () => {
    await start({ keepAliveTimeoutMs: 60_000 });
    const limit = t.config.connections.maxPerAddress;
    expect(limit).toBeGreaterThanOrEqual(200);
    const open = await Promise.all(Array.from({ length: limit }, () => client()));
    expect(await Promise.all(open.map(served))).toEqual(open.map(() => 200));

    const excess = await client();
    const refused = parseResponse(await excess.closed);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });

    // One leaves, and another may come.
    open[0]!.socket.destroy();
    await open[0]!.closed;
    await pause(50);
    expect(await served(await client())).toBe(200);
  });

  it("with TRUST_PROXY, the proxy's own address is not capped as if it were one client", async () => {
    await start({ maxPerAddress: 3, keepAliveTimeoutMs: 60_000 }, { trustProxy: 'loopback' });
    const open = await Promise.all(Array.from({ length: 10 }, () => client()));
    expect(await Promise.all(open.map(served))).toEqual(open.map(() => 200));
  });

  it('without TRUST_PROXY, the same address is capped', async () => {
    await start({ maxPerAddress: 3, keepAliveTimeoutMs: 60_000 });
    const open = await Promise.all(Array.from({ length: 3 }, () => client()));
    expect(await Promise.all(open.map(served))).toEqual([200, 200, 200]);
    expect(parseResponse(await (await client()).closed).status).toBe(429);
  });

  it('past the process-wide ceiling (MAX_CONNECTIONS) a connection is refused 503 busy, whatever its address', async () => {
    await start({ maxConnections: 4, keepAliveTimeoutMs: 60_000 }, { trustProxy: 'loopback' });
    const open = await Promise.all(Array.from({ length: 4 }, () => client()));
    expect(await Promise.all(open.map(served))).toEqual([200, 200, 200, 200]);
    const refused = parseResponse(await (await client()).closed);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ error: { code: 'busy', message: expect.any(String) } });
  });
});
