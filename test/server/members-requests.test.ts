/**
 * A signed-in member's requests: submitting with CCs, how statuses move when the member acts,
 * what a request's detail shows, paging through the lists, and the launcher badge count.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { MemberClaimsInput } from '../support/member-tokens.js';
import { agents, comments, endUsers, requestCcs, requests } from '../support/tables.js';
import type { StoredStatus } from '../../server/contract/types.js';
import { firstRow, requestByNumber, siteIdOf, storedCounts } from '../support/inspect.js';
import { categoryIds, expectError, submit, memberSession } from './helpers.js';

const SECOND = 1000;
const DOMAIN = 'members-requests.example';

let t: TestApp;
let cats: Record<string, string>;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
});
afterEach(async () => {
  await t.close();
});

const ALICE = { sub: 'req-alice', email: `alice@${DOMAIN}`, name: 'Alice Requester', org: { id: 'req-org-1', name: 'Req Org' } } satisfies MemberClaimsInput;
const BOB = { sub: 'req-bob', email: `bob@${DOMAIN}`, name: 'Bob Colleague', org: { id: 'req-org-1', name: 'Req Org' } } satisfies MemberClaimsInput;
const CAROL = { sub: 'req-carol', email: `carol@${DOMAIN}`, name: 'Carol Copied' } satisfies MemberClaimsInput;
const DAVE = { sub: 'req-dave', email: `dave@${DOMAIN}`, name: 'Dave Elsewhere', org: { id: 'req-org-2', name: 'Other Org' } } satisfies MemberClaimsInput;

const signIn = (claims: MemberClaimsInput & Record<string, unknown>) => memberSession(t, claims);

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const newRequest = (overrides: Record<string, unknown> = {}) => ({
  categoryId: cats['Account & sign-in'],
  subject: 'Cannot sign in',
  description: 'The reset link has expired.',
  ...overrides,
});

async function create(token: string, overrides: Record<string, unknown> = {}): Promise<number> {
  const response = await submit(t.app, newRequest(overrides), { headers: auth(token) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

const read = (token: string, id: number) => t.app.inject({ url: `/api/v1/sites/demo/requests/${id}`, headers: auth(token) });
const comment = (token: string, id: number, body: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/demo/requests/${id}/comments`,
    headers: { 'content-type': 'application/json', ...auth(token) },
    payload: JSON.stringify({ body }),
  });
const solve = (token: string, id: number) => t.app.inject({ method: 'POST', url: `/api/v1/sites/demo/requests/${id}/solve`, headers: auth(token) });
const list = (token: string, query = '') => t.app.inject({ url: `/api/v1/sites/demo/requests${query}`, headers: auth(token) });

const row = (number: number) => requestByNumber(t.db, number);
const setStatus = async (number: number, status: StoredStatus) =>
  t.db
    .update(requests)
    .set({ status })
    .where(and(eq(requests.siteId, await siteIdOf(t.db, 'demo')), eq(requests.number, number)));

// ---- submitting ------------------------------------------------------------------

describe('a member submits a request', () => {
  test('no email is needed: the request is the member’s, in their organization, shown as Open', async () => {
    const token = await signIn(ALICE);
    const before = await storedCounts(t.db);
    const response = await submit(t.app, newRequest(), { headers: auth(token) });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().request).toMatchObject({ subject: 'Cannot sign in', status: 'open', statusLabel: 'Open' });
    // No contact record is made for a member: the requester is the member.
    expect(await storedCounts(t.db)).toMatchObject({ requests: before.requests + 1, comments: before.comments + 1, endUsers: before.endUsers });
    const stored = await row(response.json().request.id);
    const member = (await firstRow(t.db.select().from(endUsers).where(eq(endUsers.externalId, ALICE.sub))))!;
    expect(stored).toMatchObject({ status: 'new', requesterId: member.id, organizationId: member.organizationId });
    expect(member.organizationId).not.toBeNull();
  });

  test('CCs are stored once each, by normalized address', async () => {
    const token = await signIn(ALICE);
    const id = await create(token, { ccs: [` Carol@${DOMAIN.toUpperCase()} `, `dan@${DOMAIN}`] });
    const detail = await read(token, id);
    expect(
      detail
        .json()
        .request.ccs.map((cc: { email: string }) => cc.email)
        .sort(),
    ).toEqual([`carol@${DOMAIN}`, `dan@${DOMAIN}`]);
    expect(
      await t.db
        .select()
        .from(requestCcs)
        .where(eq(requestCcs.requestId, (await row(id)).id)),
    ).toHaveLength(2);
  });

  const refusals: { name: string; body: (own: string) => Record<string, unknown>; code: string; field: string }[] = [
    { name: 'an invalid CC address', body: () => ({ ccs: [`ok@${DOMAIN}`, 'not-an-address'] }), code: 'validation_failed', field: 'ccs.1' },
    { name: 'a CC address with a space inside', body: () => ({ ccs: [`a b@${DOMAIN}`] }), code: 'validation_failed', field: 'ccs.0' },
    { name: 'the same CC twice (differing in case)', body: () => ({ ccs: [`pat@${DOMAIN}`, `PAT@${DOMAIN}`] }), code: 'validation_failed', field: 'ccs.1' },
    { name: 'the member’s own address as CC', body: (own) => ({ ccs: [own.toUpperCase()] }), code: 'validation_failed', field: 'ccs.0' },
    { name: '21 CCs', body: () => ({ ccs: Array.from({ length: 21 }, (_, i) => `cc${i}@${DOMAIN}`) }), code: 'validation_failed', field: 'ccs' },
    { name: 'a CC that is not a string', body: () => ({ ccs: [42] }), code: 'validation_failed', field: 'ccs.0' },
    { name: 'an email from a member', body: () => ({ email: `someone@${DOMAIN}` }), code: 'field_not_allowed', field: 'email' },
    { name: 'a name from a member', body: () => ({ name: 'Someone Else' }), code: 'field_not_allowed', field: 'name' },
    { name: 'the member’s own email, sent anyway', body: (own) => ({ email: own }), code: 'field_not_allowed', field: 'email' },
  ];

  test.each(refusals)('$name → 400 $code on fields["$field"], and nothing is stored', async ({ body, code, field }) => {
    const token = await signIn(ALICE);
    const before = await storedCounts(t.db);
    const error = expectError(await submit(t.app, newRequest(body(ALICE.email)), { headers: auth(token) }), 400, code);
    expect(error.fields).toHaveProperty([field]);
    expect(await storedCounts(t.db)).toEqual(before);
  });

  test('20 CCs are accepted', async () => {
    const token = await signIn(ALICE);
    const id = await create(token, { ccs: Array.from({ length: 20 }, (_, i) => `cc${i}@${DOMAIN}`) });
    expect((await read(token, id)).json().request.ccs).toHaveLength(20);
  });

  test('the CC’d person, signing in later with that verified email, sees it under scope=ccd and can add to it', async () => {
    const alice = await signIn(ALICE);
    const id = await create(alice, { ccs: [CAROL.email] });
    t.clock.advance(60 * SECOND);
    const carol = await signIn(CAROL);
    const ccd = await list(carol, '?scope=ccd');
    expect(ccd.statusCode, ccd.body).toBe(200);
    expect(ccd.json().requests.map((r: { id: number }) => r.id)).toEqual([id]);
    expect((await list(carol, '?scope=mine')).json().requests).toEqual([]);
    const added = await comment(carol, id, 'Copying my notes in here.');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().comment).toMatchObject({ body: 'Copying my notes in here.', author: { name: 'Carol Copied', role: 'customer', you: true } });
    // The requester sees Carol's comment, not as theirs.
    const thread = (await read(alice, id)).json().request.comments;
    expect(thread.at(-1)).toMatchObject({ body: 'Copying my notes in here.', author: { name: 'Carol Copied', you: false } });
  });
});

// ---- statuses ----------------------------------------------------------------------

describe('statuses as the member acts', () => {
  let alice: string;
  let id: number;
  beforeEach(async () => {
    alice = await signIn(ALICE);
    id = await create(alice);
  });

  test('a new request is Open (stored new), and the member may comment and solve', async () => {
    const detail = (await read(alice, id)).json().request;
    expect(detail).toMatchObject({ status: 'open', statusLabel: 'Open', can: { comment: true, solve: true } });
    expect((await row(id)).status).toBe('new');
  });

  test('Mark as solved → Solved; can.solve is false afterwards; a second solve is 409', async () => {
    t.clock.advance(SECOND);
    const solved = await solve(alice, id);
    expect(solved.statusCode, solved.body).toBe(200);
    expect(solved.json().request).toMatchObject({
      status: 'solved',
      statusLabel: 'Solved',
      can: { comment: true, solve: false },
      updatedAt: t.clock.now.toISOString(),
    });
    expect(await row(id)).toMatchObject({ status: 'solved', solvedAt: t.clock.now.toISOString() });
    expect((await read(alice, id)).json().request.can).toEqual({ comment: true, solve: false, rate: true });
    expectError(await solve(alice, id), 409, 'already_solved');
    expect((await row(id)).status).toBe('solved');
  });

  test('a member comment on a solved request opens it again', async () => {
    await solve(alice, id);
    t.clock.advance(SECOND);
    const added = await comment(alice, id, 'It broke again.');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().request).toMatchObject({ status: 'open', statusLabel: 'Open', can: { comment: true, solve: true } });
    expect(await row(id)).toMatchObject({ status: 'open', solvedAt: null, updatedAt: t.clock.now.toISOString() });
  });

  test.each(['pending', 'hold', 'new'] as const)('a member comment on a %s request sets it open', async (status) => {
    await setStatus(id, status);
    const added = await comment(alice, id, 'Here is what you asked for.');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().request.status).toBe('open');
    expect((await row(id)).status).toBe('open');
  });

  test('a closed request takes no comment (409 request_closed, pointing to a follow-up) and cannot be solved (409)', async () => {
    await setStatus(id, 'closed');
    const before = await storedCounts(t.db);
    const detail = (await read(alice, id)).json().request;
    expect(detail).toMatchObject({ status: 'closed', statusLabel: 'Closed', can: { comment: false, solve: false } });
    const refused = expectError(await comment(alice, id, 'Please reopen'), 409, 'request_closed');
    expect(refused.message).toMatch(/follow-up/i);
    expectError(await solve(alice, id), 409, 'request_closed');
    expect(await storedCounts(t.db)).toEqual(before);
    expect((await row(id)).status).toBe('closed');
  });

  test('an empty or blank comment is 400 and changes nothing', async () => {
    const before = await storedCounts(t.db);
    for (const body of ['', '   \n  ']) expectError(await comment(alice, id, body), 400, 'validation_failed');
    expect(await storedCounts(t.db)).toEqual(before);
    expect((await row(id)).status).toBe('new');
  });
});

// ---- detail ------------------------------------------------------------------------

describe('the request detail', () => {
  test('holds the public comments oldest first, with author name, role and `you` — and never an internal note', async () => {
    const alice = await signIn(ALICE);
    const carol = await signIn(CAROL);
    const id = await create(alice, { ccs: [CAROL.email] });
    const requestId = (await row(id)).id;

    t.clock.advance(60 * SECOND);
    expect((await comment(carol, id, 'Carol here.')).statusCode).toBe(201);

    const agentId = 'agt_members_test';
    await t.db.insert(agents).values({
      id: agentId,
      siteId: await siteIdOf(t.db, 'demo'),
      email: `agent@${DOMAIN}`,
      name: 'Agent Smith',
      passwordHash: null,
      createdAt: t.clock.now.toISOString(),
    });
    t.clock.advance(60 * SECOND);
    await t.db
      .insert(comments)
      .values({ id: 'cmt_public_reply', requestId, authorAgentId: agentId, body: 'Agent reply.', public: true, createdAt: t.clock.now.toISOString() });
    await t.db.insert(comments).values({
      id: 'cmt_internal_1',
      requestId,
      authorAgentId: agentId,
      body: 'INTERNAL: customer is grumpy',
      public: false,
      createdAt: t.clock.now.toISOString(),
    });
    t.clock.advance(60 * SECOND);
    await t.db.insert(comments).values({
      id: 'cmt_internal_2',
      requestId,
      authorEndUserId: null,
      authorAgentId: agentId,
      body: 'INTERNAL: check refund',
      public: false,
      createdAt: t.clock.now.toISOString(),
    });
    t.clock.advance(60 * SECOND);
    const added = await comment(alice, id, 'Thanks!');
    expect(added.statusCode, added.body).toBe(201);

    const asAlice = (await read(alice, id)).json().request;
    expect(asAlice.comments.map((c: { body: string; author: unknown }) => [c.body, c.author])).toEqual([
      ['The reset link has expired.', { name: 'Alice Requester', role: 'customer', you: true }],
      ['Carol here.', { name: 'Carol Copied', role: 'customer', you: false }],
      ['Agent reply.', { name: 'Agent Smith', role: 'agent', you: false }],
      ['Thanks!', { name: 'Alice Requester', role: 'customer', you: true }],
    ]);
    const times = asAlice.comments.map((c: { createdAt: string }) => c.createdAt);
    expect([...times].sort()).toEqual(times);
    expect(asAlice).toMatchObject({ requester: { name: 'Alice Requester' }, organization: { name: 'Req Org' }, category: { name: 'Account & sign-in' } });

    const asCarol = (await read(carol, id)).json().request;
    expect(asCarol.comments.map((c: { author: { you: boolean } }) => c.author.you)).toEqual([false, true, false, false]);

    for (const body of [JSON.stringify(asAlice), JSON.stringify(asCarol), added.body]) expect(body).not.toContain('INTERNAL');
    expect(added.json().request.comments).toHaveLength(4);
    // Listing does not leak them either (subjects only), and the notes are still stored.
    expect((await list(alice)).body).not.toContain('INTERNAL');
    expect(
      await t.db
        .select()
        .from(comments)
        .where(and(eq(comments.requestId, requestId), eq(comments.public, false))),
    ).toHaveLength(2);
  });
});

// ---- lists ---------------------------------------------------------------------------

describe('paging through a member’s requests', () => {
  interface Page {
    requests: { id: number; status: string; updatedAt: string }[];
    nextCursor: string | null;
  }

  async function allPages(token: string, query: string, limit: number): Promise<Page[]> {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(token, `?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as Page;
      pages.push(page);
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThan(20);
    } while (cursor);
    return pages;
  }

  test('25 requests in pages of 10: 25 distinct ids, newest activity first, nextCursor null at the end', async () => {
    const alice = await signIn(ALICE);
    const created: number[] = [];
    for (let i = 0; i < 25; i++) {
      created.push(await create(alice, { subject: `Request ${i}` }));
      t.clock.advance(SECOND);
    }
    const pages = await allPages(alice, '', 10);
    expect(pages.map((p) => p.requests.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, false, true]);
    const ids = pages.flatMap((p) => p.requests.map((r) => r.id));
    expect(new Set(ids).size).toBe(25);
    expect(ids).toEqual([...created].reverse());
    const times = pages.flatMap((p) => p.requests.map((r) => r.updatedAt));
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(times).size).toBe(25);

    // Activity moves a request to the top: a comment on the oldest one.
    t.clock.advance(SECOND);
    expect((await comment(alice, created[0], 'Still waiting')).statusCode).toBe(201);
    const first = (await list(alice, '?limit=3')).json() as Page;
    expect(first.requests.map((r) => r.id)).toEqual([created[0], created[24], created[23]]);
  });

  test('requests with the same last activity are paged without repeats or gaps (number breaks ties)', async () => {
    const alice = await signIn(ALICE);
    const created: number[] = [];
    for (let i = 0; i < 7; i++) created.push(await create(alice, { subject: `Same time ${i}` }));
    const pages = await allPages(alice, '', 2);
    expect(pages.map((p) => p.requests.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flatMap((p) => p.requests.map((r) => r.id))).toEqual([...created].reverse());
  });

  test('status filter: solved, closed, and open,awaiting_reply, page through exactly the matching requests', async () => {
    const alice = await signIn(ALICE);
    const created: number[] = [];
    for (let i = 0; i < 12; i++) {
      created.push(await create(alice, { subject: `Request ${i}` }));
      t.clock.advance(SECOND);
    }
    const solved = [created[1], created[4], created[7]];
    for (const id of solved) expect((await solve(alice, id)).statusCode).toBe(200);
    await setStatus(created[10], 'closed');
    const pending = [created[2], created[9]];
    for (const id of pending) await setStatus(id, 'pending');
    await setStatus(created[5], 'hold');

    const ids = (pages: Page[]) => pages.flatMap((p) => p.requests.map((r) => r.id)).sort();
    const solvedPages = await allPages(alice, '&status=solved', 2);
    expect(ids(solvedPages)).toEqual([...solved].sort());
    expect(new Set(solvedPages.flatMap((p) => p.requests.map((r) => r.status)))).toEqual(new Set(['solved']));
    // Closed is a status of its own for customers, with its own filter.
    const closedPages = await allPages(alice, '&status=closed', 2);
    expect(ids(closedPages)).toEqual([created[10]]);
    expect(closedPages.flatMap((p) => p.requests.map((r) => r.status))).toEqual(['closed']);

    const rest = created.filter((id) => !solved.includes(id) && id !== created[10]);
    expect(ids(await allPages(alice, '&status=open,awaiting_reply', 3))).toEqual([...rest].sort());
    expect(ids(await allPages(alice, '&status=awaiting_reply', 10))).toEqual([...pending].sort());
    expect(ids(await allPages(alice, '&status=open', 10))).toEqual(rest.filter((id) => !pending.includes(id)).sort());
    expect(ids(await allPages(alice, '&status=open,awaiting_reply,solved,closed', 50))).toEqual([...created].sort());
  });

  test.each([
    ['a made-up string', 'not-a-cursor'],
    ['base64 of an object', Buffer.from('{"updatedAt":"2026-01-01","number":1}').toString('base64url')],
    ['base64 of a number', Buffer.from('123').toString('base64url')],
    ['base64 of null', Buffer.from('null').toString('base64url')],
    ['base64 of a pair with a fractional number', Buffer.from('["2026-11-23T10:00:00.000Z",1.5]').toString('base64url')],
  ])('a cursor the server did not make (%s) → 400', async (_name, cursor) => {
    const alice = await signIn(ALICE);
    await create(alice);
    expectError(await list(alice, `?cursor=${encodeURIComponent(cursor)}`), 400, 'validation_failed');
  });

  test.each([['51'], ['0'], ['-1'], ['ten'], ['2.5']])('limit=%s → 400', async (limit) => {
    const alice = await signIn(ALICE);
    const error = expectError(await list(alice, `?limit=${limit}`), 400, 'validation_failed');
    expect(error.fields).toHaveProperty(['limit']);
  });

  test.each([['hold'], ['pending'], ['open,'], ['OPEN']])('status=%s (not a customer status list) → 400', async (status) => {
    const alice = await signIn(ALICE);
    expectError(await list(alice, `?status=${encodeURIComponent(status)}`), 400, 'validation_failed');
  });

  test('an unknown scope → 400', async () => {
    const alice = await signIn(ALICE);
    expectError(await list(alice, '?scope=everyone'), 400, 'validation_failed');
  });

  test('limit=50 is allowed and the default page is 20', async () => {
    const alice = await signIn(ALICE);
    for (let i = 0; i < 21; i++) await create(alice, { subject: `R${i}` });
    expect((await list(alice)).json().requests).toHaveLength(20);
    expect((await list(alice, '?limit=50')).json().requests).toHaveLength(21);
  });
});

// ---- badge ---------------------------------------------------------------------------

describe('GET …/requests/summary', () => {
  test('counts only the member’s own requests awaiting their reply (stored pending)', async () => {
    const alice = await signIn(ALICE);
    const bob = await signIn(BOB);
    const dave = await signIn(DAVE);
    const carol = await signIn(CAROL);

    const mine = [await create(alice), await create(alice), await create(alice), await create(alice)];
    const bobs = await create(bob); // same organization as Alice, on a pro site
    const daves = await create(dave);
    const anonymous = (await submit(t.app, newRequest({ email: ALICE.email.replace('alice', 'stranger') }))).json().request.id;

    const summary = async (token: string) => {
      const response = await t.app.inject({ url: '/api/v1/sites/demo/requests/summary', headers: auth(token) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    expect(await summary(alice)).toEqual({ awaitingReply: 0 });

    for (const id of [mine[0], mine[2], bobs, daves, anonymous]) await setStatus(id, 'pending');
    await setStatus(mine[1], 'hold');
    await setStatus(mine[3], 'solved');
    expect(await summary(alice)).toEqual({ awaitingReply: 2 });
    expect(await summary(bob)).toEqual({ awaitingReply: 1 });
    expect(await summary(dave)).toEqual({ awaitingReply: 1 });
    expect(await summary(carol)).toEqual({ awaitingReply: 0 });

    // Replying takes it off the badge.
    expect((await comment(alice, mine[0], 'Here you go')).statusCode).toBe(201);
    expect(await summary(alice)).toEqual({ awaitingReply: 1 });
  });
});

describe('a follow-up request', () => {
  /** Makes `followUp` a follow-up of `original`, as a reply by mail to the closed `original` does. */
  async function markFollowUp(followUp: number, original: number) {
    const { id } = await row(original);
    await t.db
      .update(requests)
      .set({ followUpOf: id })
      .where(eq(requests.id, (await row(followUp)).id));
  }

  test('names the request it follows up when the member may see that one; one they may not see is not named', async () => {
    const dave = await signIn(DAVE);
    const alice = await signIn(ALICE);
    const original = await create(alice, { subject: 'First try' });
    const followUp = await create(alice, { subject: 'Still cannot sign in' });
    await markFollowUp(followUp, original);
    expect((await read(alice, followUp)).json().request.followUpOf).toBe(original);
    expect((await read(alice, original)).json().request.followUpOf).toBeNull();
    // Its answers to a comment and a solve name it too.
    expect((await comment(alice, followUp, 'More detail.')).json().request.followUpOf).toBe(original);
    expect((await solve(alice, followUp)).json().request.followUpOf).toBe(original);

    // Dave, in another organization, sees a request of his that follows up Alice's: hers is not named to him.
    const his = await create(dave, { subject: 'Me too' });
    await markFollowUp(his, original);
    expect((await read(dave, his)).json().request.followUpOf).toBeNull();
  });
});
