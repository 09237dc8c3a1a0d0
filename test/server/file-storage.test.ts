/**
 * The two file storages behind server/files/storage.ts, really exercised: the files directory
 * (atomic writes, nothing left by a failed one, keys that can never be paths) and, on the
 * PostgreSQL run, the database's chunks — written by one instance, read by another. And an upload
 * far past the JSON body limit goes through, streamed.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngine } from '../support/test-engine.js';
import { PNG, download, upload } from '../support/files.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';
import { buildApp } from '../../server/app.js';
import { directoryStorage } from '../../server/files/directory-storage.js';
import { CHUNK_BYTES } from '../../server/store/pg/file-chunks.js';
import type { FileStorage } from '../../server/files/storage.js';
import type { Store } from '../../server/store/types.js';
import { attachments } from '../support/tables.js';

async function* pieces(...parts: (Buffer | Error)[]): AsyncIterable<Uint8Array> {
  for (const part of parts) {
    if (part instanceof Error) throw part;
    yield part;
  }
}

/** The stored bytes, or an empty buffer when the storage has none. */
async function readAll(storage: FileStorage, siteId: string, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await storage.open(siteId, key)) ?? []) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const bytes = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31) % 251));

describe('the files directory', () => {
  let dir: string;
  let storage: FileStorage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porthole-files-'));
    storage = directoryStorage(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('writes under <site>/<key>, reads back, deletes; each site its own folder', async () => {
    const body = bytes(300_000);
    expect(await storage.write('site_a', 'key1', pieces(body.subarray(0, 1000), body.subarray(1000)))).toBe(body.length);
    await storage.write('site_b', 'key1', pieces(Buffer.from('other site')));
    expect((await readAll(storage, 'site_a', 'key1')).equals(body)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['site_a', 'site_b']);
    expect(readdirSync(join(dir, 'site_a'))).toEqual(['key1']);
    await storage.remove('site_a', 'key1');
    await storage.remove('site_a', 'key1');
    expect(readdirSync(join(dir, 'site_a'))).toEqual([]);
    expect(await storage.open('site_a', 'key1')).toBeUndefined();
    expect((await readAll(storage, 'site_b', 'key1')).toString()).toBe('other site');
  });

  test('a body that fails midway leaves neither the file nor its temporary', async () => {
    await expect(storage.write('site_a', 'key2', pieces(bytes(5000), new Error('client went away')))).rejects.toThrow('client went away');
    expect(readdirSync(join(dir, 'site_a'))).toEqual([]);
  });

  test('a key or site id that could name a path is refused', async () => {
    for (const [site, key] of [
      ['site_a', '../site_b/key1'],
      ['..', 'key'],
      ['site_a', '.hidden'],
      ['site/a', 'key'],
    ]) {
      await expect(storage.write(site!, key!, pieces(Buffer.from('x')))).rejects.toThrow('server-made ids');
    }
  });
});

describe.runIf(testEngine === 'postgres')('the database as file storage (PostgreSQL)', () => {
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

test('an upload far past the JSON body limit is streamed to storage and downloads whole', async () => {
  const t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  try {
    const cats = await categoryIds(t.app);
    const dana = await memberSession(t, { sub: 'storage-dana', email: 'dana@storage.example', name: 'Dana' });
    const big = Buffer.concat([PNG, bytes(3 * 1024 * 1024)]);
    const response = await upload(t, big, { headers: bearer(dana) });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().attachment.size).toBe(big.length);
    const created = await submit(
      t.app,
      { categoryId: cats['Account & sign-in'], subject: 'Big', description: 'Big file', attachmentIds: [response.json().attachment.id] },
      { headers: bearer(dana) },
    );
    const number = created.json().request.id;
    const view = await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(dana) });
    const got = await download(t, view.json().request.comments[0].attachments[0].url);
    expect(got.rawPayload.equals(big)).toBe(true);
    expect(got.headers['content-length']).toBe(String(big.length));
  } finally {
    await t.close();
  }
});
