// What an acknowledged ticket is worth when the server is stopped mid-load: 200 clients submit for a
// while, then the server gets SIGTERM (graceful) or SIGKILL (none). Every request that was answered
// 201 must be in the database after a restart, the database must pass integrity_check, and the
// second start must find no migration to run. Runs the built server (`npm test` builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const CLIENTS = 200;
const LOAD_MS = 2500;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

async function startServer(databasePath: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      SUBMIT_LIMIT_PER_10_MIN: '100000000',
      MAIL_DIR: join(databasePath, '..', 'mail'),
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/api/v1/sites/demo/config`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function loadThenStop(signal: 'SIGTERM' | 'SIGKILL') {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-faults-'));
  dirs.push(dir);
  const databasePath = join(dir, 'porthole.db');
  const port = await freePort();
  const server = await startServer(databasePath, port);
  const base = `http://127.0.0.1:${port}/api/v1/sites/demo`;
  const { categories } = (await (await fetch(`${base}/config`)).json()) as { categories: { id: string }[] };

  const acknowledged: number[] = [];
  const statuses = new Map<number, number>();
  let stop = false;
  const client = async (c: number) => {
    for (let n = 0; !stop; n++) {
      try {
        const response = await fetch(`${base}/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ categoryId: categories[2]!.id, subject: `Load ${c}-${n}`, description: 'Under load', email: `c${c}@load.example` }),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) acknowledged.push(((await response.json()) as { request: { id: number } }).request.id);
        else await response.arrayBuffer();
      } catch {
        return; // the server went away: this client stops
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
  const exit = exited(server);
  server.kill(signal);
  await exit;
  stop = true;
  await Promise.all(clients);

  const fiveHundreds = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
  const migrationsBefore = countMigrations(databasePath);
  // Restart: the database opens (WAL recovery), and the second start has no migration to run.
  const again = await startServer(databasePath, port);
  const stopped = exited(again);
  again.kill('SIGTERM');
  expect(await stopped).toBe(0);

  const db = new Database(databasePath, { readonly: true });
  const stored = new Set(
    db
      .prepare('SELECT number FROM requests')
      .all()
      .map((row) => (row as { number: number }).number),
  );
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  return { acknowledged, stored, integrity, fiveHundreds, migrationsBefore, migrationsAfter: countMigrations(databasePath) };
}

function countMigrations(databasePath: string): number {
  const db = new Database(databasePath, { readonly: true });
  const { n } = db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  db.close();
  return n;
}

describe('under load, then stopped', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)(
    '%s: every acknowledged request survives, integrity_check is ok, no 5xx, migrations are a no-op on restart',
    async (signal) => {
      const result = await loadThenStop(signal);
      expect(result.acknowledged.length).toBeGreaterThan(50);
      expect(result.acknowledged.filter((number) => !result.stored.has(number))).toEqual([]);
      expect(result.integrity).toBe('ok');
      expect(result.fiveHundreds).toBe(0);
      expect(result.migrationsAfter).toBe(result.migrationsBefore);
    },
    60_000,
  );
});
