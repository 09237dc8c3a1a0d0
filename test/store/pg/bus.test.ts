// The PostgreSQL bus between instances (server/store/pg/bus.ts): two buses on one database stand for two API processes.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { BUS_APPLICATION_NAME, createPgBus } from '../../../server/store/pg/bus.js';
import type { Bus, BusMessage, BusSignal } from '../../../server/store/shared-state.js';
import { createEventBus, type RequestChanged } from '../../../server/services/events.js';
import { freshDatabase, postgresAvailable, type TestDatabase, testPool } from '../../support/postgres.js';

const change = (siteId: string, number: number): RequestChanged => ({
  siteId,
  number,
  updatedAt: '2026-11-23T10:00:00.000Z',
  endUserIds: ['usr_1'],
  organizationId: null,
});

/** Collects what a bus delivers, and waits for what a test expects to arrive. */
function heard(bus: Bus) {
  const signals: BusSignal[] = [];
  bus.subscribe((signal) => signals.push(signal));
  return { signals, until: (count: number) => vi.waitFor(() => expect(signals.length).toBeGreaterThanOrEqual(count), { timeout: 5_000 }) };
}

describe.skipIf(!postgresAvailable())('the PostgreSQL bus', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const log = { warn: vi.fn() };
  const open: Bus[] = [];
  const bus = async (source: string | pg.Pool = database.url) => {
    const opened = await createPgBus(source, { log, firstRetryMs: 20 });
    open.push(opened);
    return opened;
  };

  beforeAll(async () => {
    database = await freshDatabase();
    pool = testPool(database.url, 3);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((opened) => opened.close()));
    log.warn.mockClear();
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it("delivers a message to every instance's listeners, the sender's own included", async () => {
    const [a, b] = [await bus(), await bus(pool)];
    const [onA, onB] = [heard(a), heard(b)];
    const message: BusMessage = { kind: 'member-changed', siteId: 'site_1', memberId: 'usr_1' };
    await a.publish(message);
    await onA.until(1);
    await onB.until(1);
    expect(onA.signals).toEqual([message]);
    expect(onB.signals).toEqual([message]);
  });

  it('refuses, and logs, a message too big for NOTIFY (8000 bytes); smaller ones still go', async () => {
    const a = await bus();
    const onA = heard(a);
    await a.publish({ kind: 'site-changed', slug: 'x'.repeat(8_000) });
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ kind: 'site-changed' }), expect.stringMatching(/too big/));
    await a.publish({ kind: 'site-changed', slug: 'demo' });
    await onA.until(1);
    expect(onA.signals).toEqual([{ kind: 'site-changed', slug: 'demo' }]);
  });

  it('drops a payload of unknown shape on the channel, and keeps listening', async () => {
    const a = await bus();
    const onA = heard(a);
    await pool.query(`SELECT pg_notify('porthole_bus', 'not json'), pg_notify('porthole_bus', '{"kind":"shutdown"}')`);
    await a.publish({ kind: 'site-changed', slug: 'demo' });
    await onA.until(1);
    expect(onA.signals).toEqual([{ kind: 'site-changed', slug: 'demo' }]);
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it('listens again after its connection is killed, says resync, and then hears what is sent', async () => {
    const [a, b] = [await bus(), await bus()];
    const onB = heard(b);
    const killed = await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
      BUS_APPLICATION_NAME,
    ]);
    expect(killed.rowCount).toBe(2);
    await onB.until(1);
    expect(onB.signals).toEqual([{ kind: 'resync' }]);
    const message: BusMessage = { kind: 'site-changed', slug: 'demo' };
    // a has reconnected too (or is about to): its own publish goes through the pool either way.
    await vi.waitFor(async () => {
      await a.publish(message);
      expect(onB.signals).toContainEqual(message);
    });
  });

  it('keeps trying while the database refuses connections, then resyncs', async () => {
    const a = await bus();
    const onA = heard(a);
    // Run from the cluster's own database: a database cannot shut itself off.
    const adminUrl = new URL(database.url);
    const name = adminUrl.pathname.slice(1);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = $2', [BUS_APPLICATION_NAME, name]);
      await vi.waitFor(() => expect(log.warn).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/could not listen again/)), { timeout: 5_000 });
      expect(onA.signals).toEqual([]);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await onA.until(1);
    expect(onA.signals).toEqual([{ kind: 'resync' }]);
  });

  it('carries the event bus: a change published on one instance reaches that site’s listeners on both, no other site’s', async () => {
    const [eventsA, eventsB] = [createEventBus(await bus()), createEventBus(await bus())];
    const onSite1: RequestChanged[] = [];
    const onSite2: RequestChanged[] = [];
    eventsA.subscribe('site_1', (event) => onSite1.push(event));
    eventsB.subscribe('site_1', (event) => onSite1.push(event));
    eventsB.subscribe('site_2', (event) => onSite2.push(event));
    eventsA.publish(change('site_1', 7));
    await vi.waitFor(() => expect(onSite1).toEqual([change('site_1', 7), change('site_1', 7)]));
    expect(onSite2).toEqual([]);
  });

  it("tells the event bus's resync listeners when the connection came back", async () => {
    const events = createEventBus(await bus());
    const resynced = vi.fn();
    events.onResync(resynced);
    await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
      BUS_APPLICATION_NAME,
    ]);
    await vi.waitFor(() => expect(resynced).toHaveBeenCalledTimes(1));
  });

  it('fails to open when the database cannot be reached', async () => {
    const unreachable = new URL(database.url);
    unreachable.pathname = '/no_such_database';
    await expect(createPgBus(unreachable.toString(), { log })).rejects.toThrow(/does not exist/);
  });
});
