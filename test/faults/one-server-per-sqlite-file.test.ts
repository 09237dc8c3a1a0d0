// Two built servers on one SQLite file: the second refuses at start and says to use PostgreSQL
// (better-sqlite3 commits on the event loop, so two writers would fail each other with SQLITE_BUSY),
// and a server killed outright leaves no lock behind that would keep the next one from starting.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'porthole-one-server-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The built server on the shared database file; `output()` is what it has printed so far. */
async function startServer() {
  const port = await freePort();
  const { HOST: _host, MAIL_DIR: _mail, DATA_DIR: _data, DATABASE_URL: _url, ...env } = process.env;
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...env, PORT: String(port), DATABASE_PATH: join(dir, 'porthole.db'), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, exited, output: () => output };
}

async function answers(port: number, output: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const status = await fetch(`http://127.0.0.1:${port}/api/v1/sites/demo/config`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not answer; its output:\n${output()}`);
}

describe('one server process per SQLite database', () => {
  it('refuses a second server on the same file with a message naming PostgreSQL, and starts again after the first is killed', async () => {
    const first = await startServer();
    await answers(first.port, first.output);

    const second = await startServer();
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`another Porthole server is already using the SQLite database ${join(dir, 'porthole.db')}`);
    expect(second.output()).toContain('use PostgreSQL (set DATABASE_URL=postgres://…)');
    // The first never noticed.
    await answers(first.port, first.output);

    // A crash, not a shutdown: nothing gets to clean up, and the lock still goes with the process.
    first.child.kill('SIGKILL');
    await first.exited;
    const third = await startServer();
    await answers(third.port, third.output);
  }, 60_000);
});
