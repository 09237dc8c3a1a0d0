/**
 * The admin command line (`npm run admin -- …`), run through runAdmin against a temporary
 * DATABASE_PATH, then checked the way a host or agent would notice: through the HTTP API.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { runAdmin } from '../../server/admin/main.js';
import { parseArticleFile } from '../../server/admin/import-articles.js';
import { buildApp } from '../../server/app.js';
import { readConfig } from '../../server/config.js';
import type { Db } from '../../server/store/sqlite/client.js';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite/store.js';
import { agentApiTokens, agents, articles, outbox, sites } from '../../server/store/sqlite/schema.js';
import { hashSecret } from '../../server/auth/secrets.js';
import { hostToken } from '../support/member-tokens.js';
import { expectError } from './helpers.js';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;
const ORIGIN = 'https://shop.acme.example';

let dir: string;
let env: NodeJS.ProcessEnv;
let clock: { now: Date; advance(ms: number): void };
let database: SqliteStore | undefined;
let app: FastifyInstance | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-admin-'));
  env = { DATABASE_PATH: join(dir, 'porthole.db') };
  clock = {
    now: new Date('2026-11-23T10:00:00.000Z'),
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
});
afterEach(async () => {
  await app?.close();
  await database?.close();
  app = database = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env, { clock: () => clock.now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The app a running server would be (holding the file as a server does), on the same database file the commands write. */
async function server(): Promise<{ app: FastifyInstance; db: Db }> {
  database ??= openSqliteStore(env.DATABASE_PATH!);
  app ??= await buildApp({ store: database, config: readConfig(env), clock: () => clock.now });
  return { app, db: database.db };
}

const secretIn = (output: string) => /^Token secret: (\S+)$/m.exec(output)?.[1];

async function createAcme(...extra: string[]): Promise<string> {
  const result = await admin('create-site', '--slug', 'acme', '--name', 'Acme Shop', '--origin', ORIGIN, ...extra);
  expect(result.code, result.err).toBe(0);
  return secretIn(result.out)!;
}

function exchange(token: string) {
  return app!.inject({
    method: 'POST',
    url: '/api/v1/sites/acme/session',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token }),
  });
}

let subject = 0;
const memberToken = (secret: string) => hostToken({ sub: `member-${++subject}`, email: `member${subject}@acme.example` }, clock.now, secret);

describe('help and usage', () => {
  test('--help prints the commands and exits 0; each command has its own help', async () => {
    const global = await admin('--help');
    expect(global.code).toBe(0);
    expect(global.out).toMatch(/Usage: npm run admin -- <command>/);
    for (const command of ['create-site', 'rotate-secret', 'add-agent', 'list-tokens', 'revoke-token', 'reset-password', 'remove-agent', 'import-articles'])
      expect(global.out).toContain(command);

    const own = await admin('create-site', '--help');
    expect(own.code).toBe(0);
    expect(own.out).toMatch(/create-site --slug <slug> --name <name>/);
    expect(own.out).toContain('--origin');
    expect((await admin('help', 'rotate-secret')).out).toContain('--grace-hours');
  });

  test('no command, an unknown command or an unknown option is a usage error (exit 2) that points at --help', async () => {
    const none = await admin();
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage:');

    const unknown = await admin('create-sit', '--slug', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown command "create-sit"\. Did you mean create-site\?/);

    const option = await admin('create-site', '--slug', 'acme', '--name', 'Acme', '--orign', ORIGIN);
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/no option --orign\. Did you mean --origin\?/);
    expect(option.err).toContain('create-site --help');

    const missing = await admin('rotate-secret');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--site');
  });
});

describe('create-site', () => {
  test('prints a secret of at least 32 bytes once, and the site serves its config at once', async () => {
    const result = await admin(
      'create-site',
      '--slug',
      'acme',
      '--name',
      'Acme Shop',
      '--tier',
      'pro',
      '--color',
      '#0F766E',
      '--origin',
      ORIGIN,
      '--category',
      'Orders',
      '--category',
      'Billing',
    );
    expect(result.code, result.err).toBe(0);
    const secret = secretIn(result.out)!;
    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(result.out).toMatch(/shown once/i);
    expect(result.out).toMatch(/backend/);
    expect(result.out.split(secret).length).toBe(2);

    const { app } = await server();
    const config = await app.inject({ url: '/api/v1/sites/acme/config', headers: { origin: ORIGIN } });
    expect(config.statusCode).toBe(200);
    expect(config.json().site).toMatchObject({ slug: 'acme', name: 'Acme Shop', tier: 'pro', color: '#0f766e' });
    expect(config.json().categories.map((c: { name: string }) => c.name)).toEqual(['Orders', 'Billing']);
    expectError(await app.inject({ url: '/api/v1/sites/acme/config', headers: { origin: 'https://elsewhere.example' } }), 403, 'origin_not_allowed');

    // The printed secret is the one member tokens are checked with.
    expect((await exchange(memberToken(secret))).statusCode).toBe(200);
  });

  test('a site without --category gets one "General" category; the support page defaults to the first origin', async () => {
    await createAcme();
    const { db } = await server();
    expect(db.select().from(sites).where(eq(sites.slug, 'acme')).get()).toMatchObject({ supportUrl: `${ORIGIN}/`, tier: 'basic', allowedOrigins: [ORIGIN] });
    expect((await app!.inject({ url: '/api/v1/sites/acme/config' })).json().categories.map((c: { name: string }) => c.name)).toEqual(['General']);
  });

  test.each([[''], ['Acme'], ['acme_shop'], ['-acme'], ['a'.repeat(64)], ['acme shop']])(
    'slug %j is refused with exit 2 and nothing is written',
    async (slug) => {
      const result = await admin('create-site', `--slug=${slug}`, '--name', 'Acme', '--origin', ORIGIN);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/not a valid site slug: use 1–63 characters, lower-case letters, digits and "-"/);
      expect(result.out).toBe('');
      const { db } = await server();
      expect(await db.$count(sites)).toBe(0);
    },
  );

  test.each([
    ['https://shop.acme.example/', /Did you mean https:\/\/shop\.acme\.example\?/],
    ['https://shop.acme.example/app', /no path/],
    ['https://Shop.Acme.example', /Did you mean https:\/\/shop\.acme\.example\?/],
    ['https://shop.acme.example:443', /no default port/],
    ['shop.acme.example', /not an origin/],
    ['ftp://shop.acme.example', /not an origin/],
    ['null', /not an origin/],
    ['*', /not an origin/],
  ])('origin %j is refused with exit 2 and a hint', async (origin, hint) => {
    const result = await admin('create-site', '--slug', 'acme', '--name', 'Acme', '--origin', ORIGIN, '--origin', origin);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(hint);
    expect(result.err).toContain('--help');
    const { db } = await server();
    expect(await db.$count(sites)).toBe(0);
  });

  test('other bad values are usage errors too; a taken slug is a failure (exit 1) without a stack trace', async () => {
    expect((await admin('create-site', '--slug', 'acme', '--name', 'Acme', '--origin', ORIGIN, '--tier', 'gold')).code).toBe(2);
    expect((await admin('create-site', '--slug', 'acme', '--name', 'Acme', '--origin', ORIGIN, '--color', 'teal')).code).toBe(2);
    expect((await admin('create-site', '--slug', 'acme', '--name', '   ', '--origin', ORIGIN)).code).toBe(2);
    expect((await admin('create-site', '--slug', 'acme', '--name', 'Acme', '--category', 'A', '--category', 'a', '--origin', ORIGIN)).code).toBe(2);
    const noPage = await admin('create-site', '--slug', 'acme', '--name', 'Acme');
    expect(noPage.code).toBe(2);
    expect(noPage.err).toContain('--support-url');

    await createAcme();
    const again = await admin('create-site', '--slug', 'acme', '--name', 'Other', '--origin', ORIGIN);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/site with slug "acme" already exists/);
    expect(again.err).not.toMatch(/\n\s+at /);
  });
});

describe('rotate-secret', () => {
  test('tokens signed with the old secret still exchange during the grace period, and not after it', async () => {
    const oldSecret = await createAcme();
    await server();
    expect((await exchange(memberToken(oldSecret))).statusCode).toBe(200);

    const rotated = await admin('rotate-secret', '--site', 'acme');
    expect(rotated.code, rotated.err).toBe(0);
    const newSecret = secretIn(rotated.out)!;
    expect(newSecret).not.toBe(oldSecret);
    expect(Buffer.from(newSecret, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(rotated.out).toContain(`valid until ${new Date(clock.now.getTime() + 24 * HOUR).toISOString()}`);

    // The running app caches sites for 5 s, then sees the new row without a restart.
    clock.advance(6 * SECOND);
    expect((await exchange(memberToken(newSecret))).statusCode).toBe(200);
    expect((await exchange(memberToken(oldSecret))).statusCode).toBe(200);

    clock.advance(23 * HOUR);
    expect((await exchange(memberToken(oldSecret))).statusCode).toBe(200);

    clock.advance(HOUR);
    expectError(await exchange(memberToken(oldSecret)), 401, 'token_invalid');
    expect((await exchange(memberToken(newSecret))).statusCode).toBe(200);
  });

  test('--grace-hours sets the period; 0 retires the old secret at once', async () => {
    const first = await createAcme();
    await server();
    const second = secretIn((await admin('rotate-secret', '--site', 'acme', '--grace-hours', '2')).out)!;
    clock.advance(6 * SECOND);
    expect((await exchange(memberToken(first))).statusCode).toBe(200);
    clock.advance(2 * HOUR);
    expectError(await exchange(memberToken(first)), 401, 'token_invalid');

    const third = await admin('rotate-secret', '--site', 'acme', '--grace-hours', '0');
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/no longer accepted/);
    clock.advance(6 * SECOND);
    expectError(await exchange(memberToken(second)), 401, 'token_invalid');
    expect((await exchange(memberToken(secretIn(third.out)!))).statusCode).toBe(200);
  });

  test('rotating again inside a grace period warns that the earlier secret is dropped', async () => {
    await createAcme();
    await admin('rotate-secret', '--site', 'acme');
    const again = await admin('rotate-secret', '--site', 'acme');
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/^warning: the secret rotated out earlier .* is no longer accepted/);
  });

  test('an unknown site fails (exit 1); a bad --grace-hours is a usage error', async () => {
    const unknown = await admin('rotate-secret', '--site', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('error: There is no site "nope".');
    for (const hours of ['-1', 'soon', '100000', '']) expect((await admin('rotate-secret', '--site', 'acme', `--grace-hours=${hours}`)).code).toBe(2);
  });
});

describe('add-agent', () => {
  test('prints a first password that signs in to the inbox, and a token that works as a bearer token', async () => {
    await createAcme();
    const created = await admin('add-agent', '--site', 'acme', '--email', 'Riley@Acme.example', '--name', 'Riley Park');
    expect(created.code, created.err).toBe(0);
    const password = /^First password: (\S+)$/m.exec(created.out)?.[1];
    expect(password).toBeDefined();
    expect(created.out).not.toMatch(/API token/);

    const { app, db } = await server();
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/agent/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'riley@acme.example', password }),
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json().agent).toEqual({
      id: expect.stringMatching(/^agt_/),
      name: 'Riley Park',
      email: 'riley@acme.example',
      site: { slug: 'acme', name: 'Acme Shop' },
    });
    expect(db.select().from(agents).get()!.passwordHash).not.toContain(password!);

    // Same agent again: only with --token.
    const twice = await admin('add-agent', '--site', 'acme', '--email', 'riley@acme.example', '--name', 'Riley Park');
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/already has an agent riley@acme\.example\. Add --token/);

    const withToken = await admin('add-agent', '--site', 'acme', '--email', 'riley@acme.example', '--name', 'Riley Park', '--token', 'ticket sync');
    expect(withToken.code, withToken.err).toBe(0);
    expect(withToken.out).not.toMatch(/First password/);
    const token = /^API token: (pat_\S+)$/m.exec(withToken.out)![1]!;
    const me = await app.inject({ url: '/api/v1/agent/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().agent.email).toBe('riley@acme.example');

    const stored = db.select().from(agentApiTokens).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'ticket sync', tokenHash: hashSecret(token) });
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    expectError(await app.inject({ url: '/api/v1/agent/me', headers: { authorization: `Bearer ${token}x` } }), 401, 'session_expired');
  });

  test('--token for a new agent creates the agent (with a first password) and the token together', async () => {
    await createAcme();
    const result = await admin('add-agent', '--site', 'acme', '--email', 'bot@acme.example', '--name', 'Sync bot', '--token', 'sync');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^First password: \S+$/m);
    const token = /^API token: (pat_\S+)$/m.exec(result.out)![1]!;
    const { app } = await server();
    expect((await app.inject({ url: '/api/v1/agent/me', headers: { authorization: `Bearer ${token}` } })).json().agent.name).toBe('Sync bot');
  });

  test('a name (agent or site) with a bidi override or line separator, or of invisible characters only, is a usage error', async () => {
    await createAcme();
    const refused = await admin('add-agent', '--site', 'acme', '--email', 'riley@acme.example', '--name', 'Riley \u202enimda');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--name must not contain control characters, line separators or bidi controls');
    const invisible = await admin('add-agent', '--site', 'acme', '--email', 'riley@acme.example', '--name', '\u200b\u2060');
    expect(invisible.code).toBe(2);
    expect(invisible.err).toContain('--name must have something visible in it');
    expect((await admin('create-site', '--slug', 'other', '--name', 'Other\u2028Bcc', '--origin', ORIGIN)).code).toBe(2);
  });

  test('a bad email is a usage error; an unknown site a failure', async () => {
    expect((await admin('add-agent', '--site', 'acme', '--email', 'riley', '--name', 'Riley')).code).toBe(2);
    const unknown = await admin('add-agent', '--site', 'acme', '--email', 'riley@acme.example', '--name', 'Riley');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('error: There is no site "acme".');
  });
});

// ---- agents' credentials: tokens, removal, password resets ------------------------------

const firstPasswordIn = (output: string) => /^(?:First|New) password: (\S+)$/m.exec(output)?.[1];
const tokenIn = (output: string) => /^API token: (pat_\S+)$/m.exec(output)?.[1];
const tokenIdIn = (output: string) => /^Token id (tok_\S+);/m.exec(output)?.[1];

async function addRiley(...extra: string[]) {
  const result = await admin('add-agent', '--site', 'acme', '--email', 'riley@acme.example', '--name', 'Riley Park', ...extra);
  expect(result.code, result.err).toBe(0);
  return result;
}

function agentSignIn(password: string, email = 'riley@acme.example') {
  return app!.inject({
    method: 'POST',
    url: '/api/v1/agent/session',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });
}

/** The inbox cookie a sign-in set. */
async function inboxSession(password: string): Promise<string> {
  const response = await agentSignIn(password);
  expect(response.statusCode, response.body).toBe(200);
  return /^([^;]+);/.exec(String(response.headers['set-cookie']))![1]!;
}

const asAgent = (credential: string, url = '/api/v1/agent/me') =>
  app!.inject({ url, headers: credential.startsWith('pat_') ? { authorization: `Bearer ${credential}` } : { cookie: credential } });

describe('API tokens expire, are listed and revoked', () => {
  test('a token stops working after 90 days by default, or after --expires-days', async () => {
    await createAcme();
    const lasting = tokenIn((await addRiley('--token', 'sync')).out)!;
    const short = await addRiley('--token', 'one-off', '--expires-days', '2');
    expect(short.out).toContain(`stops working at ${new Date(clock.now.getTime() + 2 * DAY).toISOString()}`);
    await server();
    expect((await asAgent(tokenIn(short.out)!)).statusCode).toBe(200);

    clock.advance(2 * DAY);
    expectError(await asAgent(tokenIn(short.out)!), 401, 'session_expired');
    expect((await asAgent(lasting)).statusCode).toBe(200);
    clock.advance(88 * DAY - SECOND);
    expect((await asAgent(lasting)).statusCode).toBe(200);
    clock.advance(SECOND);
    expectError(await asAgent(lasting), 401, 'session_expired');
  });

  test('--expires-days must be 1–365 days and needs --token', async () => {
    await createAcme();
    for (const days of ['0', '366', '1.5', 'soon', '']) {
      const result = await admin(
        'add-agent',
        '--site',
        'acme',
        '--email',
        'riley@acme.example',
        '--name',
        'Riley',
        '--token',
        'sync',
        `--expires-days=${days}`,
      );
      expect(result.code, days).toBe(2);
      expect(result.err).toMatch(/--expires-days must be a whole number of days from 1 to 365/);
    }
    const alone = await admin('add-agent', '--site', 'acme', '--email', 'riley@acme.example', '--name', 'Riley', '--expires-days', '5');
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(/give --token <name> too/);
    expect(await (await server()).db.$count(agents)).toBe(0);
  });

  test('list-tokens shows each token’s id, name, agent, state and times — never the token or its hash — and --agent narrows it', async () => {
    await createAcme();
    expect((await admin('list-tokens', '--site', 'acme')).out).toBe('Site "acme" has no API tokens.');
    const sync = await addRiley('--token', 'ticket sync');
    clock.advance(HOUR);
    const bot = await admin('add-agent', '--site', 'acme', '--email', 'bot@acme.example', '--name', 'Bot', '--token', 'ci', '--expires-days', '1');
    await server();
    expect((await asAgent(tokenIn(sync.out)!)).statusCode).toBe(200);
    clock.advance(DAY);

    const listed = await admin('list-tokens', '--site', 'acme');
    expect(listed.code, listed.err).toBe(0);
    const [header, ...rows] = listed.out.split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['ID', 'NAME', 'AGENT', 'STATE', 'CREATED', 'LAST USED', 'EXPIRES', 'REVOKED']);
    expect(rows).toHaveLength(2);
    // Newest first.
    expect(rows[0]!.split(/\s{2,}/)).toEqual([
      tokenIdIn(bot.out),
      'ci',
      'bot@acme.example',
      'expired',
      '2026-11-23T11:00:00.000Z',
      'never',
      '2026-11-24T11:00:00.000Z',
      '-',
    ]);
    expect(rows[1]!.split(/\s{2,}/)).toEqual([
      tokenIdIn(sync.out),
      'ticket sync',
      'riley@acme.example',
      'active',
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T11:00:00.000Z',
      '2027-02-21T10:00:00.000Z',
      '-',
    ]);
    for (const output of [sync.out, bot.out]) expect(listed.out).not.toContain(tokenIn(output)!.slice(4, 20));
    const { db } = await server();
    for (const { tokenHash } of db.select().from(agentApiTokens).all()) expect(listed.out).not.toContain(tokenHash.slice(0, 16));

    const riley = await admin('list-tokens', '--site', 'acme', '--agent', 'Riley@Acme.example');
    expect(riley.out.split('\n')).toHaveLength(2);
    expect(riley.out).toContain('ticket sync');
    const nobody = await admin('list-tokens', '--site', 'acme', '--agent', 'nobody@acme.example');
    expect(nobody.code).toBe(1);
    expect(nobody.err).toBe('error: Site "acme" has no agent nobody@acme.example.');
    expect((await admin('list-tokens', '--site', 'nope')).err).toBe('error: There is no site "nope".');
  });

  test('revoke-token: a running server refuses the token from its next request; the agent’s other tokens keep working', async () => {
    await createAcme();
    const first = await addRiley('--token', 'sync');
    const second = tokenIn((await addRiley('--token', 'backup')).out)!;
    await server();
    expect((await asAgent(tokenIn(first.out)!)).statusCode).toBe(200);

    const revoked = await admin('revoke-token', '--id', tokenIdIn(first.out)!);
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out).toMatch(/^Revoked API token "sync" \(tok_\S+\) of agent riley@acme\.example, site "acme"\./);
    // No clock advance: not within 5 s, but at once.
    expectError(await asAgent(tokenIn(first.out)!), 401, 'session_expired');
    expectError(await asAgent(tokenIn(first.out)!, '/api/v1/agent/requests'), 401, 'session_expired');
    expect((await asAgent(second)).statusCode).toBe(200);
    expect((await admin('list-tokens', '--site', 'acme')).out).toMatch(
      new RegExp(`^${tokenIdIn(first.out)}\\s+sync\\s+riley@acme\\.example\\s+revoked\\s.*${clock.now.toISOString()}$`, 'm'),
    );

    clock.advance(HOUR);
    const again = await admin('revoke-token', '--id', tokenIdIn(first.out)!);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/was already revoked at 2026-11-23T10:00:00\.000Z\.$/);
  });

  test('revoke-token with an unknown id fails (exit 1); the token itself instead of its id is a usage error that echoes nothing', async () => {
    await createAcme();
    const token = tokenIn((await addRiley('--token', 'sync')).out)!;
    const unknown = await admin('revoke-token', '--id', 'tok_doesnotexist');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^error: There is no API token tok_doesnotexist\. list-tokens/);
    const secret = await admin('revoke-token', '--id', token);
    expect(secret.code).toBe(2);
    expect(secret.err).toMatch(/takes the token's id \(tok_…, from list-tokens\), not the token itself/);
    expect(secret.err).not.toContain(token);
    expect((await admin('revoke-token', '--id', 'riley')).code).toBe(2);
    expect((await admin('revoke-token')).code).toBe(2);
    await server();
    expect((await asAgent(token)).statusCode).toBe(200);
  });
});

describe('remove-agent', () => {
  test('ends the agent’s sessions and tokens at once, refuses their sign-in and stops the team mail; their replies keep their name', async () => {
    await createAcme();
    const riley = await addRiley('--token', 'sync');
    const colleague = tokenIn((await admin('add-agent', '--site', 'acme', '--email', 'sam@acme.example', '--name', 'Sam', '--token', 'sam')).out)!;
    const { app, db } = await server();
    const session = await inboxSession(firstPasswordIn(riley.out)!);
    const categoryId = (await app.inject({ url: '/api/v1/sites/acme/config' })).json().categories[0].id;
    const ask = (subject: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/sites/acme/requests',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ categoryId, subject, description: 'Help', email: 'pat@customer.example' }),
      });
    const before = (await ask('Before')).json().request.id;
    const reply = await app.inject({
      method: 'POST',
      url: `/api/v1/agent/requests/${before}/comments`,
      headers: { authorization: `Bearer ${tokenIn(riley.out)}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ body: 'On it.', public: true }),
    });
    expect(reply.statusCode, reply.body).toBe(201);

    const removed = await admin('remove-agent', '--site', 'acme', '--email', 'riley@acme.example');
    expect(removed.code, removed.err).toBe(0);
    expect(removed.out).toBe('Removed agent riley@acme.example (Riley Park) from site "acme": 1 inbox session ended, 1 API token revoked.');

    expectError(await asAgent(session), 401, 'session_expired');
    expectError(await asAgent(tokenIn(riley.out)!), 401, 'session_expired');
    expectError(await agentSignIn(firstPasswordIn(riley.out)!), 401, 'invalid_credentials');
    const after = (await ask('After')).json().request.id;
    const teamMail = (number: number) =>
      db
        .select()
        .from(outbox)
        .all()
        .filter((mail) => mail.toEmail !== 'pat@customer.example' && mail.subject.includes(`#${number}`))
        .map((mail) => mail.toEmail);
    expect(teamMail(before)).toContain('riley@acme.example');
    expect(teamMail(after)).toEqual(['sam@acme.example']);
    const thread = await asAgent(colleague, `/api/v1/agent/requests/${before}`);
    expect(thread.json().request.comments.map((c: { author: { name: string } }) => c.author.name)).toContain('Riley Park');
    expect((await admin('list-tokens', '--site', 'acme', '--agent', 'riley@acme.example')).out).toMatch(/\srevoked\s/);

    const again = await admin('remove-agent', '--site', 'acme', '--email', 'riley@acme.example');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/was already removed at 2026-11-23T10:00:00\.000Z\./);
  });

  test('add-agent brings a removed agent back with a new first password; the old password and token stay dead', async () => {
    await createAcme();
    const riley = await addRiley('--token', 'sync');
    await admin('remove-agent', '--site', 'acme', '--email', 'riley@acme.example');
    const back = await addRiley();
    expect(back.out).toMatch(/^Added agent riley@acme\.example \(Riley Park\) back to site "acme"/);
    const password = firstPasswordIn(back.out)!;
    expect(password).not.toBe(firstPasswordIn(riley.out));
    await server();
    expectError(await agentSignIn(firstPasswordIn(riley.out)!), 401, 'invalid_credentials');
    expectError(await asAgent(tokenIn(riley.out)!), 401, 'session_expired');
    expect((await asAgent(await inboxSession(password))).statusCode).toBe(200);
  });

  test('an unknown site or agent fails with exit 1; a bad email is a usage error', async () => {
    expect((await admin('remove-agent', '--site', 'acme', '--email', 'riley@acme.example')).err).toBe('error: There is no site "acme".');
    await createAcme();
    const unknown = await admin('remove-agent', '--site', 'acme', '--email', 'riley@acme.example');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('error: Site "acme" has no agent riley@acme.example.');
    expect((await admin('remove-agent', '--site', 'acme', '--email', 'riley')).code).toBe(2);
    expect((await admin('remove-agent', '--site', 'acme')).code).toBe(2);
  });
});

describe('reset-password', () => {
  test('prints a new password once and signs the agent out everywhere at once; API tokens keep working', async () => {
    await createAcme();
    const riley = await addRiley('--token', 'sync');
    await server();
    const laptop = await inboxSession(firstPasswordIn(riley.out)!);
    const phone = await inboxSession(firstPasswordIn(riley.out)!);

    const reset = await admin('reset-password', '--site', 'acme', '--email', 'Riley@acme.example');
    expect(reset.code, reset.err).toBe(0);
    expect(reset.out).toMatch(/^Reset the password of agent riley@acme\.example \(Riley Park\) of site "acme"; 2 inbox sessions ended\.$/m);
    const password = firstPasswordIn(reset.out)!;
    expect(reset.out.split(password)).toHaveLength(2);
    expect(reset.out).toMatch(/shown once/);

    for (const session of [laptop, phone]) expectError(await asAgent(session), 401, 'session_expired');
    expectError(await agentSignIn(firstPasswordIn(riley.out)!), 401, 'invalid_credentials');
    expect((await asAgent(await inboxSession(password))).statusCode).toBe(200);
    expect((await asAgent(tokenIn(riley.out)!)).statusCode).toBe(200);
  });

  test('an unknown or removed agent fails with exit 1 and no password is printed', async () => {
    await createAcme();
    const unknown = await admin('reset-password', '--site', 'acme', '--email', 'riley@acme.example');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('');
    await addRiley();
    await admin('remove-agent', '--site', 'acme', '--email', 'riley@acme.example');
    const removed = await admin('reset-password', '--site', 'acme', '--email', 'riley@acme.example');
    expect(removed.code).toBe(1);
    expect(removed.err).toMatch(/was removed at .*; add-agent adds them back/);
    expect(removed.out).toBe('');
  });
});

describe('import-articles', () => {
  let folder: string;
  beforeEach(() => {
    folder = join(dir, 'help');
    mkdirSync(folder);
  });
  const write = (name: string, text: string) => writeFileSync(join(folder, name), text);
  const search = async (q: string) =>
    ((await app!.inject({ url: `/api/v1/sites/acme/articles?q=${encodeURIComponent(q)}` })).json().articles as { id: string; title: string }[]).map(
      (a) => a.title,
    );

  test('creates searchable articles, and a re-import updates the edited one instead of duplicating it', async () => {
    await createAcme();
    write(
      'billing-help.md',
      '---\npages: /billing, /account/orders/\npopularity: 50\n---\n# Download your invoices\n\nInvoices are **emailed** as soon as a parcel ships.\n',
    );
    write('shipping.md', '# Shipping times\n\nParcels leave the warehouse within two days, by courier.\n');
    write('notes.txt', 'not markdown, not imported');

    const first = await admin('import-articles', '--site', 'acme', '--dir', folder);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/2 created, 0 updated, 0 unchanged/);

    const { app, db } = await server();
    expect(await search('courier')).toEqual(['Shipping times']);
    expect(await search('invoices')).toEqual(['Download your invoices']);
    const suggested = await app.inject({ url: `/api/v1/sites/acme/articles?url=${encodeURIComponent(`${ORIGIN}/account/orders/42`)}` });
    expect(suggested.json().articles[0].title).toBe('Download your invoices');
    const billing = db.select().from(articles).where(eq(articles.slug, 'billing-help')).get()!;
    expect(billing).toMatchObject({ title: 'Download your invoices', popularity: 50, excerpt: 'Invoices are emailed as soon as a parcel ships.' });
    expect(billing.html).toBe('<p>Invoices are <strong>emailed</strong> as soon as a parcel ships.</p>\n');

    write('shipping.md', '# Shipping times\n\nParcels leave the warehouse within two days, by drone.\n');
    clock.advance(HOUR);
    const second = await admin('import-articles', '--site', 'acme', '--dir', folder);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/0 created, 1 updated, 1 unchanged/);
    expect(second.out).toMatch(/^updated\s+shipping\s+Shipping times$/m);

    expect(await search('drone')).toEqual(['Shipping times']);
    expect(await search('courier')).toEqual([]);
    expect(await db.$count(articles)).toBe(2);
    const shipping = db.select().from(articles).where(eq(articles.slug, 'shipping')).get()!;
    expect(shipping.updatedAt).toBe(clock.now.toISOString());
    const read = await app.inject({ url: `/api/v1/sites/acme/articles/${shipping.id}` });
    expect(read.json().article.html).toContain('by drone');
    // Popularity left out of a file keeps what is stored.
    expect(db.select().from(articles).where(eq(articles.slug, 'billing-help')).get()!.popularity).toBe(50);
  });

  test('a file that cannot be imported is named, and nothing is imported', async () => {
    await createAcme();
    write('good.md', '# Good\n\nFine text.\n');
    write('untitled.md', 'Just text, no title.\n');
    write('typo.md', '---\npage: /billing\n---\n# Typo\n\nText.\n');
    const result = await admin('import-articles', '--site', 'acme', '--dir', folder);
    expect(result.code).toBe(1);
    expect(result.err).toContain('untitled.md: has no title');
    expect(result.err).toContain('typo.md: front matter has an unknown key "page"');
    expect(result.err).toMatch(/nothing was imported/);
    const { db } = await server();
    expect(await db.$count(articles)).toBe(0);
  });

  test('an unknown site or a missing folder fails with exit 1', async () => {
    expect((await admin('import-articles', '--site', 'acme', '--dir', folder)).err).toBe('error: There is no site "acme".');
    await createAcme();
    const missing = await admin('import-articles', '--site', 'acme', '--dir', join(dir, 'nowhere'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/does not exist/);
    const empty = await admin('import-articles', '--site', 'acme', '--dir', folder);
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/no \.md files/);
  });

  test('reads titles from front matter or the first heading, and slugs from file names', () => {
    expect(parseArticleFile('Returns & Refunds.md', '---\ntitle: "Returns"\npages: [/returns, /]\n---\n\nSend it back.')).toEqual({
      slug: 'returns-refunds',
      title: 'Returns',
      markdown: 'Send it back.',
      pages: ['/returns', '/'],
      popularity: undefined,
    });
    expect(parseArticleFile('a.md', '\uFEFF# Title here\r\n\r\nBody.\r\n')).toMatchObject({ title: 'Title here', markdown: 'Body.' });
    expect(() => parseArticleFile('a.md', '---\npopularity: lots\n---\n# T\n\nx')).toThrow(/popularity/);
    expect(() => parseArticleFile('a.md', '---\npages: billing\n---\n# T\n\nx')).toThrow(/path prefix/);
    expect(() => parseArticleFile('a.md', '# Only a title\n')).toThrow(/no text/);
    expect(() => parseArticleFile('__.md', '# T\n\nx')).toThrow(/file name/);
  });
});
