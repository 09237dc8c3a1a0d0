// Abuse limits that must not punish the innocent: colleagues behind one office address, each signed
// in, are limited per member; anonymous visitors per address, however they dress up X-Forwarded-For.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';

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
