/**
 * Jobs that one instance at a time runs, over PostgreSQL session advisory locks: a run holds the
 * lock `hashtext('porthole:' || name)` on a pooled connection of its own for as long as the work
 * lasts. `runExclusive` tries the lock and skips when another run (from any instance) holds it
 * (housekeeping); `runInTurn` waits for it (first-start seeding: the second instance then finds the
 * first one's sites). The work itself uses the ordinary pool (its own transactions); the lock ends
 * with the session if this process dies, so a crashed instance never holds a job.
 */
import type pg from 'pg';
import type { Leases } from '../shared-state.js';

const TRY_LOCK = `SELECT pg_try_advisory_lock(hashtext('porthole:' || $1)) AS taken`;
const WAIT_LOCK = `SELECT true AS taken FROM (SELECT pg_advisory_lock(hashtext('porthole:' || $1))) AS locked`;
const UNLOCK = `SELECT pg_advisory_unlock(hashtext('porthole:' || $1))`;

export function createPgLeases(pool: pg.Pool): Leases {
  return {
    runExclusive: async (name, work) => (await underLock(pool, TRY_LOCK, name, work)).ran,
    async runInTurn(name, work) {
      const outcome = await underLock(pool, WAIT_LOCK, name, work);
      if (!outcome.ran) throw new Error(`the lock "${name}" was not granted`);
      return outcome.value;
    },
  };
}

async function underLock<T>(pool: pg.Pool, lock: string, name: string, work: () => Promise<T>): Promise<{ ran: false } | { ran: true; value: T }> {
  const client = await pool.connect();
  let taken: boolean;
  try {
    // A wait for the lock is not a slow statement: the pool's statement_timeout does not cut it short
    // (this session's settings then differ from the pool's, so the connection is dropped afterwards).
    if (lock === WAIT_LOCK) await client.query('SET statement_timeout = 0');
    taken = (await client.query<{ taken: boolean }>(lock, [name])).rows[0].taken;
  } catch (error) {
    client.release(true);
    throw error;
  }
  if (!taken) {
    client.release();
    return { ran: false };
  }
  // The connection sits idle while the work runs: if it dies then, pg reports it as an 'error'
  // event, which would crash the process unheard. The lock died with it; the unlock below fails.
  const ignoreLoss = () => undefined;
  client.on('error', ignoreLoss);
  try {
    return { ran: true, value: await work() };
  } finally {
    // Ending the session frees the lock too: a connection that cannot unlock is destroyed, never pooled holding it.
    await client.query(UNLOCK, [name]).then(
      () => client.release(lock === WAIT_LOCK),
      () => client.release(true),
    );
    client.off('error', ignoreLoss);
  }
}
