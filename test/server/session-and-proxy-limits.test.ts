/**
 * Abuse limits not covered by rate-limits.test.ts and requests.test.ts: signing in (the host-token
 * exchange) is limited per site and address for failures and per member for successes, a made-up
 * X-Forwarded-For never resets a limit, and with TRUST_PROXY set the forwarded address is the one
 * counted (so visitors behind the operator's proxy are not all one address).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { hostToken } from '../support/member-tokens.js';
import { siteBySlug, storedCounts } from '../support/inspect.js';
import { endUsers, usedTokenIds } from '../support/tables.js';
import { categoryIds, expectError, submit } from './helpers.js';

const MINUTE = 60 * 1000;

let t: TestApp;
afterEach(() => t.close());

const ANA = { sub: 'limit-ana', email: 'ana@limits.example', name: 'Ana' };
const BEN = { sub: 'limit-ben', email: 'ben@limits.example', name: 'Ben' };

interface From {
  site?: string;
  remoteAddress?: string;
  forwardedFor?: string;
}

function exchange(token: string, from: From = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${from.site ?? 'demo'}/session`,
    headers: { 'content-type': 'application/json', ...(from.forwardedFor && { 'x-forwarded-for': from.forwardedFor }) },
    payload: JSON.stringify({ token }),
    ...(from.remoteAddress && { remoteAddress: from.remoteAddress }),
  });
}

const validToken = (claims = ANA, secret?: string) => hostToken(claims, t.clock.now, secret);
/** A well-formed token signed with a secret nobody has: a guess. */
const guess = () => hostToken(ANA, t.clock.now, 'a-secret-that-is-not-the-site-secret-0123456789');
const siteSecret = async (slug: string) => (await siteBySlug(t.db, slug)).tokenSecret;
const signInWrites = async () => ({ endUsers: await t.db.$count(endUsers), usedTokenIds: await t.db.$count(usedTokenIds) });

async function failTwentyTimes(from: From) {
  for (let i = 0; i < 20; i++) expectError(await exchange(guess(), from), 401, 'token_invalid');
}

describe('signing in with a host token', () => {
  it('after 20 failed attempts from one address, even a valid token is 429 with Retry-After, and nothing is written', async () => {
    t = await createTestApp();
    await failTwentyTimes({});
    const before = await signInWrites();
    const limited = await exchange(validToken());
    expectError(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await signInWrites()).toEqual(before);
  });

  it('a guessing address does not lock out other addresses, or the same address at another site', async () => {
    t = await createTestApp();
    await failTwentyTimes({ remoteAddress: '203.0.113.50' });
    expectError(await exchange(validToken(), { remoteAddress: '203.0.113.50' }), 429, 'rate_limited');
    expect((await exchange(validToken(), { remoteAddress: '198.51.100.8' })).statusCode).toBe(200);
    const starter = await exchange(validToken(ANA, await siteSecret('starter')), { site: 'starter', remoteAddress: '203.0.113.50' });
    expect(starter.statusCode, starter.body).toBe(200);
  });

  it('the limit lifts once its 10-minute window has passed', async () => {
    t = await createTestApp();
    await failTwentyTimes({});
    expectError(await exchange(validToken()), 429, 'rate_limited');
    t.clock.advance(10 * MINUTE + 1000);
    expect((await exchange(validToken())).statusCode).toBe(200);
  });

  it('successful sign-ins do not count towards the failure limit: 25 members behind one office address all get in', async () => {
    t = await createTestApp();
    for (let i = 0; i < 25; i++) {
      const response = await exchange(validToken({ sub: `office-${i}`, email: `person${i}@office.example`, name: `Person ${i}` }));
      expect(response.statusCode, `member ${i}: ${response.body}`).toBe(200);
    }
  });

  it('one member signing in more than 60 times in 10 minutes is 429, while a colleague on the same address still gets in', async () => {
    t = await createTestApp();
    for (let i = 0; i < 60; i++) expect((await exchange(validToken(ANA))).statusCode).toBe(200);
    const limited = await exchange(validToken(ANA));
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await exchange(validToken(BEN))).statusCode).toBe(200);
  });

  it('replaying a member’s used token, however often and from wherever, does not use up that member’s sign-ins', async () => {
    t = await createTestApp();
    const used = validToken(ANA);
    expect((await exchange(used)).statusCode).toBe(200);
    for (let i = 0; i < 70; i++) expectError(await exchange(used, { remoteAddress: `10.0.${i}.1` }), 401, 'token_replayed');
    const fresh = await exchange(validToken(ANA));
    expect(fresh.statusCode, fresh.body).toBe(200);
  });

  it('40 bad tokens sent at once from one address: 20 are checked and the other 20 are 429', async () => {
    t = await createTestApp();
    const codes = (await Promise.all(Array.from({ length: 40 }, () => exchange(guess())))).map((response) => response.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(20);
    expect(codes.filter((code) => code === 429)).toHaveLength(20);
  });

  it('a made-up X-Forwarded-For does not reset the failure count when no proxy is trusted', async () => {
    t = await createTestApp();
    for (let i = 0; i < 20; i++) await exchange(guess(), { forwardedFor: `192.0.2.${i + 1}` });
    expectError(await exchange(validToken(), { forwardedFor: '192.0.2.200' }), 429, 'rate_limited');
  });

  it('behind a trusted proxy (TRUST_PROXY), failures count per forwarded address', async () => {
    t = await createTestApp({ trustProxy: true });
    await failTwentyTimes({ forwardedFor: '192.0.2.10' });
    expectError(await exchange(validToken(), { forwardedFor: '192.0.2.10' }), 429, 'rate_limited');
    // Another visitor behind the same proxy (same socket address) is not locked out.
    expect((await exchange(validToken(), { forwardedFor: '192.0.2.11' })).statusCode).toBe(200);
  });
});

describe('anonymous submissions behind a proxy', () => {
  const body = (cats: Record<string, string>, n: number) => ({
    categoryId: cats['Account & sign-in'],
    subject: `Question ${n}`,
    description: 'Hello',
    email: `v${n}@example.com`,
  });

  it('with TRUST_PROXY set, visitors are counted by their forwarded address: one is limited, the next is not', async () => {
    t = await createTestApp({ trustProxy: true, submitLimit: { max: 2, windowMs: 60_000 } });
    const cats = await categoryIds(t.app);
    const from = (address: string, n: number) => submit(t.app, body(cats, n), { headers: { 'x-forwarded-for': address } });
    expect((await from('192.0.2.21', 1)).statusCode).toBe(201);
    expect((await from('192.0.2.21', 2)).statusCode).toBe(201);
    const limited = await from('192.0.2.21', 3);
    expectError(limited, 429, 'rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await from('192.0.2.22', 4)).statusCode).toBe(201);
    expect((await storedCounts(t.db)).requests).toBe(3);
  });

  it('without TRUST_PROXY, the same traffic is all one address and the third submission is limited', async () => {
    t = await createTestApp({ submitLimit: { max: 2, windowMs: 60_000 } });
    const cats = await categoryIds(t.app);
    const from = (address: string, n: number) => submit(t.app, body(cats, n), { headers: { 'x-forwarded-for': address } });
    expect((await from('192.0.2.21', 1)).statusCode).toBe(201);
    expect((await from('192.0.2.21', 2)).statusCode).toBe(201);
    expectError(await from('192.0.2.22', 3), 429, 'rate_limited');
    expect((await storedCounts(t.db)).requests).toBe(2);
  });
});
