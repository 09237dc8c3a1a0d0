/**
 * Vitest globalSetup: a throwaway PostgreSQL cluster for the whole run, from the binaries on this
 * machine (initdb on a free loopback port, its unix socket in its own temp dir, removed afterwards).
 * Tests reach it through `inject('postgresUrl')` (test/support/postgres.ts): a superuser URL, or null
 * when the binaries are missing outside CI, where PostgreSQL tests skip after one loud line. In CI
 * a missing or broken PostgreSQL fails the run: it must never pass by skipping.
 *
 * Both test projects inherit this setup from the root config, so vitest calls it once per project;
 * the cluster is kept on globalThis and started once, stopped after the last project's teardown.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's superuser URL; null when PostgreSQL tests are skipped. */
    postgresUrl: string | null;
  }
}

const run = promisify(execFile);
const START_ATTEMPTS = 3;
// Room for several apps' pools and two-instance tests at once. No fsync: tests kill API processes, never this
// cluster, and each app's fresh database would otherwise wait on the disk (bench/ measures with fsync on).
const SERVER_SETTINGS = ['-c fsync=off', '-c full_page_writes=off', '-c synchronous_commit=on', '-c max_connections=300', '-c shared_buffers=128MB'];

interface Cluster {
  url: string;
  stop(): Promise<void>;
}

interface Shared {
  cluster: Promise<Cluster | null>;
  users: number;
}

const SHARED = Symbol.for('porthole.test.postgres-cluster');
const shared = globalThis as typeof globalThis & { [SHARED]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const state = (shared[SHARED] ??= { cluster: startCluster(), users: 0 });
  state.users += 1;
  const cluster = await state.cluster;
  project.provide('postgresUrl', cluster?.url ?? null);
  return async () => {
    state.users -= 1;
    if (state.users === 0) {
      delete shared[SHARED];
      await cluster?.stop();
    }
  };
}

async function startCluster(): Promise<Cluster | null> {
  const bin = findBinaries();
  if (!bin) {
    if (process.env.CI) throw new Error('PostgreSQL binaries not found, and CI must run the PostgreSQL tests: install postgresql (see .ci/run)');
    console.warn('\n*** PostgreSQL binaries not found: PostgreSQL tests SKIPPED — install postgresql to run them ***\n');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'porthole-pg-'));
  const owner = serverOwner();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  const pgCtl = join(bin, 'pg_ctl');
  // Whatever ends this process (a failed test run, Ctrl-C: vitest then exits without teardown), the cluster goes too.
  const removeNow = () => {
    spawnSync(...asOwner(owner, pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']), { cwd: dir, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', removeNow);
  try {
    // --no-sync: a throwaway cluster need not survive a power cut while it is being created.
    await run(...asOwner(owner, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']), {
      cwd: dir,
    });
    const port = await startOnFreePort(owner, pgCtl, data, dir, log);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await checkConnects(url);
    return {
      url,
      async stop() {
        process.off('exit', removeNow);
        await run(...asOwner(owner, pgCtl, ['stop', '-D', data, '-m', 'fast', '-w']), { cwd: dir }).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2_000) : '(no server log)';
    removeNow();
    process.off('exit', removeNow);
    throw new Error(`the test PostgreSQL cluster did not start: ${(error as Error).message}\n${serverLog}`, { cause: error });
  }
}

/** The port is asked of the OS, then given to the server; another process may take it in between, hence the retries. */
async function startOnFreePort(owner: Owner | null, pgCtl: string, data: string, dir: string, log: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...SERVER_SETTINGS].join(' ');
    try {
      await run(...asOwner(owner, pgCtl, ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]), { cwd: dir });
      return port;
    } catch (error) {
      if (attempt === START_ATTEMPTS) throw error;
    }
  }
}

async function checkConnects(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select 1');
  } finally {
    await client.end();
  }
}

/** The brief's order: Debian's 15, then what pg_config names, then the newest installed version. */
function findBinaries(): string | null {
  const usable = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const installed = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
    : [];
  const candidates = ['/usr/lib/postgresql/15/bin', ...(fromPgConfig.status === 0 ? [fromPgConfig.stdout.trim()] : []), ...installed];
  return candidates.find(usable) ?? null;
}

interface Owner {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user; otherwise to us. */
function serverOwner(): Owner | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, but there is no `postgres` user to run the test PostgreSQL cluster as');
  return { uid, gid: id('-g') };
}

function asOwner(owner: Owner | null, file: string, args: string[]): [string, string[]] {
  return owner ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
