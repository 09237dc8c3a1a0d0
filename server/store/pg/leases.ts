/**
 * Jobs that one instance at a time runs (housekeeping), over PostgreSQL session advisory locks: a
 * run holds `pg_try_advisory_lock(hashtext('porthole:' || name))` on a pooled connection of its
 * own for as long as the work lasts, so a second try, from any instance, finds it taken and skips.
 * The work itself uses the ordinary pool (its own transactions); the lock ends with the session if
 * this process dies, so a crashed instance never holds a job.
 */
import type pg from 'pg';
import type { Leases } from '../shared-state.js';

const TRY_LOCK = `SELECT pg_try_advisory_lock(hashtext('porthole:' || $1)) AS taken`;
const UNLOCK = `SELECT pg_advisory_unlock(hashtext('porthole:' || $1))`;

export function createPgLeases(pool: pg.Pool): Leases {
  return {
    async runExclusive(name, work) {
      const client = await pool.connect();
      let taken: boolean;
      try {
        taken = (await client.query<{ taken: boolean }>(TRY_LOCK, [name])).rows[0].taken;
      } catch (error) {
        client.release(true);
        throw error;
      }
      if (!taken) {
        client.release();
        return false;
      }
      // The connection sits idle while the work runs: if it dies then, pg reports it as an 'error'
      // event, which would crash the process unheard. The lock died with it; the unlock below fails.
      const ignoreLoss = () => undefined;
      client.on('error', ignoreLoss);
      try {
        await work();
        return true;
      } finally {
        // Ending the session frees the lock too: a connection that cannot unlock is destroyed, never pooled holding it.
        await client.query(UNLOCK, [name]).then(
          () => client.release(),
          () => client.release(true),
        );
        client.off('error', ignoreLoss);
      }
    },
  };
}
