/**
 * Signing members in: which host tokens POST …/session refuses (and that a refusal writes nothing),
 * replay across restarts, short and rotated site secrets, and what the issued session is good for.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHmac, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTestApp, TEST_SITE_SECRET, type TestApp } from '../support/test-app.js';
import { hostToken, signJwt } from '../support/member-tokens.js';
import { buildApp } from '../../server/app.js';
import { MIN_SITE_SECRET_BYTES } from '../../server/store/rules/sites.js';
import { firstRow, siteBySlug, storedCounts } from '../support/inspect.js';
import { endUsers, organizations, settings, sites, usedTokenIds } from '../support/tables.js';
import { categoryIds, expectError, submit } from './helpers.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
});
afterEach(async () => {
  await t.close();
});

const ALICE = { sub: 'host-user-1', email: 'Alice@Members-Test.EXAMPLE', name: 'Alice Example', org: { id: 'org-1', name: 'Acme Ltd' } };
const nowSeconds = () => Math.floor(t.clock.now.getTime() / 1000);

function exchange(token: unknown, site = 'demo', app: FastifyInstance = t.app) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/sites/${site}/session`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token }),
  });
}

/** Everything a session exchange may write. */
async function memberTables() {
  return { endUsers: await t.db.$count(endUsers), usedTokenIds: await t.db.$count(usedTokenIds), organizations: await t.db.$count(organizations) };
}

const siteSecret = async (slug: string) => (await siteBySlug(t.db, slug)).tokenSecret;

/** Site rows are cached for up to 5 s; a change made directly in the database shows after that. */
async function updateSite(slug: string, values: Partial<typeof sites.$inferInsert>) {
  await t.db.update(sites).set(values).where(eq(sites.slug, slug));
  t.clock.advance(5 * SECOND + 1);
}

/** A full claim set for `now`, which each refusal case then breaks in one way. */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = nowSeconds();
  return { sub: ALICE.sub, email: ALICE.email, email_verified: true, name: ALICE.name, iat, exp: iat + 300, jti: randomUUID(), ...overrides };
}

function without(key: string): Record<string, unknown> {
  const all = claims();
  delete all[key];
  return all;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 header whose "signature" is an HMAC with the site secret: the classic algorithm-confusion forgery. */
function rs256WithHmac(payload: Record<string, unknown>): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', TEST_SITE_SECRET).update(input).digest('base64url')}`;
}

async function signIn(tokenClaims: Parameters<typeof hostToken>[0] = ALICE, site = 'demo', secret = TEST_SITE_SECRET) {
  const response = await exchange(hostToken(tokenClaims, t.clock.now, secret), site);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { accessToken: string; expiresAt: string; member: unknown };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const listMine = (headers: Record<string, string>, site = 'demo') => t.app.inject({ url: `/api/v1/sites/${site}/requests`, headers });

describe('host tokens the session exchange refuses', () => {
  const refusals: { name: string; code: string; token: () => string | Promise<string> }[] = [
    { name: 'alg none, with no signature', code: 'token_invalid', token: () => signJwt({ alg: 'none', typ: 'JWT' }, claims()) },
    { name: 'alg "None" spelled differently, with no signature', code: 'token_invalid', token: () => signJwt({ alg: 'None' }, claims()) },
    { name: 'HS512, even with the right secret', code: 'token_invalid', token: () => signJwt({ alg: 'HS512', typ: 'JWT' }, claims()) },
    { name: 'an RS256 header with no signature', code: 'token_invalid', token: () => signJwt({ alg: 'RS256', typ: 'JWT' }, claims()) },
    { name: 'an RS256 header with an HMAC of the site secret as signature', code: 'token_invalid', token: () => rs256WithHmac(claims()) },
    { name: 'HS256 signed with the wrong secret', code: 'token_invalid', token: () => signJwt({ alg: 'HS256' }, claims(), 'x'.repeat(48)) },
    { name: 'no exp', code: 'token_invalid', token: () => signJwt({ alg: 'HS256' }, without('exp')) },
    { name: 'no iat', code: 'token_invalid', token: () => signJwt({ alg: 'HS256' }, without('iat')) },
    { name: 'no jti', code: 'token_invalid', token: () => signJwt({ alg: 'HS256' }, without('jti')) },
    { name: 'no sub', code: 'token_invalid', token: () => signJwt({ alg: 'HS256' }, without('sub')) },
    { name: 'an empty sub', code: 'token_invalid', token: () => signJwt({ alg: 'HS256' }, claims({ sub: '  ' })) },
    { name: 'exp as a string', code: 'token_invalid', token: () => signJwt({ alg: 'HS256' }, claims({ exp: String(nowSeconds() + 300) })) },
    { name: 'no email', code: 'token_invalid', token: () => signJwt({ alg: 'HS256' }, without('email')) },
    {
      name: 'exp more than an hour after iat',
      code: 'token_invalid',
      token: () => signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds(), exp: nowSeconds() + 3601 })),
    },
    {
      name: 'exp before iat, though still within the skew',
      code: 'token_invalid',
      token: () => signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds(), exp: nowSeconds() - 10 })),
    },
    {
      name: 'expired 61 s ago (beyond the 60 s skew)',
      code: 'token_expired',
      token: () => signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds() - 361, exp: nowSeconds() - 61 })),
    },
    {
      name: 'expired an hour ago',
      code: 'token_expired',
      token: () => signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds() - 2 * 3600, exp: nowSeconds() - 3600 })),
    },
    {
      name: 'issued 61 s in the future (beyond the 60 s skew)',
      code: 'token_invalid',
      token: () => signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds() + 61, exp: nowSeconds() + 361 })),
    },
    { name: 'a garbage string', code: 'token_invalid', token: () => 'this is not a token at all' },
    { name: 'three dots of base64 garbage', code: 'token_invalid', token: () => 'eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl' },
    { name: "signed with the starter site's secret", code: 'token_invalid', token: async () => hostToken(ALICE, t.clock.now, await siteSecret('starter')) },
  ];

  test.each(refusals)('$name → 401 $code, and nothing is written', async ({ token, code }) => {
    const before = await memberTables();
    const error = expectError(await exchange(await token()), 401, code);
    expect(error.fields).toBeUndefined();
    expect(await memberTables()).toEqual(before);
    expect(await t.db.select().from(endUsers).where(eq(endUsers.externalId, ALICE.sub))).toEqual([]);
  });

  test('a token that expired 30 s ago is still accepted (60 s of skew)', async () => {
    const response = await exchange(signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds() - 330, exp: nowSeconds() - 30 })));
    expect(response.statusCode, response.body).toBe(200);
  });

  test('a token issued 30 s in the future is accepted (60 s of skew)', async () => {
    const response = await exchange(signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds() + 30, exp: nowSeconds() + 330 })));
    expect(response.statusCode, response.body).toBe(200);
  });

  test('a token living exactly one hour is accepted', async () => {
    const response = await exchange(signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds(), exp: nowSeconds() + 3600 })));
    expect(response.statusCode, response.body).toBe(200);
  });

  test("the server's own session token is refused as a host token, and writes nothing", async () => {
    const { accessToken } = await signIn();
    const before = await memberTables();
    expectError(await exchange(accessToken), 401, 'token_invalid');
    expect(await memberTables()).toEqual(before);
  });

  test('a host token used a second time → 401 token_replayed, and the second use writes nothing', async () => {
    const token = hostToken(ALICE, t.clock.now);
    const initially = await memberTables();
    expect((await exchange(token)).statusCode).toBe(200);
    const before = await memberTables();
    expect(before.usedTokenIds).toBe(initially.usedTokenIds + 1);
    expectError(await exchange(token), 401, 'token_replayed');
    expect(await memberTables()).toEqual(before);
  });

  test('the same token sent five times at once is exchanged exactly once', async () => {
    const token = hostToken(ALICE, t.clock.now);
    const before = await memberTables();
    const responses = await Promise.all(Array.from({ length: 5 }, () => exchange(token)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401]);
    for (const response of responses.filter((r) => r.statusCode === 401)) expectError(response, 401, 'token_replayed');
    expect((await memberTables()).usedTokenIds).toBe(before.usedTokenIds + 1);
  });

  test('a replayed token is refused also after a restart (a second app on the same database)', async () => {
    const token = hostToken(ALICE, t.clock.now);
    expect((await exchange(token)).statusCode).toBe(200);

    const reopened = await t.openAnotherStore();
    const restarted = await buildApp({ store: reopened, config: t.config, clock: () => t.clock.now });
    try {
      expectError(await exchange(token, 'demo', restarted), 401, 'token_replayed');
      // …while a fresh token still works on the restarted app.
      expect((await exchange(hostToken(ALICE, t.clock.now), 'demo', restarted)).statusCode).toBe(200);
    } finally {
      await restarted.close();
      await reopened.close();
    }
  });

  test('a jti used at demo does not block the same jti at starter (replay is per site)', async () => {
    const jti = randomUUID();
    expect((await exchange(hostToken({ ...ALICE, jti }, t.clock.now))).statusCode).toBe(200);
    expect((await exchange(hostToken({ ...ALICE, jti }, t.clock.now, await siteSecret('starter')), 'starter')).statusCode).toBe(200);
  });
});

describe('site token secrets', () => {
  test('a site whose stored secret is shorter than 32 bytes is refused when loaded (503 site_misconfigured)', async () => {
    expect((await t.app.inject({ url: '/api/v1/sites/demo/config' })).statusCode).toBe(200);
    await updateSite('demo', { tokenSecret: 's'.repeat(MIN_SITE_SECRET_BYTES - 1) });
    expectError(await t.app.inject({ url: '/api/v1/sites/demo/config' }), 503, 'site_misconfigured');
    const before = await memberTables();
    expectError(await exchange(hostToken(ALICE, t.clock.now, 's'.repeat(MIN_SITE_SECRET_BYTES - 1))), 503, 'site_misconfigured');
    expect(await memberTables()).toEqual(before);
    // The other site is unaffected.
    expect((await t.app.inject({ url: '/api/v1/sites/starter/config' })).statusCode).toBe(200);
  });

  test('a secret of exactly 32 bytes is fine', async () => {
    const secret = 'k'.repeat(MIN_SITE_SECRET_BYTES);
    await updateSite('demo', { tokenSecret: secret });
    expect((await t.app.inject({ url: '/api/v1/sites/demo/config' })).statusCode).toBe(200);
    expect((await exchange(hostToken(ALICE, t.clock.now, secret))).statusCode).toBe(200);
  });

  test('creating a site refuses a secret shorter than 32 bytes and stores nothing', async () => {
    const now = t.clock.now.toISOString();
    const site = {
      id: 'site_short',
      slug: 'short-secret',
      name: 'Short',
      color: '#000000',
      tier: 'basic' as const,
      tokenSecret: 'too-short-secret',
      previousTokenSecret: null,
      previousSecretValidUntil: null,
      allowedOrigins: [],
      supportUrl: 'https://short.example/help',
      lastRequestNumber: 1000,
      locale: 'en' as const,
      theme: 'auto' as const,
      createdAt: now,
      updatedAt: now,
    };
    await expect(t.store.admin.createSiteWithCategories(site, [])).rejects.toThrow(/shorter than 32 bytes/);
    expect(await firstRow(t.db.select().from(sites).where(eq(sites.slug, 'short-secret')))).toBeUndefined();
    // A multi-byte secret is measured in bytes: 16 × "é" is 32 bytes and is accepted.
    await t.store.admin.createSiteWithCategories({ ...site, tokenSecret: 'é'.repeat(16) }, []);
    expect(await firstRow(t.db.select().from(sites).where(eq(sites.slug, 'short-secret')))).toBeDefined();
  });

  test('after rotation, tokens signed with the previous secret work during the grace period and are refused after it', async () => {
    const newSecret = 'rotated-secret-0123456789-0123456789-0123456789';
    await updateSite('demo', {
      tokenSecret: newSecret,
      previousTokenSecret: TEST_SITE_SECRET,
      previousSecretValidUntil: new Date(t.clock.now.getTime() + 24 * HOUR).toISOString(),
    });
    expect((await exchange(hostToken(ALICE, t.clock.now, TEST_SITE_SECRET))).statusCode).toBe(200);
    expect((await exchange(hostToken(ALICE, t.clock.now, newSecret))).statusCode).toBe(200);
    // Still another secret is refused during the grace period.
    expectError(await exchange(hostToken(ALICE, t.clock.now, 'z'.repeat(48))), 401, 'token_invalid');

    t.clock.advance(23 * HOUR);
    expect((await exchange(hostToken(ALICE, t.clock.now, TEST_SITE_SECRET))).statusCode).toBe(200);

    t.clock.advance(HOUR);
    const before = await memberTables();
    expectError(await exchange(hostToken(ALICE, t.clock.now, TEST_SITE_SECRET)), 401, 'token_invalid');
    expect(await memberTables()).toEqual(before);
    expect((await exchange(hostToken(ALICE, t.clock.now, newSecret))).statusCode).toBe(200);
  });

  test('a previous secret whose grace period already ended is never accepted', async () => {
    const newSecret = 'rotated-secret-0123456789-0123456789-0123456789';
    await updateSite('demo', {
      tokenSecret: newSecret,
      previousTokenSecret: TEST_SITE_SECRET,
      previousSecretValidUntil: new Date(t.clock.now.getTime() - SECOND).toISOString(),
    });
    expectError(await exchange(hostToken(ALICE, t.clock.now, TEST_SITE_SECRET)), 401, 'token_invalid');
  });
});

describe('a successful exchange', () => {
  test('returns the session and the member: email lower-cased, organization by name, expiry 15 minutes after now', async () => {
    const response = await exchange(hostToken(ALICE, t.clock.now));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expiresAt: '2026-11-23T10:15:00.000Z',
      member: { name: 'Alice Example', email: 'alice@members-test.example', emailVerified: true, organization: { name: 'Acme Ltd' } },
    });
    const stored = await t.db.select().from(endUsers).where(eq(endUsers.externalId, ALICE.sub));
    expect(stored).toMatchObject([{ email: 'alice@members-test.example', emailVerified: true, name: 'Alice Example' }]);
    expect(await t.db.select().from(organizations).where(eq(organizations.externalId, 'org-1'))).toMatchObject([
      { name: 'Acme Ltd', id: stored[0].organizationId },
    ]);
  });

  test('a member without org and with an unverified email is presented as such', async () => {
    const response = await exchange(hostToken({ sub: 'host-user-2', email: '  Bob@Members-Test.example ', email_verified: false }, t.clock.now));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().member).toEqual({ name: null, email: 'bob@members-test.example', emailVerified: false, organization: null });
  });

  test('signing in again updates the same member record from the new claims', async () => {
    const initially = await memberTables();
    await signIn();
    const again = await signIn({ ...ALICE, name: 'Alice Renamed', org: { id: 'org-1', name: 'Acme Renamed' } });
    expect(again.member).toEqual({ name: 'Alice Renamed', email: 'alice@members-test.example', emailVerified: true, organization: { name: 'Acme Renamed' } });
    expect(await memberTables()).toEqual({
      endUsers: initially.endUsers + 1,
      organizations: initially.organizations + 1,
      usedTokenIds: initially.usedTokenIds + 2,
    });
  });
});

describe('the member session', () => {
  test('the access token works on GET …/requests', async () => {
    const { accessToken } = await signIn();
    const response = await listMine(bearer(accessToken));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ requests: [], nextCursor: null });
  });

  test("is 401 session_expired at another site's path", async () => {
    const { accessToken } = await signIn();
    expectError(await listMine(bearer(accessToken), 'starter'), 401, 'session_expired');
    expectError(await t.app.inject({ url: '/api/v1/sites/starter/requests/summary', headers: bearer(accessToken) }), 401, 'session_expired');
  });

  test('still works at 14 min 59 s, and is 401 session_expired after 15 min + 1 s', async () => {
    const { accessToken } = await signIn();
    t.clock.advance(15 * MINUTE - SECOND);
    expect((await listMine(bearer(accessToken))).statusCode).toBe(200);
    t.clock.advance(2 * SECOND);
    expectError(await listMine(bearer(accessToken)), 401, 'session_expired');
  });

  test('a tampered token is 401 session_expired', async () => {
    const { accessToken } = await signIn();
    const [header, payload, signature] = accessToken.split('.');
    const claimsOf = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherPayload = b64({ ...claimsOf, exp: claimsOf.exp + 3600 });
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    for (const tampered of [`${header}.${otherPayload}.${signature}`, `${header}.${payload}.${flipped}`, `${header}.${payload}.`]) {
      expectError(await listMine({ authorization: `Bearer ${tampered}` }), 401, 'session_expired');
    }
  });

  test('a missing bearer is 401 session_expired on every member route', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/sites/demo/requests'],
      ['GET', '/api/v1/sites/demo/requests/summary'],
      ['GET', '/api/v1/sites/demo/requests/1001'],
      ['POST', '/api/v1/sites/demo/requests/1001/comments'],
      ['POST', '/api/v1/sites/demo/requests/1001/solve'],
    ] as const) {
      const response = await t.app.inject({
        method,
        url,
        ...(method === 'POST' && { headers: { 'content-type': 'application/json' }, payload: url.endsWith('comments') ? '{"body":"hi"}' : '{}' }),
      });
      expectError(response, 401, 'session_expired');
    }
  });

  test.each([
    ['a lowercase scheme', (token: string) => `bearer ${token}`],
    ['another scheme', (token: string) => `Basic ${token}`],
    ['no token after Bearer', () => 'Bearer '],
    ['two spaces', (token: string) => `Bearer  ${token}`],
    ['trailing text', (token: string) => `Bearer ${token} extra`],
    ['the token alone', (token: string) => token],
  ])('a malformed Authorization header (%s) is 401 session_expired', async (_name, header) => {
    const { accessToken } = await signIn();
    expectError(await listMine({ authorization: header(accessToken) }), 401, 'session_expired');
  });

  test('a host token used as a bearer is 401 session_expired', async () => {
    const host = hostToken(ALICE, t.clock.now);
    expectError(await listMine(bearer(host)), 401, 'session_expired');
    // …even one already exchanged (its member exists).
    const used = hostToken(ALICE, t.clock.now);
    expect((await exchange(used)).statusCode).toBe(200);
    expectError(await listMine(bearer(used)), 401, 'session_expired');
  });

  test('a session-key token without aud "member" is refused; the same with it is accepted (the key alone is not enough)', async () => {
    const { accessToken } = await signIn();
    const sessionSecret = (await firstRow(t.db.select().from(settings).where(eq(settings.key, 'session_secret'))))!.value;
    const real = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
    expect(real).toMatchObject({ aud: 'member', sub: expect.any(String), site: expect.any(String) });
    const forged = (changes: Record<string, unknown>) => signJwt({ alg: 'HS256', typ: 'JWT' }, { ...real, ...changes }, sessionSecret);
    expect((await listMine(bearer(forged({})))).statusCode).toBe(200);
    expectError(await listMine(bearer(forged({ aud: 'agent' }))), 401, 'session_expired');
    const { aud: _aud, ...noAud } = real;
    expectError(await listMine(bearer(signJwt({ alg: 'HS256' }, noAud, sessionSecret))), 401, 'session_expired');
    expectError(await listMine(bearer(forged({ exp: undefined }))), 401, 'session_expired');
  });

  test('POST …/requests with a bad bearer is 401 — never an anonymous fall-back — and stores nothing', async () => {
    const cats = await categoryIds(t.app);
    const body = { categoryId: cats['Account & sign-in'], subject: 'Help', description: 'Please', email: 'ada@example.com' };
    const { accessToken } = await signIn();
    const before = await storedCounts(t.db);
    for (const authorization of ['Bearer not-a-real-session-token', `Bearer ${hostToken(ALICE, t.clock.now)}`, 'Basic abc', `Bearer ${accessToken}x`]) {
      expectError(await submit(t.app, body, { headers: { authorization } }), 401, 'session_expired');
    }
    t.clock.advance(16 * MINUTE);
    expectError(
      await submit(t.app, { categoryId: body.categoryId, subject: 'Help', description: 'Please' }, { headers: bearer(accessToken) }),
      401,
      'session_expired',
    );
    expect(await storedCounts(t.db)).toEqual(before);
    // The same body without any Authorization header is a normal anonymous submission.
    expect((await submit(t.app, body)).statusCode).toBe(201);
  });
});
