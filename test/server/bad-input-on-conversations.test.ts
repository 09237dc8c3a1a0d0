/**
 * Bad input on the routes that change a conversation — a member's "Add to conversation" and "Mark
 * as solved", an agent's reply and status change, the sign-in exchange — and a few submission cases
 * requests.test.ts does not list: each is refused in the one error shape (or, for solve, its stray
 * body is ignored), and nothing is partly written: requests, comments, contacts, keys and outbox
 * mail stay exactly as they were.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { hostToken } from '../support/member-tokens.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { newId } from '../../server/store/ids.js';
import { lastRequestNumber, requestByNumber, siteIdOf, storedCounts } from '../support/inspect.js';
import { outbox, usedTokenIds } from '../support/tables.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';

const ALICE = { sub: 'bad-input-alice', email: 'alice@bad-input.example', name: 'Alice' };
const json = { 'content-type': 'application/json' };
const OVER_BODY_LIMIT = 130 * 1024;

let t: TestApp;
let cats: Record<string, string>;
let alice: string;
let agentToken: string;
let number: number;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
  const agentId = newId('agt');
  await t.store.admin.createAgent({
    removedAt: null,
    id: agentId,
    siteId: await siteIdOf(t.db, 'demo'),
    email: 'riley@bad-input.example',
    name: 'Riley',
    passwordHash: await hashPassword('correct horse battery staple'),
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
  alice = await memberSession(t, ALICE);
  const created = await submit(
    t.app,
    { categoryId: cats['Account & sign-in'], subject: 'Cannot sign in', description: 'The reset link has expired.' },
    { headers: bearer(alice) },
  );
  expect(created.statusCode, created.body).toBe(201);
  number = created.json().request.id;
  // Later writes happen a minute on, so an accidental write would show in updatedAt too.
  t.clock.advance(60_000);
});
afterEach(() => t.close());

const stored = () => requestByNumber(t.db, number);

/** Everything any of these routes could write. */
async function everything() {
  return {
    ...(await storedCounts(t.db)),
    outbox: await t.db.$count(outbox),
    usedTokenIds: await t.db.$count(usedTokenIds),
    request: await stored(),
  };
}

const raw = (body: string, contentType = 'application/json') => ({ payload: body, contentType });
const asJson = (body: unknown) => raw(JSON.stringify(body));
type Payload = ReturnType<typeof raw>;
type Refusal = [name: string, payload: () => Payload, status: number, code: string, field?: string];
/** test.each titles read `$name → $status $code`. */
const named = (cases: Refusal[]) => cases.map(([name, payload, status, code, field]) => ({ name, payload, status, code, field }));

/** Cases every JSON body route refuses, whatever its schema. */
const malformedBodies: Refusal[] = [
  ['malformed JSON', () => raw('{"body": "Hi", '), 400, 'invalid_json'],
  ['an empty body', () => raw(''), 400, 'invalid_json'],
  ['a __proto__ key', () => raw('{"__proto__":{"public":false},"body":"Hi","status":"open"}'), 400, 'invalid_json'],
  ['a nested __proto__ key', () => raw('{"body":"Hi","x":{"__proto__":{"admin":true}}}'), 400, 'invalid_json'],
  ['a constructor.prototype key', () => raw('{"constructor":{"prototype":{"public":false}},"body":"Hi"}'), 400, 'invalid_json'],
  ['a body over 128 KB', () => asJson({ body: 'x'.repeat(OVER_BODY_LIMIT) }), 413, 'payload_too_large'],
  ['a text/plain body', () => raw('{"body":"Hi"}', 'text/plain'), 415, 'unsupported_media_type'],
  ['a JSON array', () => raw('[{"body":"Hi"}]'), 400, 'validation_failed'],
  ['a JSON string', () => raw('"Hi"'), 400, 'validation_failed'],
];

describe('a member adding to the conversation', () => {
  const comment = (payload: Payload): InjectOptions => ({
    method: 'POST',
    url: `/api/v1/sites/demo/requests/${number}/comments`,
    headers: { ...bearer(alice), 'content-type': payload.contentType },
    payload: payload.payload,
  });

  const refusals: Refusal[] = [
    ...malformedBodies,
    ['a message over 10000 characters', () => asJson({ body: 'x'.repeat(10_001) }), 400, 'validation_failed', 'body'],
    ['a NUL byte in the message', () => asJson({ body: 'before\u0000after' }), 400, 'validation_failed', 'body'],
    ['a number as the message', () => asJson({ body: 42 }), 400, 'validation_failed', 'body'],
    ['an object as the message', () => asJson({ body: { text: 'Hi' } }), 400, 'validation_failed', 'body'],
    ['a constructor key', () => asJson({ body: 'Hi', constructor: 'x' }), 400, 'validation_failed'],
    ['making it an internal note (public: false)', () => asJson({ body: 'Hi', public: false }), 400, 'validation_failed', 'public'],
    ['writing as someone else (author)', () => asJson({ body: 'Hi', author: { name: 'Support', role: 'agent' } }), 400, 'validation_failed', 'author'],
    ['setting the status', () => asJson({ body: 'Hi', status: 'solved' }), 400, 'field_not_allowed', 'status'],
    ['setting an id', () => asJson({ body: 'Hi', id: 'cmt_mine' }), 400, 'field_not_allowed', 'id'],
    ['setting the requester', () => asJson({ body: 'Hi', requester: 'usr_other' }), 400, 'field_not_allowed', 'requester'],
    ['setting the site', () => asJson({ body: 'Hi', site: 'starter' }), 400, 'field_not_allowed', 'site'],
    ['setting the time', () => asJson({ body: 'Hi', createdAt: '2000-01-01T00:00:00.000Z' }), 400, 'field_not_allowed', 'createdAt'],
  ];

  test.each(named(refusals))('$name → $status $code, and nothing is written', async ({ payload, status, code, field }) => {
    const before = await everything();
    const error = expectError(await t.app.inject(comment(payload())), status, code);
    if (field) expect(error.fields, JSON.stringify(error)).toHaveProperty([field]);
    expect(await everything()).toEqual(before);
    // The same member can still add a proper message afterwards.
    expect((await t.app.inject(comment(asJson({ body: 'A proper message' })))).statusCode).toBe(201);
  });

  test.each(['constructor', 'toString', 'hasOwnProperty'])(
    'an unknown key named %s is named in the error’s fields, like any other unknown key',
    async (key) => {
      const response = await t.app.inject(comment(raw(`{"body":"Hi","${key}":"x"}`)));
      const error = expectError(response, 400, 'validation_failed');
      expect(error.fields, JSON.stringify(error)).toEqual({ [key]: 'is not a known field' });
    },
  );

  test.each([
    ['not a number', 'abc'],
    ['zero', '0'],
    ['negative', '-1'],
    ['beyond the largest number', '2147483648'],
    ['a fraction', '1001.5'],
  ])('a request number that is %s is refused with 400, and nothing is written', async (_what, id) => {
    const before = await everything();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sites/demo/requests/${id}/comments`,
      headers: { ...bearer(alice), ...json },
      payload: JSON.stringify({ body: 'Hi' }),
    });
    expectError(response, 400, 'validation_failed');
    expect(await everything()).toEqual(before);
  });
});

describe('a member marking a request solved', () => {
  const solve = (payload?: Payload): InjectOptions => ({
    method: 'POST',
    url: `/api/v1/sites/demo/requests/${number}/solve`,
    headers: { ...bearer(alice), ...(payload && { 'content-type': payload.contentType }) },
    ...(payload && { payload: payload.payload }),
  });

  test('fields sent along with "solve" are never applied: it becomes solved — not closed, not renumbered, not someone else’s', async () => {
    const before = await stored();
    const response = await t.app.inject(solve(asJson({ status: 'closed', id: 5, number: 5, requester: 'usr_other', site: 'starter', subject: 'Changed' })));
    expect([200, 400]).toContain(response.statusCode);
    const after = await stored();
    expect(after.status).toBe(response.statusCode === 200 ? 'solved' : 'new');
    expect({ id: after.id, number: after.number, requesterId: after.requesterId, siteId: after.siteId, subject: after.subject }).toEqual({
      id: before.id,
      number: before.number,
      requesterId: before.requesterId,
      siteId: before.siteId,
      subject: before.subject,
    });
  });

  test.each(
    named([
      ['malformed JSON', () => raw('{"status": '), 400, 'invalid_json'],
      ['a __proto__ key', () => raw('{"__proto__":{"status":"closed"}}'), 400, 'invalid_json'],
      ['a body over 128 KB', () => asJson({ note: 'x'.repeat(OVER_BODY_LIMIT) }), 413, 'payload_too_large'],
      ['a text/plain body', () => raw('solve', 'text/plain'), 415, 'unsupported_media_type'],
    ]),
  )('$name → $status $code, and the request stays as it was', async ({ payload, status, code }) => {
    const before = await everything();
    expectError(await t.app.inject(solve(payload())), status, code);
    expect(await everything()).toEqual(before);
    expect((await stored()).status).toBe('new');
  });
});

describe('an agent replying or changing the status', () => {
  const agent = (path: 'comments' | 'status', payload: Payload, id: number | string = number): InjectOptions => ({
    method: 'POST',
    url: `/api/v1/agent/requests/${id}/${path}`,
    headers: { authorization: `Bearer ${agentToken}`, 'content-type': payload.contentType },
    payload: payload.payload,
  });

  const replyRefusals: Refusal[] = [
    ...malformedBodies,
    ['a reply over 10000 characters', () => asJson({ body: 'x'.repeat(10_001), public: true }), 400, 'validation_failed', 'body'],
    ['a NUL byte in the reply', () => asJson({ body: 'a\u0000b', public: true }), 400, 'validation_failed', 'body'],
    ['public as the string "false"', () => asJson({ body: 'Hi', public: 'false' }), 400, 'validation_failed', 'public'],
    ['no public flag', () => asJson({ body: 'Hi' }), 400, 'validation_failed', 'public'],
    ['a status that is not a status', () => asJson({ body: 'Hi', public: true, status: 'deleted' }), 400, 'validation_failed', 'status'],
    ['writing as another agent', () => asJson({ body: 'Hi', public: true, authorAgentId: 'agt_other' }), 400, 'validation_failed', 'authorAgentId'],
    ['setting the requester', () => asJson({ body: 'Hi', public: true, requester: 'usr_other' }), 400, 'field_not_allowed', 'requester'],
    ['setting the site', () => asJson({ body: 'Hi', public: true, siteId: 'site_other' }), 400, 'field_not_allowed', 'siteId'],
    ['setting the time', () => asJson({ body: 'Hi', public: true, createdAt: '2000-01-01T00:00:00.000Z' }), 400, 'field_not_allowed', 'createdAt'],
  ];

  test.each(named(replyRefusals))('a reply with $name → $status $code, nothing is written and no mail is queued', async ({ payload, status, code, field }) => {
    const before = await everything();
    const error = expectError(await t.app.inject(agent('comments', payload())), status, code);
    if (field) expect(error.fields, JSON.stringify(error)).toHaveProperty([field]);
    expect(await everything()).toEqual(before);
    expect((await t.app.inject(agent('comments', asJson({ body: 'A proper reply', public: true })))).statusCode).toBe(201);
  });

  const statusRefusals: Refusal[] = [
    ...malformedBodies,
    ['no status', () => asJson({}), 400, 'validation_failed', 'status'],
    ['a list of statuses', () => asJson({ status: ['solved'] }), 400, 'validation_failed', 'status'],
    ['a status in capitals', () => asJson({ status: 'SOLVED' }), 400, 'validation_failed', 'status'],
    ['a solved time of its own', () => asJson({ status: 'solved', solvedAt: '2000-01-01T00:00:00.000Z' }), 400, 'validation_failed', 'solvedAt'],
    ['a new number', () => asJson({ status: 'solved', number: 1 }), 400, 'field_not_allowed', 'number'],
  ];

  test.each(named(statusRefusals))('a status change with $name → $status $code, and the request stays as it was', async ({ payload, status, code, field }) => {
    const before = await everything();
    const error = expectError(await t.app.inject(agent('status', payload())), status, code);
    if (field) expect(error.fields, JSON.stringify(error)).toHaveProperty([field]);
    expect(await everything()).toEqual(before);
    expect((await stored()).status).toBe('new');
  });

  test('a request number that is not a whole number is 400 for replies and status changes', async () => {
    const before = await everything();
    expectError(await t.app.inject(agent('comments', asJson({ body: 'Hi', public: true }), 'abc')), 400, 'validation_failed');
    expectError(await t.app.inject(agent('status', asJson({ status: 'solved' }), '0')), 400, 'validation_failed');
    expect(await everything()).toEqual(before);
  });
});

describe('the sign-in exchange', () => {
  const exchange = (payload: Payload): InjectOptions => ({
    method: 'POST',
    url: '/api/v1/sites/demo/session',
    headers: { 'content-type': payload.contentType },
    payload: payload.payload,
  });
  const token = () => hostToken({ sub: 'bad-input-newcomer', email: 'newcomer@bad-input.example' }, t.clock.now);

  test.each(
    named([
      ['malformed JSON', () => raw('{"token": '), 400, 'invalid_json'],
      ['a __proto__ key', () => raw(`{"__proto__":{"sub":"admin"},"token":"${token()}"}`), 400, 'invalid_json'],
      ['a body over 128 KB', () => asJson({ token: 'x'.repeat(OVER_BODY_LIMIT) }), 413, 'payload_too_large'],
      ['a token over 4096 characters', () => asJson({ token: 'x'.repeat(4097) }), 400, 'validation_failed'],
      ['a token that is a number', () => asJson({ token: 42 }), 400, 'validation_failed'],
      ['an extra claim next to the token', () => asJson({ token: token(), sub: 'someone-else' }), 400, 'validation_failed'],
      ['an id next to the token', () => asJson({ token: token(), id: 'usr_someone' }), 400, 'field_not_allowed'],
    ]),
  )('$name → $status $code, and no member or token id is stored', async ({ payload, status, code }) => {
    const before = await everything();
    expectError(await t.app.inject(exchange(payload())), status, code);
    expect(await everything()).toEqual(before);
  });
});

describe('submitting a request: cases beyond requests.test.ts', () => {
  const valid = (overrides: Record<string, unknown> = {}) => ({
    categoryId: cats['Account & sign-in'],
    subject: 'Help',
    description: 'Please help.',
    email: 'visitor@bad-input.example',
    name: 'Visitor',
    ...overrides,
  });

  test.each(
    (
      [
        ['a __proto__ key inside fields', () => JSON.stringify(valid()).replace(/\}$/, ',"fields":{"__proto__":{"status":"solved"}}}'), 'invalid_json'],
        ['a name over 100 characters', () => JSON.stringify(valid({ name: 'n'.repeat(101) })), 'validation_failed'],
        ['an email over 254 characters', () => JSON.stringify(valid({ email: `${'e'.repeat(250)}@example.com` })), 'validation_failed'],
        ['a category id over 64 characters', () => JSON.stringify(valid({ categoryId: `cat_${'c'.repeat(70)}` })), 'validation_failed'],
        ['a honeypot value over 500 characters', () => JSON.stringify(valid({ website: 'w'.repeat(501) })), 'validation_failed'],
        ['a subject given as a list', () => JSON.stringify(valid({ subject: ['Help'] })), 'validation_failed'],
        [
          'a field value given as an object',
          () => JSON.stringify(valid({ categoryId: cats['Orders & shipping'], fields: { orderNumber: { n: 1 } } })),
          'validation_failed',
        ],
        ['a NUL byte in the name', () => JSON.stringify(valid({ name: 'Vis\u0000itor' })), 'validation_failed'],
        [
          'a NUL byte in a field value',
          () => JSON.stringify(valid({ categoryId: cats['Orders & shipping'], fields: { orderNumber: 'NW\u00001' } })),
          'validation_failed',
        ],
        ['setting requesterId', () => JSON.stringify(valid({ requesterId: 'usr_someone' })), 'field_not_allowed'],
        ['setting organizationId', () => JSON.stringify(valid({ organizationId: 'org_someone' })), 'field_not_allowed'],
        ['setting the request number', () => JSON.stringify(valid({ number: 1 })), 'field_not_allowed'],
        ['setting the status', () => JSON.stringify(valid({ status: 'solved' })), 'field_not_allowed'],
        ['a top-level __proto__ key', () => JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"status":"solved"},'), 'invalid_json'],
        ['malformed JSON', () => '{"subject": ', 'invalid_json'],
        ['a number as the description', () => JSON.stringify(valid({ description: 7 })), 'validation_failed'],
      ] as [string, () => string, string][]
    ).map(([name, payload, code]) => ({ name, payload, code })),
  )('$name → 400 $code, and nothing is stored or mailed', async ({ payload, code }) => {
    const before = await everything();
    const response = await submit(t.app, payload(), { headers: { 'idempotency-key': 'bad-input-key-01' } });
    expectError(response, 400, code);
    expect(await everything()).toEqual(before);
    expect(await lastRequestNumber(t.db, 'demo')).toBe(number);
  });

  test('a body over 128 KB → 413, and nothing is stored or mailed', async () => {
    const before = await everything();
    expectError(await submit(t.app, valid({ description: 'x'.repeat(OVER_BODY_LIMIT) })), 413, 'payload_too_large');
    expect(await everything()).toEqual(before);
  });

  test('a signed-in member’s refused submission (a status, a bad CC) stores and mails nothing', async () => {
    const before = await everything();
    const member = { categoryId: cats['Account & sign-in'], subject: 'Help', description: 'Please help.' };
    expectError(await submit(t.app, { ...member, status: 'closed' }, { headers: bearer(alice) }), 400, 'field_not_allowed');
    expectError(await submit(t.app, { ...member, ccs: ['not-an-address'] }, { headers: bearer(alice) }), 400, 'validation_failed');
    expect(await everything()).toEqual(before);
  });

  test('a bot filling the honeypot gets a normal-looking 201, and no request, contact or mail is stored (only its key, to answer a retry alike)', async () => {
    const before = await everything();
    const response = await submit(t.app, valid({ website: 'http://cheap-pills.example' }), { headers: { 'idempotency-key': 'honeypot-key-0001' } });
    expect(response.statusCode).toBe(201);
    expect(await everything()).toEqual({ ...before, idempotencyKeys: before.idempotencyKeys + 1 });
  });
});
