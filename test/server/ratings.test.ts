/**
 * "How did we do?": who may rate a request (its requester — in a session of their own or the
 * request's own mail link — never a CC or a stranger), when (solved or closed), that a later rating
 * replaces the first, and what the team sees: the rating on the request and the site's figure above the queue.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { MemberClaimsInput } from '../support/member-tokens.js';
import { openMailedLink } from '../support/mail-links.js';
import { requestRatings, requests } from '../support/tables.js';
import type { StoredStatus } from '../../server/contract/types.js';
import { siteIdOf } from '../support/inspect.js';
import { addDemoAgent } from '../support/agent-side.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const ALICE = { sub: 'rate-alice', email: 'alice@ratings.example', name: 'Alice Asker' } satisfies MemberClaimsInput;
const CAROL = { sub: 'rate-carol', email: 'carol@ratings.example', name: 'Carol Copied' } satisfies MemberClaimsInput;
const DAVE = { sub: 'rate-dave', email: 'dave@ratings.example', name: 'Dave Elsewhere' } satisfies MemberClaimsInput;
const PAT = 'pat@ratings.example';

let t: TestApp;
let cats: Record<string, string>;
let agentToken: string;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
  agentToken = await addDemoAgent(t, 'riley@ratings.example', 'Riley Chen');
});
afterEach(() => t.close());

const newRequest = (overrides: Record<string, unknown> = {}) => ({
  categoryId: cats['Account & sign-in'],
  subject: 'Cannot sign in',
  description: 'The reset link has expired.',
  ...overrides,
});

async function create(token: string | null, overrides: Record<string, unknown> = {}): Promise<number> {
  const response = await submit(t.app, newRequest(overrides), token ? { headers: bearer(token) } : {});
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

const setStatus = async (number: number, status: StoredStatus) =>
  t.db
    .update(requests)
    .set({ status })
    .where(and(eq(requests.siteId, await siteIdOf(t.db, 'demo')), eq(requests.number, number)));

const rate = (token: string, number: number, body: unknown) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/v1/sites/demo/requests/${number}/rating`,
    headers: { ...bearer(token), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
const read = (token: string, number: number) => t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(token) });
const agentHeaders = () => bearer(agentToken);
const agentRead = (number: number) => t.app.inject({ url: `/api/v1/agent/requests/${number}`, headers: agentHeaders() });
const queue = () => t.app.inject({ url: '/api/v1/agent/requests', headers: agentHeaders() });

describe('the requester rates a solved request', () => {
  test('no rating until solved: can.rate is false and a rating is 409 not_solved', async () => {
    const alice = await memberSession(t, ALICE);
    const number = await create(alice);
    expect((await read(alice, number)).json().request).toMatchObject({ rating: null, can: { rate: false } });
    expectError(await rate(alice, number, { score: 'good' }), 409, 'not_solved');
    expect(await t.db.$count(requestRatings)).toBe(0);
  });

  test('solved: Good with a multi-line comment is stored with who and when, and comes back on the detail', async () => {
    const alice = await memberSession(t, ALICE);
    const number = await create(alice);
    await setStatus(number, 'solved');
    expect((await read(alice, number)).json().request.can).toEqual({ comment: true, solve: false, rate: true });
    const rated = await rate(alice, number, { score: 'good', comment: '  Quick and kind.\nThank you!  ' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().request.rating).toEqual({ score: 'good', comment: 'Quick and kind.\nThank you!' });
    const [stored] = await t.db.select().from(requestRatings);
    expect(stored).toMatchObject({ score: 'good', comment: 'Quick and kind.\nThank you!', ratedAt: t.clock.now.toISOString() });
    expect((await read(alice, number)).json().request.rating).toEqual({ score: 'good', comment: 'Quick and kind.\nThank you!' });
  });

  test('a change of mind replaces the rating: the last one counts, and a blank comment is none', async () => {
    const alice = await memberSession(t, ALICE);
    const number = await create(alice);
    await setStatus(number, 'closed');
    await rate(alice, number, { score: 'good', comment: 'Fine' });
    t.clock.advance(60_000);
    const changed = await rate(alice, number, { score: 'bad', comment: '   ' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().request.rating).toEqual({ score: 'bad', comment: null });
    const rows = await t.db.select().from(requestRatings);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 'bad', comment: null, ratedAt: t.clock.now.toISOString() });
  });

  test('the request’s own mail-link session may rate it', async () => {
    const number = await create(null, { email: PAT, name: 'Pat' });
    const link = await openMailedLink(t, PAT, number);
    await setStatus(number, 'solved');
    expect((await read(link, number)).json().request.can.rate).toBe(true);
    const rated = await rate(link, number, { score: 'bad' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().request.rating).toEqual({ score: 'bad', comment: null });
  });

  test('a CC sees the rating but may not give one (403); someone who cannot see the request gets 404', async () => {
    const alice = await memberSession(t, ALICE);
    const carol = await memberSession(t, CAROL);
    const dave = await memberSession(t, DAVE);
    const number = await create(alice, { ccs: [CAROL.email] });
    await setStatus(number, 'solved');
    expect((await read(carol, number)).json().request.can.rate).toBe(false);
    expectError(await rate(carol, number, { score: 'bad' }), 403, 'not_requester');
    expectError(await rate(dave, number, { score: 'bad' }), 404, 'not_found');
    await rate(alice, number, { score: 'good' });
    expect((await read(carol, number)).json().request.rating).toEqual({ score: 'good', comment: null });
    expect(await t.db.$count(requestRatings)).toBe(1);
  });

  test('bad input is a 400: an unknown score, an over-long comment, an unknown field, control characters', async () => {
    const alice = await memberSession(t, ALICE);
    const number = await create(alice);
    await setStatus(number, 'solved');
    for (const body of [
      { score: 'meh' },
      { score: 'good', comment: 'x'.repeat(1001) },
      { score: 'good', stars: 5 },
      { score: 'good', comment: 'a\u0000b' },
      {},
    ]) {
      expect((await rate(alice, number, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await rate(alice, number, { score: 'good', comment: 'x'.repeat(1000) })).statusCode).toBe(200);
  });
});

describe('the team sees ratings', () => {
  test('on the request, with when it was given', async () => {
    const alice = await memberSession(t, ALICE);
    const number = await create(alice);
    expect((await agentRead(number)).json().request.rating).toBeNull();
    await setStatus(number, 'solved');
    await rate(alice, number, { score: 'bad', comment: 'Took a week' });
    expect((await agentRead(number)).json().request.rating).toEqual({ score: 'bad', comment: 'Took a week', ratedAt: t.clock.now.toISOString() });
  });

  test('above the queue: good ÷ rated over the last 30 days, with the count', async () => {
    expect((await queue()).json().satisfaction).toEqual({ days: 30, rated: 0, good: 0, percentGood: null });
    const alice = await memberSession(t, ALICE);
    const numbers = [await create(alice), await create(alice), await create(alice), await create(alice)];
    for (const number of numbers) await setStatus(number, 'solved');
    await rate(alice, numbers[0]!, { score: 'good' }); // given, and changed, 31 days before the read: outside the figure
    expect((await rate(alice, numbers[0]!, { score: 'bad' })).statusCode).toBe(200); // a change of mind counts once, at its time
    t.clock.advance(31 * DAY);
    const later = await memberSession(t, ALICE); // the first session has long expired
    for (const [number, score] of [
      [numbers[1]!, 'good'],
      [numbers[2]!, 'good'],
      [numbers[3]!, 'bad'],
    ] as const) {
      expect((await rate(later, number, { score })).statusCode).toBe(200);
    }
    const body = (await queue()).json();
    expect(body.satisfaction).toEqual({ days: 30, rated: 3, good: 2, percentGood: 67 });
  });
});
