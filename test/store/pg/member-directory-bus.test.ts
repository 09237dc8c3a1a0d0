// A sign-in on one instance reaches the member caches of the others (services/member-directory.ts over store/pg/bus.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { SiteRow } from '../../../server/store/rows.js';
import type { MemberRecord } from '../../../server/store/types.js';
import { createMemberDirectory } from '../../../server/services/member-directory.js';
import { createPgBus } from '../../../server/store/pg/bus.js';
import type { Bus } from '../../../server/store/shared-state.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { freshDatabase, postgresAvailable, type TestDatabase } from '../../support/postgres.js';

describe.skipIf(!postgresAvailable())('member caches across instances', () => {
  let t: TestApp;
  let database: TestDatabase;
  let buses: Bus[];
  let site: SiteRow;

  beforeAll(async () => {
    t = await createTestApp();
    database = await freshDatabase();
    const log = { warn: vi.fn() };
    buses = [await createPgBus(database.url, { log }), await createPgBus(database.url, { log })];
    site = (await t.store.sites.findBySlug('demo'))!;
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await database.drop();
    await t.close();
  });

  const signIn = async (name: string) =>
    (await t.store.members.exchangeToken(
      site.id,
      { sub: 'ext-ann', email: 'ann@example.com', emailVerified: true, name, org: null, jti: randomUUID(), expiresAt: '2030-01-01T00:00:00.000Z' },
      t.clock.now.toISOString(),
    )) as MemberRecord;

  it("a forget on instance A makes instance B look the member up again, within the cache's 5 s", async () => {
    // Both instances read one database (here the test app's); each keeps its own cache.
    const clock = () => t.clock.now;
    const widgetSession = { onlyRequest: null, viaPortal: false };
    const [onA, onB] = buses.map((bus) => createMemberDirectory(t.store, clock, bus));
    const member = await signIn('Ann');
    expect((await onB.find(site, member.id, widgetSession))?.record.name).toBe('Ann');

    await signIn('Ann Smith');
    expect((await onB.find(site, member.id, widgetSession))?.record.name).toBe('Ann');
    onA.forget(site.id, member.id);
    await vi.waitFor(async () => expect((await onB.find(site, member.id, widgetSession))?.record.name).toBe('Ann Smith'));
  });
});
