/**
 * The limits' fixed-window counters (shared-state.ts) in PostgreSQL, so every instance counts
 * into the same windows: two instances enforce one limit of 20, not two. One statement per hit,
 * atomic under concurrency (the upsert takes the row lock), named so each connection parses it once. UNLOGGED, so hits skip the WAL: a
 * crash of the database empties the table, which forgets open windows as restarting one process did.
 *
 * Times are the app's clock in ms since the epoch, never the database's now(), so a test's fake
 * clock opens and closes windows here as it does in memory. Unlike the memory table there is no
 * capacity: a flood of new keys costs rows until `sweepRateWindows` (housekeeping) drops the closed ones.
 */
import type pg from 'pg';
import type { Clock, LimitWindow, WindowCounters } from '../shared-state.js';
import { busyAsStoreBusy } from './client.js';

// A closed window ($3 = now) starts afresh at 1, closing at $4; an open one counts on.
const HIT = `INSERT INTO rate_windows AS w (limit_name, key, count, resets_at) VALUES ($1, $2, 1, $4)
  ON CONFLICT (limit_name, key) DO UPDATE SET
    count = CASE WHEN w.resets_at > $3 THEN w.count + 1 ELSE 1 END,
    resets_at = CASE WHEN w.resets_at > $3 THEN w.resets_at ELSE EXCLUDED.resets_at END
  RETURNING count, resets_at`;

// Only the window the hit was counted in, while it is open ($3 = when it closes, $4 = now).
const RELEASE = `UPDATE rate_windows SET count = count - 1
  WHERE limit_name = $1 AND key = $2 AND resets_at = $3 AND resets_at > $4 AND count > 0`;

/**
 * Keys come from clients (addresses, typed emails), and PostgreSQL text cannot hold U+0000 or a
 * lone surrogate: stored as JSON strings, which escape both and keep distinct keys distinct.
 */
const stored = (key: string) => JSON.stringify(key);

export function pgWindowCounters(pool: pg.Pool, clock: Clock): WindowCounters {
  return (limit) => ({
    async hit(key, windowMs): Promise<LimitWindow> {
      const now = clock().getTime();
      // A hit waits for a pooled connection like any unit: past the wait it is busy (503), never a 500.
      const { rows } = await busyAsStoreBusy(() =>
        pool.query<{ count: number; resets_at: string }>({ name: 'porthole_rate_hit', text: HIT, values: [limit, stored(key), now, now + windowMs] }),
      );
      // bigint comes back as text; ms since the epoch fit a double exactly.
      return { count: rows[0].count, resetAt: Number(rows[0].resets_at) };
    },
    async release(key, window) {
      await busyAsStoreBusy(() =>
        pool.query({ name: 'porthole_rate_release', text: RELEASE, values: [limit, stored(key), window.resetAt, clock().getTime()] }),
      );
    },
  });
}

/** Drops the windows closed by `now`; returns how many. */
export async function sweepRateWindows(pool: pg.Pool, now: Date): Promise<number> {
  const { rowCount } = await pool.query('DELETE FROM rate_windows WHERE resets_at <= $1', [now.getTime()]);
  return rowCount ?? 0;
}
