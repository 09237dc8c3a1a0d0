/** add-webhook, list-webhooks and remove-webhook, on a temporary SQLite file. */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../server/admin/main.js';

let dir: string;
let env: NodeJS.ProcessEnv;
const now = new Date('2026-11-23T10:00:00.000Z');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-admin-'));
  env = { DATABASE_PATH: join(dir, 'porthole.db') };
  expect((await admin('create-site', '--slug', 'acme', '--name', 'Acme Shop', '--origin', 'https://shop.acme.example')).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env, { clock: () => now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const idIn = (output: string) => /webhook (whk_\S+) sends/.exec(output)?.[1];

test('add-webhook prints a signing secret once; list-webhooks shows the webhook and its events, never the secret', async () => {
  const added = await admin('add-webhook', '--site', 'acme', '--url', 'https://hooks.acme.example/porthole');
  expect(added.code).toBe(0);
  const secret = /^Signing secret \(shown once; verify Porthole-Signature with it\): (whsec_\S+)$/m.exec(added.out)?.[1];
  expect(secret).toBeDefined();
  expect(added.out).toContain('request.created, comment.created, request.status_changed, request.assigned');
  const listed = await admin('list-webhooks', '--site', 'acme');
  expect(listed.code).toBe(0);
  expect(listed.out).toContain(
    `${idIn(added.out)}  https://hooks.acme.example/porthole  request.created,comment.created,request.status_changed,request.assigned`,
  );
  expect(listed.out).toContain('no deliveries yet');
  expect(listed.out).not.toContain(secret!);
  expect(listed.out).toContain('Site "acme": 1 webhook.');
});

test('add-webhook refuses unknown events (listing the valid ones), non-http URLs and literal private addresses', async () => {
  const unknown = await admin('add-webhook', '--site', 'acme', '--url', 'https://hooks.acme.example/', '--events', 'request.created,ticket.exploded');
  expect(unknown).toMatchObject({ code: 2 });
  expect(unknown.err).toContain(
    'Unknown event "ticket.exploded". Events: request.created, comment.created, request.status_changed, request.assigned, note.created.',
  );
  expect(await admin('add-webhook', '--site', 'acme', '--url', 'ftp://hooks.acme.example/')).toMatchObject({ code: 2 });
  const loopback = await admin('add-webhook', '--site', 'acme', '--url', 'http://127.0.0.1:9000/hook');
  expect(loopback).toMatchObject({ code: 1 });
  expect(loopback.err).toContain('127.0.0.1 is a loopback address');
  expect((await admin('add-webhook', '--site', 'acme', '--url', 'http://[::ffff:10.0.0.1]/hook')).err).toContain('a private address');
  expect((await admin('list-webhooks', '--site', 'acme')).out).toContain('0 webhooks');
  // The development flag lets a local receiver in.
  env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'true';
  expect(await admin('add-webhook', '--site', 'acme', '--url', 'http://127.0.0.1:9000/hook', '--events', 'note.created')).toMatchObject({ code: 0 });
});

test('remove-webhook removes it from the list; an unknown id fails', async () => {
  const id = idIn((await admin('add-webhook', '--site', 'acme', '--url', 'https://hooks.acme.example/')).out)!;
  expect(await admin('remove-webhook', '--site', 'acme', '--id', id)).toMatchObject({ code: 0, out: `Site "acme": webhook ${id} removed.` });
  expect((await admin('list-webhooks', '--site', 'acme')).out).toBe('Site "acme": 0 webhooks.');
  const again = await admin('remove-webhook', '--site', 'acme', '--id', id);
  expect(again).toMatchObject({ code: 1 });
  expect(again.err).toContain(`has no webhook ${id}`);
});
