/**
 * The database as file storage on PostgreSQL (server/store/pg/file-chunks.ts), really exercised:
 * chunks written by one instance as they arrive and read by another, nothing left by a failed
 * write or a crash. Only the PostgreSQL run includes this file (test/vitest.config.ts).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PNG, bytes, pieces, readAll, upload } from '../support/files.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';
import { buildApp } from '../../server/app.js';
import { CHUNK_BYTES } from '../../server/store/pg/file-chunks.js';
import type { Store } from '../../server/store/types.js';
import { attachments } from '../support/tables.js';

describe('the database as file storage (PostgreSQL)', () => {
  let t: TestApp;
  let other: Store;
  beforeEach(async () => {
    t = await createTestApp();
    other = await t.openAnotherStore();
  });
  afterEach(async () => {
    await other.close();
    await t.close();
  });

  test('chunks written by one instance as they arrive are read by another, streamed chunk by chunk', async () => {
    const siteId = (await t.store.sites.findBySlug('demo'))!.id;
    const body = bytes(CHUNK_BYTES * 2 + 12_345);
    // Pieces of odd sizes, as a socket delivers them.
    const parts = [body.subarray(0, 1000), body.subarray(1000, CHUNK_BYTES + 7), body.subarray(CHUNK_BYTES + 7)];
    expect(await t.store.fileBytes!.write(siteId, 'shared1', pieces(...parts))).toBe(body.length);

    const seen: number[] = [];
    for await (const chunk of (await other.fileBytes!.open(siteId, 'shared1'))!) seen.push((chunk as Buffer).length);
    expect(seen).toEqual([CHUNK_BYTES, CHUNK_BYTES, 12_345]);
    expect((await readAll(other.fileBytes!, siteId, 'shared1')).equals(body)).toBe(true);

    await other.fileBytes!.remove(siteId, 'shared1');
    expect((await readAll(t.store.fileBytes!, siteId, 'shared1')).length).toBe(0);
  });

  test('a body that fails midway leaves no chunks', async () => {
    const siteId = (await t.store.sites.findBySlug('demo'))!.id;
    await expect(t.store.fileBytes!.write(siteId, 'broken', pieces(bytes(CHUNK_BYTES + 10), new Error('gone')))).rejects.toThrow('gone');
    expect((await readAll(t.store.fileBytes!, siteId, 'broken')).length).toBe(0);
  });

  test("housekeeping removes chunks no record names (an upload cut off by a crash), and keeps a recorded file's", async () => {
    const dana = await memberSession(t, { sub: 'storage-dana', email: 'dana@storage.example', name: 'Dana' });
    expect((await upload(t, PNG, { headers: bearer(dana) })).statusCode).toBe(201);
    const [kept] = await t.db.select().from(attachments);
    await t.store.fileBytes!.write(kept!.siteId, 'crashed', pieces(bytes(CHUNK_BYTES + 5)));
    // Chunks are stamped with the wall clock; a cutoff an hour ahead makes both files old enough.
    await t.store.housekeeping.forgetUnclaimedAttachments(new Date(Date.now() + 3_600_000).toISOString());
    expect((await readAll(t.store.fileBytes!, kept!.siteId, 'crashed')).length).toBe(0);
    // The recorded upload was unclaimed too, so its record went; its bytes are the maintenance's to delete (services/maintenance.ts).
    expect((await readAll(t.store.fileBytes!, kept!.siteId, kept!.storageKey)).equals(PNG)).toBe(true);
  });

  test('a file uploaded to one instance downloads from another', async () => {
    // A second instance: its own app on its own connections to the same database.
    const app2 = await buildApp({ store: other, config: t.config, clock: () => t.clock.now });
    try {
      const cats = await categoryIds(t.app);
      const dana = await memberSession(t, { sub: 'storage-dana', email: 'dana@storage.example', name: 'Dana' });
      const id = (await upload(t, PNG, { headers: bearer(dana) })).json().attachment.id;
      const created = await submit(
        t.app,
        { categoryId: cats['Account & sign-in'], subject: 'Two instances', description: 'File', attachmentIds: [id] },
        { headers: bearer(dana) },
      );
      const number = created.json().request.id;
      const view = await app2.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(dana) });
      const { pathname, search } = new URL(view.json().request.comments[0].attachments[0].url);
      const got = await app2.inject({ url: pathname + search });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(PNG)).toBe(true);
    } finally {
      await app2.close();
    }
  });
});
