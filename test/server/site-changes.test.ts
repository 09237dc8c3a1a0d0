// A site changed by the admin command — another process, with its own store — is served new at once
// by every running instance on PostgreSQL, not after the site cache's 5 s (services/site-directory.ts);
// the fake clock never moves, so what is seen new cannot be the cache running out. On SQLite the
// command cannot reach a running server's memory: its 5 s is admin-cli.test.ts's. The demo site's
// origins, which a starting server updates itself, apply at once on both engines.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { runAdmin } from '../../server/admin/main.js';
import { buildApp } from '../../server/app.js';
import { syncDemoSite } from '../../server/seed/seed.js';
import { BUS_APPLICATION_NAME } from '../../server/store/pg/bus.js';
import type { Store } from '../../server/store/types.js';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { testEngine } from '../support/test-engine.js';
import { hostToken } from '../support/member-tokens.js';
import { sites } from '../support/tables.js';
import { expectError } from './helpers.js';
import { testPool } from '../support/postgres.js';

const NEW_ORIGIN = 'http://localhost:8181';
const LONG_ENOUGH = 'a-secret-set-behind-the-servers-back-0123456789';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const exchange = (app: FastifyInstance, secret?: string, site = 'demo') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/sites/${site}/session`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token: hostToken({ sub: 'ann', email: 'ann@example.com' }, t.clock.now, secret) }),
  });

const configFrom = (app: FastifyInstance, origin: string, site = 'demo') => app.inject({ url: `/api/v1/sites/${site}/config`, headers: { origin } });

it('the demo site following its host to a new port is served at once, not after the site cache’s 5 s', async () => {
  expectError(await configFrom(t.app, NEW_ORIGIN), 403, 'origin_not_allowed');
  await syncDemoSite(t.store, { demoOrigins: [NEW_ORIGIN], demoSupportUrl: `${NEW_ORIGIN}/`, now: t.clock.now });
  await vi.waitFor(async () => expect((await configFrom(t.app, NEW_ORIGIN)).statusCode).toBe(200));
  expectError(await configFrom(t.app, DEMO_ORIGIN), 403, 'origin_not_allowed');
});

// Registered only where it runs (the http-postgres project), so no run reports it skipped.
if (testEngine === 'postgres')
  describe('two instances on PostgreSQL', () => {
    let otherStore: Store;
    let other: FastifyInstance;
    beforeEach(async () => {
      otherStore = await t.openAnotherStore();
      other = await buildApp({ store: otherStore, config: t.config, clock: () => t.clock.now });
    });
    afterEach(async () => {
      await other.close();
      await otherStore.close();
    });

    async function admin(...argv: string[]) {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
      const code = await runAdmin(argv, io, { DATABASE_URL: t.config.databaseUrl }, { clock: () => t.clock.now });
      expect(code, err.join('\n')).toBe(0);
      return out.join('\n');
    }

    it('a secret rotated with the admin command is the one both instances check, at once', async () => {
      for (const app of [t.app, other]) expect((await exchange(app)).statusCode).toBe(200);
      const rotated = await admin('rotate-secret', '--site', 'demo', '--grace-hours', '0');
      expect(rotated).toContain('running servers stop accepting it at once');
      const secret = /^Token secret: (\S+)$/m.exec(rotated)![1]!;

      for (const app of [t.app, other]) {
        await vi.waitFor(async () => expect((await app.porthole.sites.find('demo'))?.tokenSecret).toBe(secret));
        expect((await exchange(app, secret)).statusCode).toBe(200);
        expectError(await exchange(app), 401, 'token_invalid');
      }
    });

    it('a site created with the admin command is served by an instance that had found no such site just before', async () => {
      expectError(await configFrom(other, 'https://shop.acme.example', 'acme'), 404, 'not_found');
      await admin('create-site', '--slug', 'acme', '--name', 'Acme Shop', '--origin', 'https://shop.acme.example');
      await vi.waitFor(async () => expect((await configFrom(other, 'https://shop.acme.example', 'acme')).statusCode).toBe(200));
    });

    it('once the bus may have missed messages (its LISTEN connection dropped), every instance looks its sites up again', async () => {
      for (const app of [t.app, other]) expect((await exchange(app)).statusCode).toBe(200);
      // Changed behind the servers' backs: nothing announces it, so the cached row is still served.
      await t.db.update(sites).set({ tokenSecret: LONG_ENOUGH }).where(eq(sites.slug, 'demo'));
      expectError(await exchange(t.app, LONG_ENOUGH), 401, 'token_invalid');

      const pool = testPool(t.config.databaseUrl!, 1);
      try {
        const { rowCount } = await pool.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
          [BUS_APPLICATION_NAME],
        );
        expect(rowCount).toBe(2);
      } finally {
        await pool.end();
      }
      for (const app of [t.app, other]) {
        await vi.waitFor(async () => expect((await app.porthole.sites.find('demo'))?.tokenSecret).toBe(LONG_ENOUGH), { timeout: 5_000 });
        expect((await exchange(app, LONG_ENOUGH)).statusCode).toBe(200);
      }
    });
  });
