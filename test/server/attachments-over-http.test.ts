// Uploads against the real listening server (inject has no sockets): the slow-client guard still
// watches an upload's body, and a file over the limit is answered 413 while it is still arriving —
// in both cases with the connection closed and nothing of the file kept.
import { afterEach, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../../server/config.js';
import { listenProtected } from '../../server/server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { siteIdOf } from '../support/inspect.js';
import { attachments } from '../support/tables.js';
import { parseResponse, rawClients } from '../support/raw-http.js';
import { PNG } from '../support/files.js';

let t: TestApp;
let port: number;
const clients = rawClients();

async function start(maxBytes = 20 * 1024 * 1024) {
  t = await createTestApp({
    host: '127.0.0.1',
    port: 0,
    connections: { ...readConfig({}).connections, requestTimeoutMs: 1000, minBodyBytesPerSecond: 500, keepAliveTimeoutMs: 500 },
  });
  t.config.attachments = { ...t.config.attachments, maxBytes };
  port = Number(new URL(await listenProtected(t.app, t.config)).port);
}

afterEach(async () => {
  clients.destroyAll();
  await t.close();
});

const uploadHead = (length: number) =>
  `POST /api/v1/sites/demo/attachments?filename=big.png HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nContent-Length: ${length}\r\n\r\n`;

async function nothingKept() {
  expect(await t.db.select().from(attachments)).toEqual([]);
  const folder = join(t.config.filesDir, await siteIdOf(t.db, 'demo'));
  expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
}

it('an upload whose body stops arriving is answered 408, and nothing of it is kept', async () => {
  await start();
  const c = await clients.connect(port);
  c.write(uploadHead(1_000_000));
  c.socket.write(Buffer.concat([PNG, Buffer.alloc(10_000)]));
  const response = parseResponse(await c.closed);
  expect(response.status).toBe(408);
  // The storage's cleanup runs as the stream fails, after the socket closed.
  await expect
    .poll(
      () =>
        nothingKept().then(
          () => true,
          () => false,
        ),
      { timeout: 3000 },
    )
    .toBe(true);
});

it('a file over ATTACHMENT_MAX_BYTES is answered 413 while it is still being sent, and the connection closes', async () => {
  await start(64 * 1024);
  const c = await clients.connect(port);
  c.write(uploadHead(10 * 1024 * 1024));
  c.socket.write(PNG);
  // Far past the limit, but far from the declared length: the answer comes without the rest.
  for (let i = 0; i < 8; i++) c.socket.write(Buffer.alloc(32 * 1024));
  const response = parseResponse(await c.closed);
  expect(response.status).toBe(413);
  expect(response.body).toMatchObject({ error: { code: 'file_too_large' } });
  await nothingKept();
});

it('a file declared bigger than ATTACHMENT_MAX_BYTES is answered 413 before its body is read', async () => {
  await start(64 * 1024);
  const c = await clients.connect(port);
  c.write(uploadHead(10 * 1024 * 1024));
  const response = parseResponse(await c.closed);
  expect(response.status).toBe(413);
  expect(response.body).toMatchObject({ error: { code: 'file_too_large' } });
  await nothingKept();
});
