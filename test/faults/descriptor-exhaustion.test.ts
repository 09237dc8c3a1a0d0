// The built server under a low file-descriptor limit (`ulimit -n 256`), as `npm run start:server`
// runs it with development defaults: it says where it listens, and when a flood of connections
// would take its last descriptors it refuses the excess, says so in its log, and serves again once
// they are gone. (Past the real limit libuv accepts and closes connections without a word, and the
// database and mail could no longer open a file.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DESCRIPTORS = 256;
const dir = mkdtempSync(join(tmpdir(), 'porthole-emfile-'));
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/api/v1/sites/demo/config`).then(
    (r) => r.status,
    () => 0,
  );

async function waitFor(check: () => boolean | Promise<boolean>, what: () => string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what()}`);
}

describe('the built server with few file descriptors', () => {
  it('says where it listens and where the inbox is, keeps mail beside its database, and logs a flood of connections it refuses, then serves again', async () => {
    const port = await freePort();
    const { HOST: _host, MAIL_DIR: _mail, DATA_DIR: _data, ...env } = process.env;
    server = spawn('bash', ['-c', `ulimit -n ${DESCRIPTORS} && exec "${process.execPath}" dist/server/main.js`], {
      env: { ...env, PORT: String(port), DATABASE_PATH: join(dir, 'porthole.db'), NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    server.stdout!.on('data', (chunk) => (log += chunk));
    server.stderr!.on('data', (chunk) => (log += chunk));
    await waitFor(
      async () => (await answers(port)) === 200,
      () => `the server to answer; its log:\n${log}`,
    );

    expect(log).toContain(`support server listening on http://127.0.0.1:${port} (this machine only`);
    expect(log).toContain(`the support team's inbox: http://localhost:${port}/agent`);
    expect(log).toContain(`mail is written to ${join(dir, 'mail')}`);

    // More connections than there are descriptors, each held open without a word.
    const sockets: Socket[] = [];
    let refused = 0;
    for (let i = 0; i < DESCRIPTORS + 100; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.on('data', (chunk) => {
        if (String(chunk).startsWith('HTTP/1.1 503')) refused++;
      });
      sockets.push(socket);
    }
    await waitFor(
      () => refused > 0 && /refusing connections/.test(log),
      () => `refusals and a log line; the server's log:\n${log}`,
    );
    expect(log).toMatch(/refusing connections: \d+ open.*MAX_CONNECTIONS/);
    expect(log.match(/refusing connections/g)!.length).toBeLessThan(5); // a line, not a flood

    for (const socket of sockets) socket.destroy();
    await waitFor(
      async () => (await answers(port)) === 200,
      () => 'the server to answer again',
    );
  }, 60_000);
});
