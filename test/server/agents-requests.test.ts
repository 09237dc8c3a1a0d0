/**
 * The support team's queue and a request's life as agents and customers act on it: filtering,
 * searching and paging the queue; internal notes that never reach a customer; how replies, notes,
 * comments and the clock move the status; and what a closed request still allows.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { MemberClaimsInput } from '../support/member-tokens.js';
import { AGENT_COOKIE } from '../../server/auth/agent-auth.js';
import { CSRF_HEADER } from '../../server/auth/csrf.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { newId } from '../../server/store/ids.js';
import { outboxRows, requestByNumber, siteIdOf } from '../support/inspect.js';
import { comments, outbox } from '../support/tables.js';
import { runMaintenance } from '../../server/services/maintenance.js';
import { categoryIds, expectError, submit, memberSession } from './helpers.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const AGENT_EMAIL = 'riley@northwind.example';
const PASSWORD = 'correct horse battery staple';

const ALICE = { sub: 'q-alice', email: 'alice@customer.example', name: 'Alice Asker' } satisfies MemberClaimsInput;
const CAROL = { sub: 'q-carol', email: 'carol@customer.example', name: 'Carol Copied' } satisfies MemberClaimsInput;

let t: TestApp;
let cats: Record<string, string>;
let agentToken: string;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
  const agentId = newId('agt');
  await t.store.admin.createAgent({
    removedAt: null,
    id: agentId,
    siteId: await siteIdOf(t.db, 'demo'),
    email: AGENT_EMAIL,
    name: 'Riley Chen',
    passwordHash: await hashPassword(PASSWORD),
    createdAt: t.clock.now.toISOString(),
  });
  agentToken = newSecret('pat_');
  await t.store.admin.insertApiToken({
    expiresAt: null,
    id: newId('tok'),
    agentId,
    name: 'tests',
    tokenHash: hashSecret(agentToken),
    createdAt: t.clock.now.toISOString(),
  });
});
afterEach(async () => {
  await t.close();
});

// ---- helpers ---------------------------------------------------------------------

const row = (number: number) => requestByNumber(t.db, number);
const commentCount = () => t.db.$count(comments);
const outboxCount = () => t.db.$count(outbox);

const agentHeaders = () => ({ authorization: `Bearer ${agentToken}` });

function queue(query = '') {
  return t.app.inject({ url: `/api/v1/agent/requests${query}`, headers: agentHeaders() });
}
async function queueIds(query = ''): Promise<number[]> {
  const response = await queue(query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().requests.map((r: { id: number }) => r.id);
}
const agentRead = (number: number) => t.app.inject({ url: `/api/v1/agent/requests/${number}`, headers: agentHeaders() });
const agentWrite = (number: number, body: { body: string; public: boolean; status?: string }) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/agent/requests/${number}/comments`,
    headers: { ...agentHeaders(), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
const agentStatus = (number: number, status: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/agent/requests/${number}/status`,
    headers: { ...agentHeaders(), 'content-type': 'application/json' },
    payload: JSON.stringify({ status }),
  });

async function reply(number: number, body: string, status?: string) {
  const response = await agentWrite(number, { body, public: true, ...(status && { status }) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request;
}
async function note(number: number, body: string) {
  const response = await agentWrite(number, { body, public: false });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request;
}

const signIn = (claims: MemberClaimsInput & Record<string, unknown>) => memberSession(t, claims);
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const memberRead = (token: string, number: number) => t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: auth(token) });
const memberComment = (token: string, number: number, body: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/demo/requests/${number}/comments`,
    headers: { ...auth(token), 'content-type': 'application/json' },
    payload: JSON.stringify({ body }),
  });
const memberSolve = (token: string, number: number) =>
  t.app.inject({ method: 'POST', url: `/api/v1/sites/demo/requests/${number}/solve`, headers: auth(token) });
const memberList = (token: string, query = '') => t.app.inject({ url: `/api/v1/sites/demo/requests${query}`, headers: auth(token) });

async function create(token: string | null, overrides: Record<string, unknown> = {}): Promise<number> {
  const payload = {
    categoryId: cats['Account & sign-in'],
    subject: 'Cannot sign in',
    description: 'The reset link has expired.',
    ...(token ? {} : { email: 'pat@customer.example', name: 'Pat' }),
    ...overrides,
  };
  const response = await submit(t.app, payload, token ? { headers: auth(token) } : {});
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

const maintain = () =>
  runMaintenance({
    store: t.store,
    clock: () => t.clock.now,
    events: t.app.porthole.events,
    autoCloseAfterHours: t.config.autoCloseAfterHours,
    files: t.app.porthole.files.storage,
  });

// ---- the queue -------------------------------------------------------------------------

describe('the queue', () => {
  test('lists the site’s requests newest activity first; a reply or a customer comment moves a request to the top', async () => {
    const alice = await signIn(ALICE);
    const a = await create(alice, { subject: 'First' });
    t.clock.advance(MINUTE);
    const b = await create(alice, { subject: 'Second' });
    t.clock.advance(MINUTE);
    const c = await create(null, { subject: 'Third', email: 'zoe@customer.example', name: 'Zoe' });
    expect(await queueIds()).toEqual([c, b, a]);

    const first = (await queue()).json().requests[0];
    expect(first).toEqual({
      id: c,
      subject: 'Third',
      status: 'new',
      category: 'Account & sign-in',
      requester: { name: 'Zoe', email: 'zoe@customer.example' },
      senderVerified: false,
      createdAt: t.clock.now.toISOString(),
      updatedAt: t.clock.now.toISOString(),
      assignee: null,
      tags: [],
    });

    t.clock.advance(MINUTE);
    await reply(a, 'We are on it.');
    expect(await queueIds()).toEqual([a, c, b]);

    t.clock.advance(MINUTE);
    expect((await memberComment(alice, b, 'Any news?')).statusCode).toBe(201);
    expect(await queueIds()).toEqual([b, a, c]);
  });

  test('filters by one or several stored statuses', async () => {
    const [pending, hold, solved, fresh] = [await create(null), await create(null), await create(null), await create(null)];
    await reply(pending, 'Please send a screenshot.');
    expect((await agentStatus(hold, 'hold')).statusCode).toBe(200);
    expect((await agentStatus(solved, 'solved')).statusCode).toBe(200);

    expect(await queueIds('?status=pending')).toEqual([pending]);
    expect(await queueIds('?status=hold')).toEqual([hold]);
    expect((await queueIds('?status=new,hold')).sort()).toEqual([hold, fresh].sort());
    expect((await queueIds('?status=new,pending,hold,solved')).sort()).toEqual([pending, hold, solved, fresh].sort());
    expect(await queueIds('?status=closed')).toEqual([]);
    expectError(await queue('?status=awaiting_reply'), 400, 'validation_failed');
  });

  test('filters by category', async () => {
    const account = await create(null, { categoryId: cats['Account & sign-in'] });
    const billing = await create(null, { categoryId: cats['Billing & payments'] });
    expect(await queueIds(`?categoryId=${encodeURIComponent(cats['Billing & payments']!)}`)).toEqual([billing]);
    expect(await queueIds(`?categoryId=${encodeURIComponent(cats['Account & sign-in']!)}`)).toEqual([account]);
    expect(await queueIds('?categoryId=cat_nope')).toEqual([]);
  });

  test('unanswered lists requests no agent has replied to publicly — an internal note is not an answer, and a later customer comment does not undo one', async () => {
    const alice = await signIn(ALICE);
    const answered = await create(alice, { subject: 'Answered' });
    const noted = await create(alice, { subject: 'Only a note' });
    const untouched = await create(alice, { subject: 'Untouched' });
    const answeredThenAsked = await create(alice, { subject: 'Answered, then asked again' });
    const customerOnly = await create(alice, { subject: 'Customer wrote twice' });
    await reply(answered, 'Done.', 'solved');
    await note(noted, 'Checking with the warehouse.');
    await reply(answeredThenAsked, 'Try again?');
    expect((await memberComment(alice, answeredThenAsked, 'Still broken.')).statusCode).toBe(201);
    expect((await memberComment(alice, customerOnly, 'Hello?')).statusCode).toBe(201);

    expect((await queueIds('?unanswered=true')).sort()).toEqual([noted, untouched, customerOnly].sort());
    expect((await queueIds('?unanswered=false')).sort()).toEqual([answered, noted, untouched, answeredThenAsked, customerOnly].sort());
    // Combined with other filters.
    expect(await queueIds('?unanswered=true&status=open')).toEqual([customerOnly]);
  });

  test('searches subject, requester email and #number; % and _ are literal characters', async () => {
    const tent = await create(null, { subject: 'Tent pole snapped', email: 'hiker@trail.example', name: 'Hana Hiker' });
    const refund = await create(null, { subject: 'Refund for order', email: 'zoe@shop.example', name: 'Zoe' });
    const percent = await create(null, { subject: '100% charged twice', email: 'max@shop.example', name: 'Max' });
    expect([tent, refund, percent]).toEqual([1001, 1002, 1003]);

    expect(await queueIds('?q=tent%20POLE')).toEqual([tent]);
    expect(await queueIds('?q=refund')).toEqual([refund]);
    expect(await queueIds('?q=zoe%40shop')).toEqual([refund]);
    expect((await queueIds('?q=shop.example')).sort()).toEqual([refund, percent]);
    expect(await queueIds('?q=Hana')).toEqual([tent]);
    expect(await queueIds('?q=%231002')).toEqual([refund]);
    expect(await queueIds('?q=1003')).toEqual([percent]);
    expect(await queueIds('?q=%25')).toEqual([percent]);
    expect(await queueIds('?q=_')).toEqual([]);
    expect(await queueIds('?q=nothing%20like%20this')).toEqual([]);
    expect(await queueIds('?q=shop.example&status=pending')).toEqual([]);
  });

  test('pages with a cursor, newest activity first, each request exactly once', async () => {
    const made: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      made.push(await create(null, { subject: `Request ${i}` }));
      t.clock.advance(MINUTE);
    }
    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const response = await queue(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      pages.push(response.json().requests.map((r: { id: number }) => r.id));
      cursor = response.json().nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([[made[4], made[3]], [made[2], made[1]], [made[0]]]);
  });

  test('requests with the same activity time still page completely, by number', async () => {
    const made: number[] = [];
    for (let i = 0; i < 5; i += 1) made.push(await create(null, { subject: `Same time ${i}` }));
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response = await queue(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...response.json().requests.map((r: { id: number }) => r.id));
      cursor = response.json().nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...made].reverse());
  });

  test('a cursor the server did not make, or a limit out of range, is 400', async () => {
    await create(null);
    expectError(await queue('?cursor=bm90LWEtY3Vyc29y'), 400, 'validation_failed');
    expectError(await queue('?limit=0'), 400, 'validation_failed');
    expectError(await queue('?limit=51'), 400, 'validation_failed');
  });
});

// ---- internal notes ---------------------------------------------------------------------

describe('internal notes', () => {
  const SECRET = 'INTERNAL: customer is on the fraud watchlist';

  test('an agent reading a request sees the conversation with internal notes marked public: false', async () => {
    const alice = await signIn(ALICE);
    const number = await create(alice, { description: 'My first words' });
    await note(number, SECRET);
    await reply(number, 'Public words');

    const response = await agentRead(number);
    expect(response.statusCode, response.body).toBe(200);
    const request = response.json().request;
    expect(request.comments.map((c: { body: string; public: boolean; author: { role: string } }) => [c.body, c.public, c.author.role])).toEqual([
      ['My first words', true, 'customer'],
      [SECRET, false, 'agent'],
      ['Public words', true, 'agent'],
    ]);
    expect(request.requester).toEqual({ name: 'Alice Asker', email: ALICE.email, member: true });
  });

  test('never appear in any customer response: detail, comment and solve answers, lists, summary, CC’s and mail-link views, or customer mail', async () => {
    const alice = await signIn(ALICE);
    const carol = await signIn(CAROL);
    const number = await create(alice, { ccs: [CAROL.email] });
    const other = await create(alice, { subject: 'Another one' });
    await note(number, SECRET);
    await reply(number, 'A public answer');
    await note(other, SECRET);
    await note(number, `${SECRET} (second)`);

    const seen: string[] = [];
    const keep = async (label: string, response: Awaited<ReturnType<typeof memberRead>>, status = 200) => {
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      seen.push(`${label}: ${response.body}`);
      return response.json();
    };

    const detail = await keep('requester detail', await memberRead(alice, number));
    expect(detail.request.comments.map((c: { body: string }) => c.body)).toEqual(['The reset link has expired.', 'A public answer']);
    await keep('CC detail', await memberRead(carol, number));
    await keep('mine', await memberList(alice));
    await keep('ccd', await memberList(carol, '?scope=ccd'));
    await keep('summary', await t.app.inject({ url: '/api/v1/sites/demo/requests/summary', headers: auth(alice) }));
    const commented = await keep('comment answer', await memberComment(alice, number, 'Thanks!'), 201);
    expect(commented.request.comments).toHaveLength(3);
    await note(number, `${SECRET} (third)`);
    await keep('CC comment answer', await memberComment(carol, number, 'Me too'), 201);
    await keep('solve answer', await memberSolve(alice, number));
    await keep('other detail', await memberRead(alice, other));

    // The link in Alice's mail opens a session of its own.
    const mail = (await outboxRows(t.db)).find((m) => m.toEmail === ALICE.email && m.text.includes(`request/${number}&t=`))!;
    const linkToken = /#porthole=request\/\d+&t=([A-Za-z0-9_.-]+)/.exec(mail.text)![1]!;
    const link = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites/demo/session/link',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token: linkToken }),
    });
    expect(link.statusCode, link.body).toBe(200);
    await keep('link detail', await memberRead(link.json().accessToken, number));

    for (const body of seen) expect(body).not.toContain('INTERNAL');

    const customerMail = (await outboxRows(t.db)).filter((m) => m.toEmail !== AGENT_EMAIL);
    expect(customerMail.length).toBeGreaterThan(0);
    for (const m of customerMail) {
      for (const part of [m.subject, m.text, m.html]) expect(part, `${m.kind} to ${m.toEmail}`).not.toContain('INTERNAL');
    }
  });
});

// ---- statuses ---------------------------------------------------------------------------

describe('how the status moves', () => {
  test('an agent’s public reply sets pending, and the customer sees "Awaiting your reply"', async () => {
    const alice = await signIn(ALICE);
    const number = await create(alice);
    const answered = await reply(number, 'Could you try another browser?');
    expect(answered).toMatchObject({ status: 'pending', customerStatus: 'awaiting_reply' });
    expect((await row(number)).status).toBe('pending');

    const seen = (await memberRead(alice, number)).json().request;
    expect(seen).toMatchObject({ status: 'awaiting_reply', statusLabel: 'Awaiting your reply', can: { comment: true, solve: true } });
    expect((await t.app.inject({ url: '/api/v1/sites/demo/requests/summary', headers: auth(alice) })).json()).toEqual({ awaitingReply: 1 });
  });

  test.each([
    ['open', 'open', 'Open'],
    ['hold', 'open', 'Open'],
    ['solved', 'solved', 'Solved'],
    ['pending', 'awaiting_reply', 'Awaiting your reply'],
  ])('unless the agent picks %s with the reply', async (chosen, customer, label) => {
    const alice = await signIn(ALICE);
    const number = await create(alice);
    expect(await reply(number, 'Here you go.', chosen)).toMatchObject({ status: chosen });
    expect((await row(number)).status).toBe(chosen);
    expect((await memberRead(alice, number)).json().request).toMatchObject({ status: customer, statusLabel: label });
  });

  test('an agent may not pick new or closed', async () => {
    const number = await create(null);
    expectError(await agentWrite(number, { body: 'x', public: true, status: 'closed' }), 400, 'validation_failed');
    expectError(await agentStatus(number, 'closed'), 400, 'validation_failed');
    expectError(await agentStatus(number, 'new'), 400, 'validation_failed');
    expect((await row(number)).status).toBe('new');
  });

  test('an internal note keeps the status, whatever it is', async () => {
    const fresh = await create(null);
    expect(await note(fresh, 'Looking into it')).toMatchObject({ status: 'new' });

    const waiting = await create(null);
    await reply(waiting, 'Please confirm.');
    expect(await note(waiting, 'Asked them to confirm')).toMatchObject({ status: 'pending' });

    const held = await create(null);
    expect((await agentStatus(held, 'hold')).statusCode).toBe(200);
    expect(await note(held, 'Waiting for the supplier')).toMatchObject({ status: 'hold' });
    expect([(await row(fresh)).status, (await row(waiting)).status, (await row(held)).status]).toEqual(['new', 'pending', 'hold']);
  });

  test('an internal note is no news to the customer: their last activity stays and no live event reaches them', async () => {
    const token = await signIn({ sub: 'note-watcher', email: 'watcher@customer.example' });
    const number = await create(token);
    const before = (await memberRead(token, number)).json().request.updatedAt;
    const heard: { endUserIds: string[] }[] = [];
    const stop = t.app.porthole.events.subscribe((await row(number)).siteId, (event) => heard.push(event));
    t.clock.advance(60_000);
    await note(number, 'Checking with the warehouse');
    // Events cross instances on PostgreSQL (LISTEN/NOTIFY), so they arrive a moment after the reply does.
    await vi.waitFor(() => expect(heard).toHaveLength(1)); // the team's inbox hears of it …
    stop();
    expect((await memberRead(token, number)).json().request.updatedAt).toBe(before);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.endUserIds).toEqual([]); // … no customer does
  });

  test('a customer’s comment sets open — from pending, and reopening a solved request', async () => {
    const alice = await signIn(ALICE);
    const number = await create(alice);
    await reply(number, 'Does this help?');
    expect((await memberComment(alice, number, 'Not really.')).json().request).toMatchObject({ status: 'open', statusLabel: 'Open' });
    expect((await row(number)).status).toBe('open');

    await reply(number, 'Fixed now.', 'solved');
    expect((await row(number)).status).toBe('solved');
    expect((await memberComment(alice, number, 'It broke again.')).statusCode).toBe(201);
    expect(await row(number)).toMatchObject({ status: 'open', solvedAt: null });
    const agentView = (await agentRead(number)).json().request;
    expect(agentView).toMatchObject({ status: 'open', customerStatus: 'open' });

    // Reopened, it no longer closes by itself.
    t.clock.advance(200 * HOUR);
    await maintain();
    expect((await row(number)).status).toBe('open');
  });

  test(`a solved request closes by itself ${96} hours after it was solved, not before`, async () => {
    expect(t.config.autoCloseAfterHours).toBe(96);
    const alice = await signIn(ALICE);
    const byAgent = await create(alice, { subject: 'Solved by the agent' });
    const byCustomer = await create(alice, { subject: 'Solved by the customer' });
    const stillOpen = await create(alice, { subject: 'Still open' });
    t.clock.advance(50 * HOUR);
    expect((await agentStatus(byAgent, 'solved')).statusCode).toBe(200);
    // Member sessions last 15 minutes: a fresh one, as the widget would get.
    expect((await memberSolve(await signIn(ALICE), byCustomer)).statusCode).toBe(200);
    const solvedUpdatedAt = (await row(byAgent)).updatedAt;

    // 95 h 59 min after solving (and long after creation): not yet.
    t.clock.advance(95 * HOUR + 59 * MINUTE);
    expect(await maintain()).toEqual({ closed: 0 });
    expect([(await row(byAgent)).status, (await row(byCustomer)).status]).toEqual(['solved', 'solved']);

    t.clock.advance(2 * MINUTE);
    expect(await maintain()).toEqual({ closed: 2 });
    expect([(await row(byAgent)).status, (await row(byCustomer)).status, (await row(stillOpen)).status]).toEqual(['closed', 'closed', 'new']);
    // Closing by itself is not news: last activity stays.
    expect((await row(byAgent)).updatedAt).toBe(solvedUpdatedAt);
    expect(await maintain()).toEqual({ closed: 0 });
  });

  test('the auto-close delay follows config.autoCloseAfterHours', async () => {
    await t.close();
    t = await createTestApp({ autoCloseAfterHours: 2 });
    cats = await categoryIds(t.app);
    const agentId = newId('agt');
    await t.store.admin.createAgent({
      removedAt: null,
      id: agentId,
      siteId: await siteIdOf(t.db, 'demo'),
      email: AGENT_EMAIL,
      name: 'Riley Chen',
      passwordHash: null,
      createdAt: t.clock.now.toISOString(),
    });
    agentToken = newSecret('pat_');
    await t.store.admin.insertApiToken({
      expiresAt: null,
      id: newId('tok'),
      agentId,
      name: 'tests',
      tokenHash: hashSecret(agentToken),
      createdAt: t.clock.now.toISOString(),
    });
    const number = await create(null);
    expect((await agentStatus(number, 'solved')).statusCode).toBe(200);
    t.clock.advance(HOUR);
    await maintain();
    expect((await row(number)).status).toBe('solved');
    t.clock.advance(HOUR + 1000);
    await maintain();
    expect((await row(number)).status).toBe('closed');
  });
});

// ---- closed requests ---------------------------------------------------------------------

describe('a closed request', () => {
  async function closedRequest() {
    const number = await create(await signIn(ALICE), { subject: 'Old problem' });
    await reply(number, 'All sorted.', 'solved');
    t.clock.advance(t.config.autoCloseAfterHours * HOUR + MINUTE);
    expect(await maintain()).toEqual({ closed: 1 });
    // The earlier session has long expired; the customer signs in again.
    return { alice: await signIn(ALICE), number };
  }

  test('refuses agent replies, notes and status changes with 409 request_closed, and writes nothing', async () => {
    const { number } = await closedRequest();
    const before = await row(number);
    const counts = [await commentCount(), await outboxCount()];

    expectError(await agentWrite(number, { body: 'One more thing', public: true }), 409, 'request_closed');
    expectError(await agentWrite(number, { body: 'A note', public: false }), 409, 'request_closed');
    expectError(await agentWrite(number, { body: 'Reopen', public: true, status: 'open' }), 409, 'request_closed');
    for (const status of ['open', 'pending', 'hold', 'solved']) expectError(await agentStatus(number, status), 409, 'request_closed');

    expect(await row(number)).toEqual(before);
    expect([await commentCount(), await outboxCount()]).toEqual(counts);
  });

  test('refuses the customer’s comment with 409 (and solving), and writes nothing', async () => {
    const { alice, number } = await closedRequest();
    const before = await row(number);
    const counts = [await commentCount(), await outboxCount()];
    expectError(await memberComment(alice, number, 'Hello again'), 409, 'request_closed');
    expect((await memberSolve(alice, number)).statusCode).toBe(409);
    expect(await row(number)).toEqual(before);
    expect([await commentCount(), await outboxCount()]).toEqual(counts);
  });

  test('stays readable: for the agent (and in the queue) and for the customer, who sees it closed and cannot comment', async () => {
    const { alice, number } = await closedRequest();
    const agentView = await agentRead(number);
    expect(agentView.statusCode).toBe(200);
    expect(agentView.json().request).toMatchObject({ status: 'closed', customerStatus: 'closed', subject: 'Old problem' });
    expect(agentView.json().request.comments).toHaveLength(2);
    expect(await queueIds('?status=closed')).toEqual([number]);

    const memberView = await memberRead(alice, number);
    expect(memberView.statusCode).toBe(200);
    expect(memberView.json().request).toMatchObject({ status: 'closed', statusLabel: 'Closed', can: { comment: false, solve: false } });
    expect(memberView.json().request.comments.map((c: { body: string }) => c.body)).toEqual(['The reset link has expired.', 'All sorted.']);
    expect((await memberList(alice, '?status=closed')).json().requests.map((r: { id: number }) => r.id)).toEqual([number]);
    expect((await memberList(alice, '?status=solved')).json().requests).toEqual([]);
  });
});

// ---- the inbox cookie does the same as a token ------------------------------------------------

describe('from the inbox page', () => {
  test('a signed-in agent replies with the cookie, Origin and the CSRF token sign-in answered, and the customer sees it', async () => {
    const alice = await signIn(ALICE);
    const number = await create(alice);
    const signInResponse = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agent/session',
      headers: { 'content-type': 'application/json', origin: new URL(t.config.publicUrl).origin },
      payload: JSON.stringify({ email: AGENT_EMAIL, password: PASSWORD }),
    });
    expect(signInResponse.statusCode, signInResponse.body).toBe(200);
    const session = new RegExp(`${AGENT_COOKIE}=([^;]+)`).exec(String(signInResponse.headers['set-cookie']))![1]!;
    const headers = {
      cookie: `${AGENT_COOKIE}=${session}`,
      origin: new URL(t.config.publicUrl).origin,
      [CSRF_HEADER]: signInResponse.json().csrfToken,
      'content-type': 'application/json',
    };

    const written = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agent/requests/${number}/comments`,
      headers,
      payload: JSON.stringify({ body: 'From the inbox', public: true }),
    });
    expect(written.statusCode, written.body).toBe(201);
    expect(written.json().request.comments.at(-1)).toMatchObject({ body: 'From the inbox', public: true, author: { name: 'Riley Chen', role: 'agent' } });
    const seen = (await memberRead(alice, number)).json().request;
    expect(seen.comments.at(-1)).toMatchObject({ body: 'From the inbox', author: { name: 'Riley Chen', role: 'agent', you: false } });
    expect(seen.status).toBe('awaiting_reply');
  });

  test('an empty reply is 400 and writes nothing', async () => {
    const number = await create(null);
    const before = await commentCount();
    expectError(await agentWrite(number, { body: '   \n ', public: true }), 400, 'validation_failed');
    expect(await commentCount()).toBe(before);
  });
});
