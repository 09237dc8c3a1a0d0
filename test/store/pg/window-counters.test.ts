// Rate-limit windows shared by instances (server/store/pg/window-counters.ts): two pools stand for two API processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migrate } from '../../../server/store/pg/client.js';
import { pgWindowCounters, sweepRateWindows } from '../../../server/store/pg/window-counters.js';
import { freshDatabase, postgresAvailable, type TestDatabase, testPool } from '../../support/postgres.js';

const MINUTE = 60_000;

describe.skipIf(!postgresAvailable())('rate windows on PostgreSQL', () => {
  let database: TestDatabase;
  let pools: pg.Pool[];
  const clock = { now: new Date('2026-11-23T10:00:00.000Z') };
  const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
  // Each test counts under a limit of its own, so tests share the table without sharing windows.
  const onBoth = (limit: string) => pools.map((pool) => pgWindowCounters(pool, () => clock.now)(limit));

  beforeAll(async () => {
    database = await freshDatabase();
    pools = [testPool(database.url), testPool(database.url)];
    await migrate(pools[0]!);
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database.drop();
  });

  it('counts one window for a limit and key, whichever instance is hit', async () => {
    const [a, b] = onBoth('submit');
    const opened = clock.now.getTime();
    const counts = [];
    for (let hit = 0; hit < 6; hit++) counts.push((await (hit % 2 ? b : a).hit('203.0.113.7', MINUTE)).count);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await b.hit('203.0.113.7', MINUTE)).resetAt).toBe(opened + MINUTE);
    // Another key, or another limit, has a window of its own.
    expect((await a.hit('198.51.100.1', MINUTE)).count).toBe(1);
    expect((await onBoth('sign-in')[0].hit('203.0.113.7', MINUTE)).count).toBe(1);
  });

  it('counts every one of many concurrent hits from both instances exactly once', async () => {
    const [a, b] = onBoth('concurrent');
    const windows = await Promise.all(Array.from({ length: 40 }, (_, hit) => (hit % 2 ? b : a).hit('k', MINUTE)));
    expect(windows.map((window) => window.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(windows.map((window) => window.resetAt)).size).toBe(1);
  });

  it('takes a hit back on release, from either instance, but only within the window it was counted in', async () => {
    const [a, b] = onBoth('release');
    const first = await a.hit('k', MINUTE);
    await a.hit('k', MINUTE);
    await b.release('k', first);
    expect((await a.hit('k', MINUTE)).count).toBe(2);

    advance(MINUTE);
    const fresh = await b.hit('k', MINUTE);
    expect(fresh.count).toBe(1);
    // A release for the closed window does not touch the new one.
    await a.release('k', first);
    expect((await a.hit('k', MINUTE)).count).toBe(2);
  });

  it('never counts below zero', async () => {
    const [a] = onBoth('floor');
    const window = await a.hit('k', MINUTE);
    await a.release('k', window);
    await a.release('k', window);
    expect((await a.hit('k', MINUTE)).count).toBe(1);
  });

  it('starts afresh once the window has closed, by the app clock', async () => {
    const [a, b] = onBoth('expiry');
    await a.hit('k', MINUTE);
    advance(MINUTE - 1);
    expect((await b.hit('k', MINUTE)).count).toBe(2);
    advance(1);
    const reopened = await b.hit('k', MINUTE);
    expect(reopened).toEqual({ count: 1, resetAt: clock.now.getTime() + MINUTE });
  });

  it('keeps keys apart that PostgreSQL text could not hold as they are', async () => {
    const [a] = onBoth('odd keys');
    expect((await a.hit('a\u0000b', MINUTE)).count).toBe(1);
    expect((await a.hit('a\ud800', MINUTE)).count).toBe(1);
    expect((await a.hit('a\u0000b', MINUTE)).count).toBe(2);
    expect((await a.hit('a', MINUTE)).count).toBe(1);
  });

  it('sweeps the closed windows only', async () => {
    const [a] = onBoth('sweep');
    await a.hit('short', 1_000);
    await a.hit('long', 10 * MINUTE);
    advance(1_000);
    expect(await sweepRateWindows(pools[0], clock.now)).toBeGreaterThanOrEqual(1);
    const { rows } = await pools[0].query(`SELECT key FROM rate_windows WHERE limit_name = 'sweep'`);
    expect(rows).toEqual([{ key: '"long"' }]);
    expect((await a.hit('long', 10 * MINUTE)).count).toBe(2);
  });
});
