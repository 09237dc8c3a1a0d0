// When live events may have been missed (the bus lost messages: `resync`), every open stream — a
// member's and an agent's — says `event: resync` and ends, so its client reconnects and refetches
// what it shows; a stream opened again hears changes as before. On PostgreSQL the bus's LISTEN
// connection is really cut and comes back. One SQLite process loses nothing and never resyncs, so
// there the app is given a bus in front of the store's that delivers the signal.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createEventBus } from '../../server/services/events.js';
import { BUS_APPLICATION_NAME } from '../../server/store/pg/bus.js';
import type { Bus, BusSignal } from '../../server/store/shared-state.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngine } from '../support/test-engine.js';
import { agentToken, categoryId, listen, memberToken } from '../support/live-streams.js';
import { testPool } from '../support/postgres.js';

let t: TestApp;
let app: FastifyInstance;
let base: string;
let resync: () => Promise<void>;

beforeEach(async () => {
  t = await createTestApp();
  if (testEngine === 'postgres') {
    app = t.app;
    resync = () => cutBusConnection(t.config.databaseUrl!);
  } else {
    const bus = resyncingBus(t.store.bus);
    app = await buildApp({ store: t.store, config: t.config, clock: () => t.clock.now, events: createEventBus(bus) });
    resync = async () => bus.resync();
  }
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  if (app !== t.app) await app.close();
  await t.close();
});

it('a resync ends every open member and agent stream with a resync event; a stream opened again hears changes', async () => {
  const ana = await memberToken(t, base, 'ana', 'ana@example.com');
  const agent = await agentToken(t);
  const streams = await Promise.all([
    fetch(`${base}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${ana}` } }),
    fetch(`${base}/api/v1/agent/events`, { headers: { authorization: `Bearer ${agent}` } }),
  ]);
  const texts = streams.map(readAll);
  await resync();
  for (const text of await Promise.all(texts)) expect(text).toMatch(/^: connected\n\n(: ping\n\n)*event: resync\ndata: \{\}\n\n$/);

  const again = listen(await fetch(`${base}/api/v1/agent/events`, { headers: { authorization: `Bearer ${agent}` } }));
  const created = await fetch(`${base}/api/v1/sites/demo/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ana}` },
    body: JSON.stringify({ categoryId: await categoryId(base), subject: 'After the gap', description: 'Hello' }),
  });
  const { request } = (await created.json()) as { request: { id: number } };
  expect(await again.next(5_000)).toMatchObject({ id: request.id });
  await again.cancel();
});

/** Everything a stream sends until the server ends it (or fails after 10 s). */
async function readAll(response: Response): Promise<string> {
  const timeout = setTimeout(() => void response.body!.cancel(new Error('the stream did not end')), 10_000);
  try {
    return await response.text();
  } finally {
    clearTimeout(timeout);
  }
}

/** Ends the LISTEN connection of every bus on this database, as a network fault or a restart of PostgreSQL would. */
async function cutBusConnection(url: string): Promise<void> {
  const pool = testPool(url, 1);
  try {
    await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
      BUS_APPLICATION_NAME,
    ]);
  } finally {
    await pool.end();
  }
}

/** The store's bus, whose listeners also hear a `resync` when the test says so. */
function resyncingBus(bus: Bus): Bus & { resync(): void } {
  const listeners = new Set<(signal: BusSignal) => void>();
  return {
    publish: (message) => bus.publish(message),
    subscribe(listener) {
      listeners.add(listener);
      const stop = bus.subscribe(listener);
      return () => {
        listeners.delete(listener);
        stop();
      };
    },
    close: () => bus.close(),
    resync: () => listeners.forEach((listener) => listener({ kind: 'resync' })),
  };
}
