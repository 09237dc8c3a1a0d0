// Abuse limits that must not punish the innocent: colleagues behind one office address, each signed
// in, are limited per member; anonymous visitors per address, however they dress up X-Forwarded-For —
// and no flood of made-up tokens or addresses can reset a limit that is in force.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngine } from '../support/test-engine.js';
import { signJwt } from '../support/member-tokens.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 2, windowMs: 60_000 } });
});
afterEach(() => t.close());

const request = (cats: Record<string, string>, n: number) => ({ categoryId: cats['Account & sign-in'], subject: `Question ${n}`, description: 'Hello' });

describe('submission limits', () => {
  it('count signed-in members one by one, so colleagues on one office address are not locked out by each other', async () => {
    const cats = await categoryIds(t.app);
    const ana = await memberSession(t, { sub: 'office-ana', email: 'ana@office.example' });
    const ben = await memberSession(t, { sub: 'office-ben', email: 'ben@office.example' });
    for (const n of [1, 2]) expect((await submit(t.app, request(cats, n), { headers: bearer(ana) })).statusCode).toBe(201);
    expect((await submit(t.app, request(cats, 3), { headers: bearer(ana) })).statusCode).toBe(429);
    // Same address (inject always comes from 127.0.0.1), another member: still allowed.
    expect((await submit(t.app, request(cats, 4), { headers: bearer(ben) })).statusCode).toBe(201);
  });

  it('count anonymous visitors per address; a made-up X-Forwarded-For does not reset the count', async () => {
    const cats = await categoryIds(t.app);
    const anonymous = (n: number, forwarded: string) =>
      submit(t.app, { ...request(cats, n), email: `v${n}@example.com` }, { headers: { 'x-forwarded-for': forwarded } });
    expect((await anonymous(1, '203.0.113.1')).statusCode).toBe(201);
    expect((await anonymous(2, '203.0.113.2')).statusCode).toBe(201);
    const refused = await anonymous(3, '203.0.113.3');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });
});

// A flood is thousands of requests: on a busy 2-core machine they take longer than the default 5 s.
describe('submission limits under a flood', { timeout: 60_000 }, () => {
  const FLOOD = 5_200; // more keys than @fastify/rate-limit's own store (an LRU of 5,000) keeps
  /** Sends `count` requests, a batch at a time (inject has no connection limit to pace it). */
  async function flood(count: number, send: (i: number) => Promise<{ statusCode: number }>) {
    const codes = new Map<number, number>();
    for (let start = 0; start < count; start += 200) {
      const batch = await Promise.all(Array.from({ length: Math.min(200, count - start) }, (_, i) => send(start + i)));
      for (const { statusCode } of batch) codes.set(statusCode, (codes.get(statusCode) ?? 0) + 1);
    }
    return Object.fromEntries(codes);
  }
  const anonymous = (cats: Record<string, string>, n: number) => ({ ...request(cats, n), email: `v${n}@example.com` });
  /** A session token that was never issued: well-formed, any `sub`, signed with a key we do not have. */
  const forged = (sub: string) =>
    signJwt(
      { alg: 'HS256', typ: 'JWT' },
      { sub, site: 'any', aud: 'member', exp: Math.floor(t.clock.now.getTime() / 1000) + 600 },
      'not-the-server-key-0123456789',
    );

  it('made-up session tokens with a fresh subject each are counted against their address, so they neither get through nor reset its limit', async () => {
    const cats = await categoryIds(t.app);
    const from = { remoteAddress: '203.0.113.7' };
    for (const n of [1, 2]) expect((await submit(t.app, anonymous(cats, n), from)).statusCode).toBe(201);
    expectError(await submit(t.app, anonymous(cats, 3), from), 429, 'rate_limited');

    const codes = await flood(FLOOD, (i) => submit(t.app, request(cats, i), { ...from, headers: bearer(forged(`forged-${i}`)) }));
    expect(codes).toEqual({ 429: FLOOD });
    expectError(await submit(t.app, anonymous(cats, 4), from), 429, 'rate_limited');
  });

  it('a forged token naming a real member spends the sender’s allowance, not the member’s', async () => {
    const cats = await categoryIds(t.app);
    const ana = await memberSession(t, { sub: 'flood-ana', email: 'ana@office.example' });
    const anasId = JSON.parse(Buffer.from(ana.split('.')[1]!, 'base64url').toString()).sub as string;
    const attacker = { remoteAddress: '198.51.100.66', headers: bearer(forged(anasId)) };
    for (const n of [1, 2]) expectError(await submit(t.app, request(cats, n), attacker), 401, 'session_expired');
    expectError(await submit(t.app, request(cats, 3), attacker), 429, 'rate_limited');
    for (const n of [4, 5]) expect((await submit(t.app, request(cats, n), { headers: bearer(ana) })).statusCode).toBe(201);
  });

  it('a flood of requests from thousands of other addresses does not push out an address whose limit is in force', async () => {
    const cats = await categoryIds(t.app);
    const limited = { remoteAddress: '203.0.113.8' };
    for (const n of [1, 2]) expect((await submit(t.app, anonymous(cats, n), limited)).statusCode).toBe(201);
    // Each flooding address sends one empty body: counted, then refused (400), so the flood is cheap.
    const codes = await flood(FLOOD, (i) => submit(t.app, {}, { remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }));
    expect(codes).toEqual({ 400: FLOOD });
    expectError(await submit(t.app, anonymous(cats, 3), limited), 429, 'rate_limited');
    // The window still ends on time (the app's clock), and then the address may submit again.
    t.clock.advance(60_000);
    expect((await submit(t.app, anonymous(cats, 4), limited)).statusCode).toBe(201);
  });

  // In memory (SQLite's one process) the table of open windows is bounded; PostgreSQL's shared table has no
  // bound to reach (housekeeping sweeps closed windows), so there every newcomer keeps a window of its own.
  const full =
    testEngine === 'sqlite'
      ? { title: 'when the table of open windows is full, newcomers share one window', codes: { 400: 99 + 2, 429: 300 - 99 - 2 } }
      : { title: 'newcomers beyond the memory table’s size each get their own window in the shared table', codes: { 400: 300 } };
  it(`${full.title}, and the windows already open keep counting`, async () => {
    await t.close();
    t = await createTestApp({ submitLimit: { max: 2, windowMs: 60_000 }, rateLimitKeys: 100 });
    const cats = await categoryIds(t.app);
    const limited = { remoteAddress: '203.0.113.9' };
    for (const n of [1, 2]) expect((await submit(t.app, anonymous(cats, n), limited)).statusCode).toBe(201);
    const codes = await flood(300, (i) => submit(t.app, {}, { remoteAddress: `10.1.${i >> 8}.${i & 255}` }));
    // SQLite: 99 addresses found room; the other 201 shared the overflow window: 2 counted, the rest refused.
    expect(codes).toEqual(full.codes);
    expectError(await submit(t.app, anonymous(cats, 3), limited), 429, 'rate_limited');
  });
});
