// One instance at a time runs a job (server/store/pg/leases.ts): two pools stand for two API processes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { createPgLeases } from '../../../server/store/pg/leases.js';
import { freshDatabase, postgresAvailable, type TestDatabase, testPool } from '../../support/postgres.js';

/** Work that runs until the test lets it finish. */
function heldOpen() {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  return { work: () => (started(), finished), running, finish };
}

describe.skipIf(!postgresAvailable())('leases on PostgreSQL', () => {
  let database: TestDatabase;
  let pools: pg.Pool[];

  beforeAll(async () => {
    database = await freshDatabase();
    pools = [testPool(database.url, 2), testPool(database.url, 2)];
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database.drop();
  });

  it('runs a job on one instance while the other skips it, then lets either run it again', async () => {
    const [a, b] = pools.map(createPgLeases);
    const job = heldOpen();
    const onA = a.runExclusive('maintenance', job.work);
    await job.running;
    let ranOnB = false;
    expect(await b.runExclusive('maintenance', async () => void (ranOnB = true))).toBe(false);
    // The same instance's second try skips too: the lock is per connection, not per process.
    expect(await a.runExclusive('maintenance', async () => undefined)).toBe(false);
    // Another name is another lock.
    expect(await b.runExclusive('other job', async () => undefined)).toBe(true);
    job.finish();
    expect(await onA).toBe(true);
    expect(ranOnB).toBe(false);
    expect(await b.runExclusive('maintenance', async () => void (ranOnB = true))).toBe(true);
    expect(ranOnB).toBe(true);
  });

  it('lets go of the lock when the work fails, and passes the failure on', async () => {
    const [a, b] = pools.map(createPgLeases);
    await expect(a.runExclusive('failing', () => Promise.reject(new Error('work failed')))).rejects.toThrow('work failed');
    expect(await b.runExclusive('failing', async () => undefined)).toBe(true);
  });

  it('returns its connections to the pool, so runs do not exhaust it', async () => {
    const [a] = pools.map(createPgLeases);
    for (let run = 0; run < 5; run++) expect(await a.runExclusive('repeated', async () => undefined)).toBe(true);
    expect(pools[0].totalCount).toBeLessThanOrEqual(2);
    expect(pools[0].waitingCount).toBe(0);
  });

  it('frees the lock when the instance holding it loses its connection', async () => {
    const [a, b] = pools.map(createPgLeases);
    const job = heldOpen();
    const onA = a.runExclusive('crashing', job.work);
    await job.running;
    // Only A's connection holds an advisory lock in this database now.
    await pools[1].query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`);
    // The backend lets go as it exits, a moment after being told to.
    await vi.waitFor(async () => expect(await b.runExclusive('crashing', async () => undefined)).toBe(true));
    job.finish();
    // A's unlock fails on its dead connection, which is thrown away rather than pooled; its work still counts as run.
    expect(await onA).toBe(true);
    expect(await a.runExclusive('crashing', async () => undefined)).toBe(true);
  });
});
