/**
 * Who sees what: for each kind of member — requester, CC, same organization (on a plan with and
 * without organization lists), other organization, no organization, nobody — which lists show a
 * request and whether reading, commenting and solving it are allowed or answer exactly like a
 * request that does not exist. Also: linking by verified email, and `sub` scoped per site.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { hostToken, type MemberClaimsInput } from '../support/member-tokens.js';
import { requestByNumber, siteBySlug } from '../support/inspect.js';
import { comments, endUsers, requests } from '../support/tables.js';
import { categoryIds, expectError, submit } from './helpers.js';
import { openMailedLink } from '../support/mail-links.js';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** A number no request has, at either site. */
const MISSING = 999_999;
const DOMAIN = 'members-access.example';

const siteSecret = async (slug: string) => (await siteBySlug(t.db, slug)).tokenSecret;

async function signIn(claims: MemberClaimsInput & Record<string, unknown>, site = 'demo'): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${site}/session`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token: hostToken(claims, t.clock.now, site === 'demo' ? undefined : await siteSecret(site)) }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().accessToken;
}

const auth = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

async function create(token: string | null, body: Record<string, unknown>, site = 'demo'): Promise<number> {
  const response = await submit(t.app, body, { site, headers: auth(token) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

function list(token: string | null, scope?: string, site = 'demo') {
  return t.app.inject({ url: `/api/v1/sites/${site}/requests${scope ? `?scope=${scope}` : ''}`, headers: auth(token) });
}

async function listIds(token: string, scope?: string, site = 'demo'): Promise<number[]> {
  const response = await list(token, scope, site);
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json()
    .requests.map((r: { id: number }) => r.id)
    .sort();
}

const read = (token: string | null, id: number, site = 'demo') => t.app.inject({ url: `/api/v1/sites/${site}/requests/${id}`, headers: auth(token) });

const comment = (token: string | null, id: number, body = 'Adding a note.', site = 'demo') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${site}/requests/${id}/comments`,
    headers: { 'content-type': 'application/json', ...auth(token) },
    payload: JSON.stringify({ body }),
  });

const solve = (token: string | null, id: number, site = 'demo') =>
  t.app.inject({ method: 'POST', url: `/api/v1/sites/${site}/requests/${id}/solve`, headers: auth(token) });

const statusOf = async (site: string, number: number) => (await requestByNumber(t.db, number, site)).status;
const commentCount = () => t.db.$count(comments);

/** A "you may not see this" answer must be indistinguishable from "there is no such request". */
async function expectSameAsMissing(response: LightMyRequestResponse, missing: LightMyRequestResponse) {
  expectError(response, 404, 'not_found');
  expect(response.body).toBe(missing.body);
  expect(response.headers['content-length']).toBe(missing.headers['content-length']);
}

// ---- the world ---------------------------------------------------------------

const O1 = { id: 'acc-org-1', name: 'Org One' };
const O2 = { id: 'acc-org-2', name: 'Org Two' };
const SO = { id: 'acc-starter-org', name: 'Starter Org' };

const people = {
  A: { sub: 'acc-alice', email: `alice@${DOMAIN}`, name: 'Alice', org: O1 },
  B: { sub: 'acc-bob', email: `bob@${DOMAIN}`, name: 'Bob', org: O1 },
  C: { sub: 'acc-carol', email: `Carol@${DOMAIN.toUpperCase()}`, name: 'Carol', email_verified: true },
  D: { sub: 'acc-dave', email: `dave@${DOMAIN}`, name: 'Dave', org: O2 },
  E: { sub: 'acc-erin', email: `erin@${DOMAIN}`, name: 'Erin' },
  S1: { sub: 'acc-sam', email: `sam@${DOMAIN}`, name: 'Sam', org: SO },
  S2: { sub: 'acc-sue', email: `sue@${DOMAIN}`, name: 'Sue', org: SO },
} satisfies Record<string, MemberClaimsInput>;
type Who = keyof typeof people;

interface World {
  tokens: Record<Who, string>;
  /** A's request with C copied in. */
  R: number;
  /** D's own request (org O2), E's own request (no org), and someone anonymous's. */
  RD: number;
  RE: number;
  RAnon: number;
  /** S1's request at starter (basic plan), S1 and S2 in one organization. */
  SR: number;
}

let w: World;

async function buildWorld(): Promise<World> {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  const cats = await categoryIds(t.app, 'demo');
  const starterCats = await categoryIds(t.app, 'starter');
  const tokens = {} as Record<Who, string>;
  for (const who of ['A', 'B', 'C', 'D', 'E'] as const) tokens[who] = await signIn(people[who]);
  for (const who of ['S1', 'S2'] as const) tokens[who] = await signIn(people[who], 'starter');

  const base = { categoryId: cats['Account & sign-in'], description: 'Details follow.' };
  const R = await create(tokens.A, { ...base, subject: 'A: cannot sign in', ccs: [`carol@${DOMAIN}`] });
  const RD = await create(tokens.D, { ...base, subject: 'D: own request' });
  const RE = await create(tokens.E, { ...base, subject: 'E: own request' });
  const RAnon = await create(null, { ...base, subject: 'Anonymous', email: `zed@${DOMAIN}` });
  const SR = await create(tokens.S1, { categoryId: starterCats['Question'], subject: 'S1: a question', description: 'Hello' }, 'starter');
  return { tokens, R, RD, RE, RAnon, SR };
}

// ---- demo (pro) ----------------------------------------------------------------

describe('who sees what on a pro site', () => {
  beforeEach(async () => {
    w = await buildWorld();
  });

  /** Exactly the ids each member's lists hold; `403` where the organization list is not available to them. */
  const expectedLists = (): Record<'A' | 'B' | 'C' | 'D' | 'E', { mine: number[]; ccd: number[]; org: number[] | 403 }> => ({
    A: { mine: [w.R], ccd: [], org: [w.R] },
    B: { mine: [], ccd: [], org: [w.R] },
    C: { mine: [], ccd: [w.R], org: 403 },
    D: { mine: [w.RD], ccd: [], org: [w.RD] },
    E: { mine: [w.RE], ccd: [], org: 403 },
  });

  test.each([
    ['A', 'the requester'],
    ['B', 'a same-organization member'],
    ['C', 'the CC'],
    ['D', 'an other-organization member'],
    ['E', 'a member without organization'],
  ] as const)('%s (%s) finds exactly their requests in mine, ccd and org', async (who, _role) => {
    const expected = expectedLists()[who];
    expect(await listIds(w.tokens[who])).toEqual(expected.mine);
    expect(await listIds(w.tokens[who], 'mine')).toEqual(expected.mine);
    expect(await listIds(w.tokens[who], 'ccd')).toEqual(expected.ccd);
    if (expected.org === 403) expectError(await list(w.tokens[who], 'org'), 403, 'scope_unavailable');
    else expect(await listIds(w.tokens[who], 'org')).toEqual(expected.org);
  });

  test('no list of any member ever holds the anonymous request, or anything from the other site', async () => {
    for (const who of ['A', 'B', 'C', 'D', 'E'] as const) {
      for (const scope of ['mine', 'ccd', 'org']) {
        const response = await list(w.tokens[who], scope);
        if (response.statusCode === 403) continue;
        const ids = response.json().requests.map((r: { id: number }) => r.id);
        expect(ids).not.toContain(w.RAnon);
        expect(response.json().requests.map((r: { subject: string }) => r.subject)).not.toContain('S1: a question');
      }
    }
  });

  test('the requester may read, comment and solve', async () => {
    const detail = await read(w.tokens.A, w.R);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().request).toMatchObject({ id: w.R, can: { comment: true, solve: true }, ccs: [{ email: `carol@${DOMAIN}` }] });
    expect((await comment(w.tokens.A, w.R)).statusCode).toBe(201);
    const solved = await solve(w.tokens.A, w.R);
    expect(solved.statusCode, solved.body).toBe(200);
    expect(await statusOf('demo', w.R)).toBe('solved');
  });

  test('the CC may read and comment, but not solve', async () => {
    const detail = await read(w.tokens.C, w.R);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().request.can).toEqual({ comment: true, solve: false, rate: false });
    const added = await comment(w.tokens.C, w.R, 'From the CC');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().comment.author).toEqual({ name: 'Carol', role: 'customer', you: true });
    expectError(await solve(w.tokens.C, w.R), 403, 'not_requester');
    expect(await statusOf('demo', w.R)).toBe('open');
  });

  test('a same-organization member on a pro site may read and comment, but not solve', async () => {
    const detail = await read(w.tokens.B, w.R);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().request).toMatchObject({ organization: { name: 'Org One' }, can: { comment: true, solve: false } });
    expect((await comment(w.tokens.B, w.R)).statusCode).toBe(201);
    expectError(await solve(w.tokens.B, w.R), 403, 'not_requester');
    expect(await statusOf('demo', w.R)).toBe('open');
  });

  test.each([
    ['D', 'an other-organization member'],
    ['E', 'a member without organization'],
  ] as const)('%s (%s) gets 404 for read, comment and solve — byte-identical to a missing number — and changes nothing', async (who, _role) => {
    const token = w.tokens[who];
    const comments = await commentCount();
    for (const id of [w.R, w.RAnon, ...(who === 'D' ? [w.RE] : [w.RD])]) {
      await expectSameAsMissing(await read(token, id), await read(token, MISSING));
      await expectSameAsMissing(await comment(token, id), await comment(token, MISSING));
      await expectSameAsMissing(await solve(token, id), await solve(token, MISSING));
    }
    expect(await commentCount()).toBe(comments);
    expect(await statusOf('demo', w.R)).toBe('new');
  });

  test('without a token every member route is 401 session_expired, and nothing changes', async () => {
    const comments = await commentCount();
    for (const scope of [undefined, 'mine', 'ccd', 'org']) expectError(await list(null, scope), 401, 'session_expired');
    expectError(await t.app.inject({ url: '/api/v1/sites/demo/requests/summary' }), 401, 'session_expired');
    expectError(await read(null, w.R), 401, 'session_expired');
    expectError(await comment(null, w.R), 401, 'session_expired');
    expectError(await solve(null, w.R), 401, 'session_expired');
    expect(await commentCount()).toBe(comments);
    expect(await statusOf('demo', w.R)).toBe('new');
  });

  test("a member's session is refused at the other site's path", async () => {
    expectError(await list(w.tokens.A, 'mine', 'starter'), 401, 'session_expired');
    expectError(await read(w.tokens.A, w.SR, 'starter'), 401, 'session_expired');
    expectError(await list(w.tokens.S1, 'mine', 'demo'), 401, 'session_expired');
  });
});

// ---- starter (basic) -------------------------------------------------------------

describe('who sees what on a basic site (no organization lists)', () => {
  beforeEach(async () => {
    w = await buildWorld();
  });

  test('the requester reads, comments and solves their own request; scope=org is 403 scope_unavailable', async () => {
    expect(await listIds(w.tokens.S1, 'mine', 'starter')).toEqual([w.SR]);
    expect(await listIds(w.tokens.S1, 'ccd', 'starter')).toEqual([]);
    expectError(await list(w.tokens.S1, 'org', 'starter'), 403, 'scope_unavailable');
    const detail = await read(w.tokens.S1, w.SR, 'starter');
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().request.organization).toEqual({ name: 'Starter Org' });
    expect((await comment(w.tokens.S1, w.SR, 'More', 'starter')).statusCode).toBe(201);
    expect((await solve(w.tokens.S1, w.SR, 'starter')).statusCode).toBe(200);
  });

  test('a same-organization member gets 404 everywhere (byte-identical to a missing number), and scope=org is 403', async () => {
    const token = w.tokens.S2;
    expect(await listIds(token, undefined, 'starter')).toEqual([]);
    expect(await listIds(token, 'mine', 'starter')).toEqual([]);
    expect(await listIds(token, 'ccd', 'starter')).toEqual([]);
    expectError(await list(token, 'org', 'starter'), 403, 'scope_unavailable');
    const comments = await commentCount();
    await expectSameAsMissing(await read(token, w.SR, 'starter'), await read(token, MISSING, 'starter'));
    await expectSameAsMissing(await comment(token, w.SR, 'x', 'starter'), await comment(token, MISSING, 'x', 'starter'));
    await expectSameAsMissing(await solve(token, w.SR, 'starter'), await solve(token, MISSING, 'starter'));
    expect(await commentCount()).toBe(comments);
    expect(await statusOf('starter', w.SR)).toBe('new');
  });

  test('the badge count does not include a same-organization member’s request on a basic site', async () => {
    await t.db.update(requests).set({ status: 'pending' });
    const summary = await t.app.inject({ url: '/api/v1/sites/starter/requests/summary', headers: auth(w.tokens.S2) });
    expect(summary.json()).toEqual({ awaitingReply: 0 });
  });
});

// ---- linking by email ------------------------------------------------------------

describe('requests sent before signing in, and CCs by address, link only through a verified email', () => {
  const X = `x@${DOMAIN}`;
  let anonymous: number;
  let copied: number;

  beforeEach(async () => {
    w = await buildWorld();
    const cats = await categoryIds(t.app);
    anonymous = await create(null, {
      categoryId: cats['Account & sign-in'],
      subject: 'Sent before I had an account',
      description: 'Hi',
      email: X,
      name: 'Xavier',
    });
    copied = await create(w.tokens.A, { categoryId: cats['Account & sign-in'], subject: 'A copies x in', description: 'Hi', ccs: [X] });
  });

  test('a member whose token says X@… with email_verified true sees the earlier request (its receipt’s link opened) in mine and the CC in ccd, and may act on both', async () => {
    await openMailedLink(t, X, anonymous);
    const token = await signIn({ sub: 'acc-xavier', email: `X@${DOMAIN.toUpperCase()}`, email_verified: true, name: 'Xavier' });
    expect(await listIds(token, 'mine')).toEqual([anonymous]);
    expect(await listIds(token, 'ccd')).toEqual([copied]);

    const detail = await read(token, anonymous);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().request.can).toEqual({ comment: true, solve: true, rate: false });
    // The description was written before sign-in, by the same person: it is "you".
    expect(detail.json().request.comments[0].author.you).toBe(true);
    expect((await read(token, copied)).statusCode).toBe(200);
    expect((await comment(token, copied, 'Thanks for copying me')).statusCode).toBe(201);
    expect((await comment(token, anonymous, 'Any news?')).statusCode).toBe(201);
    expect((await solve(token, anonymous)).statusCode).toBe(200);
    expectError(await solve(token, copied), 403, 'not_requester');
  });

  test('a member with the same email but email_verified false sees none of it: empty lists, 404 for read, comment and solve', async () => {
    await openMailedLink(t, X, anonymous);
    const token = await signIn({ sub: 'acc-xavier-unverified', email: `X@${DOMAIN.toUpperCase()}`, email_verified: false, name: 'Not Xavier' });
    expect(await listIds(token, 'mine')).toEqual([]);
    expect(await listIds(token, 'ccd')).toEqual([]);
    const comments = await commentCount();
    for (const id of [anonymous, copied]) {
      await expectSameAsMissing(await read(token, id), await read(token, MISSING));
      await expectSameAsMissing(await comment(token, id), await comment(token, MISSING));
      await expectSameAsMissing(await solve(token, id), await solve(token, MISSING));
    }
    expect(await commentCount()).toBe(comments);
    expect(await statusOf('demo', anonymous)).toBe('new');
    await t.db.update(requests).set({ status: 'pending' });
    expect((await t.app.inject({ url: '/api/v1/sites/demo/requests/summary', headers: auth(token) })).json()).toEqual({ awaitingReply: 0 });
  });

  test('email_verified given as the string "true" does not count as verified', async () => {
    const token = await signIn({ sub: 'acc-xavier-string', email: X, email_verified: 'true' as unknown as boolean });
    expect(await listIds(token, 'mine')).toEqual([]);
    expect(await listIds(token, 'ccd')).toEqual([]);
  });

  test('a member whose verified email is only similar (another address) sees nothing', async () => {
    const token = await signIn({ sub: 'acc-xavier-2', email: `x2@${DOMAIN}`, email_verified: true });
    expect(await listIds(token, 'mine')).toEqual([]);
    expect(await listIds(token, 'ccd')).toEqual([]);
    expect((await read(token, anonymous)).statusCode).toBe(404);
  });

  test('the same verified address at another site links to nothing there', async () => {
    const token = await signIn({ sub: 'acc-xavier', email: X, email_verified: true }, 'starter');
    expect(await listIds(token, 'mine', 'starter')).toEqual([]);
    expect(await listIds(token, 'ccd', 'starter')).toEqual([]);
  });
});

// ---- sub per site ----------------------------------------------------------------

describe('`sub` is scoped per site', () => {
  beforeEach(async () => {
    w = await buildWorld();
  });

  test("the requester's sub at the starter site is a different person who sees none of the demo requests", async () => {
    // Same sub, same verified email, other site: a separate member record.
    const starterAlice = await signIn({ ...people.A, email_verified: true }, 'starter');
    const rows = await t.db.select().from(endUsers).where(eq(endUsers.externalId, people.A.sub));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.siteId)).size).toBe(2);

    expect(await listIds(starterAlice, 'mine', 'starter')).toEqual([]);
    expect(await listIds(starterAlice, 'ccd', 'starter')).toEqual([]);
    // Numbers are per site: at starter, #SR is S1's request (and #R, if it exists there, is not hers either).
    for (const id of new Set([w.R, w.SR])) {
      await expectSameAsMissing(await read(starterAlice, id, 'starter'), await read(starterAlice, MISSING, 'starter'));
    }
    // …and her starter session opens nothing at demo.
    expectError(await read(starterAlice, w.R, 'demo'), 401, 'session_expired');
    // The demo Alice is unaffected.
    expect(await listIds(w.tokens.A, 'mine')).toEqual([w.R]);
  });
});
