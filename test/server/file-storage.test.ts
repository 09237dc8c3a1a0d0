/**
 * The two file storages behind server/files/storage.ts, really exercised: the files directory
 * (atomic writes, nothing left by a failed one, keys that can never be paths); an upload far past
 * the JSON body limit goes through, streamed. The database's chunks on PostgreSQL are
 * file-chunks-postgres.test.ts's.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp } from '../support/test-app.js';
import { PNG, bytes, download, pieces, readAll, upload } from '../support/files.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';
import { directoryStorage } from '../../server/files/directory-storage.js';
import type { FileStorage } from '../../server/files/storage.js';

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
