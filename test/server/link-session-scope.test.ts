/**
 * A session from the link in a customer's mail is "read and reply on one request": anyone can get
 * one by writing in under their own address, so it must not open anything else — not new requests
 * (and through them CCs, i.e. mail to people of the sender's choosing), not the lists, not the
 * badge count, not another request. Link tokens ride in the URL fragment and are exchanged by POST;
 * a query string never carries one anywhere.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { mailedLinkToken } from '../support/mail-links.js';
import { outbox, requestCcs } from '../support/tables.js';
import { storedCounts } from '../support/inspect.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';

const PAT = 'pat@customer.example';

let t: TestApp;
let cats: Record<string, string>;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
});
afterEach(() => t.close());

const newRequest = (overrides: Record<string, unknown> = {}) => ({
  categoryId: cats['Account & sign-in'],
  subject: 'Cannot sign in',
  description: 'Please help',
  ...overrides,
});

/** Writes in anonymously as Pat; returns the request's number and the link token its receipt carries. */
async function writeIn(subject: string): Promise<{ number: number; linkToken: string }> {
  const response = await submit(t.app, newRequest({ subject, email: PAT, name: 'Pat' }));
  expect(response.statusCode, response.body).toBe(201);
  const number = response.json().request.id as number;
  return { number, linkToken: await mailedLinkToken(t, PAT, number) };
}

async function linkSession(linkToken: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sites/demo/session/link',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token: linkToken }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().accessToken;
}

const get = (url: string, token: string) => t.app.inject({ url: `/api/v1/sites/demo/${url}`, headers: bearer(token) });
const post = (url: string, token: string, body?: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/demo/${url}`,
    headers: { ...bearer(token), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { payload: JSON.stringify(body) }),
  });
const mailCount = () => t.db.$count(outbox);
const ccCount = () => t.db.$count(requestCcs);

describe('a session from a mail link', () => {
  test('cannot submit a new request, so cannot copy anyone in: 403 link_session_scope, and nothing is stored or mailed', async () => {
    const { linkToken } = await writeIn('First');
    const session = await linkSession(linkToken);
    const [before, mailsBefore] = [await storedCounts(t.db), await mailCount()];

    const refused = expectError(
      await submit(t.app, newRequest({ ccs: ['victim@elsewhere.example'] }), { headers: bearer(session) }),
      403,
      'link_session_scope',
    );
    expect(refused.message).toMatch(/sign in/i);
    expectError(await submit(t.app, newRequest(), { headers: { ...bearer(session), 'idempotency-key': 'link-session-0001' } }), 403, 'link_session_scope');

    expect(await storedCounts(t.db)).toEqual(before);
    expect(await mailCount()).toBe(mailsBefore);
    expect(await ccCount()).toBe(0);
  });

  test('cannot read the lists or the badge count, nor another request of the same person', async () => {
    const other = await writeIn('Other');
    const { linkToken } = await writeIn('Linked');
    const session = await linkSession(linkToken);
    for (const url of ['requests', 'requests?scope=ccd', 'requests?scope=org', 'requests/summary', `requests/${other.number}`]) {
      expectError(await get(url, session), 403, 'link_session_scope');
    }
    expectError(await post(`requests/${other.number}/comments`, session, { body: 'Sneaking in' }), 403, 'link_session_scope');
    expectError(await post(`requests/${other.number}/solve`, session), 403, 'link_session_scope');
  });

  test('reads and replies on its own request, and still may not solve it', async () => {
    const { number, linkToken } = await writeIn('Linked');
    const session = await linkSession(linkToken);
    const read = await get(`requests/${number}`, session);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().request).toMatchObject({ id: number, can: { comment: true, solve: false } });
    expect((await post(`requests/${number}/comments`, session, { body: 'Thanks, more detail here' })).statusCode).toBe(201);
    expectError(await post(`requests/${number}/solve`, session), 403, 'not_requester');
  });

  test('leaves a member’s own session as it was: lists, badge and new requests with CCs', async () => {
    const member = await memberSession(t, { sub: 'n-ana', email: 'ana@customer.example', name: 'Ana' });
    expect((await submit(t.app, newRequest({ ccs: ['colleague@customer.example'] }), { headers: bearer(member) })).statusCode).toBe(201);
    expect((await get('requests', member)).statusCode).toBe(200);
    expect((await get('requests/summary', member)).statusCode).toBe(200);
  });
});

describe('a link token', () => {
  test('is never accepted in a query string, where mail scanners and logs would keep it', async () => {
    const { number, linkToken } = await writeIn('Linked');
    for (const name of ['t', 'token', 'access_token']) {
      const query = `${name}=${linkToken}`;
      expectError(await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}?${query}` }), 401, 'session_expired');
      expectError(await t.app.inject({ url: `/api/v1/sites/demo/events?${query}` }), 401, 'session_expired');
      expectError(
        await t.app.inject({ method: 'POST', url: `/api/v1/sites/demo/session/link?${query}`, headers: { 'content-type': 'application/json' }, payload: '{}' }),
        400,
        'validation_failed',
      );
    }
    // A session made from it is not accepted there either.
    const session = await linkSession(linkToken);
    expectError(await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}?access_token=${session}` }), 401, 'session_expired');
  });
});
