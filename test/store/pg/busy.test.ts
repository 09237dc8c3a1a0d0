// PostgreSQL only: a unit kept waiting — on a row lock past lock_timeout, or for a connection of a
// full pool — answers the port's StoreBusyError (a 503 to clients), never a 500. SQLite's busy
// mapping is tested through the HTTP suite (test/server/database-busy.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { StoreBusyError, type Store } from '../../../server/store/types.js';
import { postgresAvailable } from '../../support/postgres.js';
import { addSite, newRequest, noMail, NOW, present } from '../contract/fixtures.js';
import { openPostgresTestStore, type PostgresTestStore } from '../engines.js';

describe.skipIf(!postgresAvailable())('PostgreSQL busy answers', () => {
  let t: PostgresTestStore;
  let store: Store;
  beforeAll(async () => {
    t = await openPostgresTestStore({ lockTimeoutMs: 300 });
    store = t.store;
  });
  afterAll(() => t?.close());

  it('a unit kept waiting on a lock answers busy (StoreBusyError), not a 500', async () => {
    const s = await addSite(store);
    const made = await store.requests.create(newRequest(s), null, present, noMail);
    if (made.kind !== 'created') throw new Error('not created');
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM requests WHERE id = $1 FOR UPDATE', [made.view.request.id]);
      await expect(store.agentRequests.setStatus(s.site.id, made.view.request.number, () => 'open', NOW, noMail)).rejects.toBeInstanceOf(StoreBusyError);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await store.agentRequests.setStatus(s.site.id, made.view.request.number, () => 'open', NOW, noMail)).toMatchObject({ kind: 'done' });
  });

  it('a unit kept waiting for a pooled connection answers busy too', async () => {
    const s = await addSite(store);
    const made = await store.requests.create(newRequest(s), null, present, noMail);
    if (made.kind !== 'created') throw new Error('not created');
    // The wait for a connection gives up well before the lock wait would: the second unit is refused while the
    // first still waits. Not tighter than a second, so opening this store on a loaded machine is not what times out.
    const small = await t.openAnother({ poolSize: 1, connectTimeoutMs: 1000, lockTimeoutMs: 10_000 });
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM requests WHERE id = $1 FOR UPDATE', [made.view.request.id]);
      // The first unit holds the one connection while it waits for the row; the second waits for the connection.
      const first = small.agentRequests.setStatus(s.site.id, made.view.request.number, () => 'open', NOW, noMail);
      await expect(small.sites.count()).rejects.toBeInstanceOf(StoreBusyError);
      await holder.query('ROLLBACK');
      expect(await first).toMatchObject({ kind: 'done' });
    } finally {
      await holder.end();
    }
  });
});
