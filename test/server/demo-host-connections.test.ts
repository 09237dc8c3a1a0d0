// The demo host is a second server in the same process as the support server (`npm start`); a slow
// or greedy client must not take it, or the process's descriptors, either. Raw sockets on the real
// listening demo host, with the time limits shortened to a second.
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig, type ConnectionLimits } from '../../server/config.js';
import { startDemoHost, type DemoHost } from '../../demo-host/server.js';
import { parseResponse, pause, rawClients } from '../support/raw-http.js';

let demo: DemoHost;
let port: number;
const clients = rawClients();

async function start(connections: Partial<ConnectionLimits> = {}) {
  demo = await startDemoHost({
    port: 0,
    publicUrl: 'http://localhost:3000',
    siteSecret: 'demo-host-test-secret',
    connections: { ...readConfig({}).connections, requestTimeoutMs: 1000, minBodyBytesPerSecond: 500, keepAliveTimeoutMs: 500, ...connections },
  });
  port = Number(new URL(demo.url).port);
}

const client = () => clients.connect(port);

afterEach(async () => {
  clients.destroyAll();
  await demo.close();
});

const home = 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n';

describe('the demo host against slow and greedy clients', () => {
  it('a sign-in form whose body stops arriving is answered 408 request_timeout and closed', async () => {
    await start();
    const c = await client();
    c.write('POST /sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nmember=');
    const response = parseResponse(await c.closed);
    expect(response.status).toBe(408);
    expect(response.body).toEqual({ error: { code: 'request_timeout', message: expect.any(String) } });
  });

  it('headers that never finish are answered 408 and closed', async () => {
    await start();
    const c = await client();
    c.write('GET / HTTP/1.1\r\n');
    expect(parseResponse(await c.closed).status).toBe(408);
  });

  it("an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_S, not Node's default 5 s", async () => {
    await start();
    const c = await client();
    c.write(home);
    await c.receives('</html>');
    // Set to half a second; Node's default would keep it open ten times as long.
    expect(await Promise.race([c.closed.then(() => 'closed'), pause(4000).then(() => 'still open')])).toBe('closed');
  });

  it('connections past the per-address cap are refused 429, those below it are served', async () => {
    await start({ maxPerAddress: 5, keepAliveTimeoutMs: 60_000 });
    const open = await Promise.all(Array.from({ length: 5 }, () => client()));
    for (const c of open) c.write(home);
    expect(await Promise.all(open.map(async (c) => parseResponse(await c.receives('</html>')).status))).toEqual([200, 200, 200, 200, 200]);
    const refused = parseResponse(await (await client()).closed);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  });
});
