/** The admin commands of mail in: the block list and a site's inbound settings, on a temporary SQLite file. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../server/admin/main.js';
import { openSqliteStore } from '../../server/store/sqlite/store.js';

let dir: string;
let env: NodeJS.ProcessEnv;
const now = new Date('2026-11-23T10:00:00.000Z');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-admin-'));
  env = { DATABASE_PATH: join(dir, 'porthole.db') };
  expect((await admin('create-site', '--slug', 'acme', '--name', 'Acme Shop', '--origin', 'https://shop.acme.example')).code).toBe(0);
  expect((await admin('create-site', '--slug', 'other', '--name', 'Other', '--origin', 'https://other.example')).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env, { clock: () => now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function withStore<T>(work: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> {
  const store = openSqliteStore(env.DATABASE_PATH!);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('block-sender, unblock-sender, list-blocked', () => {
  test('block an address and a domain, list them, unblock one', async () => {
    expect(await admin('block-sender', '--site', 'acme', '--address', 'Spam@Bad.example')).toMatchObject({ code: 0 });
    expect(await admin('block-sender', '--site', 'acme', '--domain', 'worse.example')).toMatchObject({ code: 0 });
    expect((await admin('block-sender', '--site', 'acme', '--domain', 'worse.example')).out).toContain('already blocked');
    const listed = await admin('list-blocked', '--site', 'acme');
    expect(listed.out.split('\n').map((line) => line.split('\t')[0])).toEqual(['@worse.example', 'spam@bad.example', 'Site "acme": 2 blocked senders.']);
    expect((await admin('unblock-sender', '--site', 'acme', '--domain', 'worse.example')).out).toContain('no longer blocked');
    expect((await admin('list-blocked', '--site', 'other')).out).toBe('Site "other": 0 blocked senders.');
  });

  test('wrong usage is exit 2 with a reason', async () => {
    expect(await admin('block-sender', '--site', 'acme')).toMatchObject({ code: 2, err: expect.stringContaining('--address or --domain') });
    expect(await admin('block-sender', '--site', 'acme', '--address', 'x@y.example', '--domain', 'y.example')).toMatchObject({ code: 2 });
    expect(await admin('block-sender', '--site', 'acme', '--domain', 'not a domain')).toMatchObject({ code: 2 });
  });
});

describe('set-inbound', () => {
  test('allows other senders and gives a site its own address, which no other site may take', async () => {
    expect(await admin('set-inbound', '--site', 'acme', '--allow-other-senders', 'yes', '--address', 'Help@Inbound.localhost')).toMatchObject({ code: 0 });
    const saved = await withStore(async (store) => store.inbound.settings((await store.sites.findBySlug('acme'))!.id));
    expect(saved).toMatchObject({ allowOtherSenders: true, address: 'help@inbound.localhost' });
    expect(await admin('set-inbound', '--site', 'other', '--address', 'help@inbound.localhost')).toMatchObject({
      code: 1,
      err: expect.stringContaining('already'),
    });
    expect(await admin('set-inbound', '--site', 'acme', '--address', 'none')).toMatchObject({ code: 0 });
    expect(await withStore((store) => store.inbound.siteOfAddress('help@inbound.localhost'))).toBeUndefined();
    expect(await admin('set-inbound', '--site', 'acme', '--allow-other-senders', 'maybe')).toMatchObject({ code: 2 });
  });
});
