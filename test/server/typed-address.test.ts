/**
 * Typing an address proves nothing. Someone sends an anonymous request under the address of a
 * member whose host has verified it: until a link mailed to that address for that request is
 * opened, the member does not see it, cannot act on it, is not told of it, and the agent sees it as
 * sent by an unverified sender. Once the link is opened it is the member's, verified — and the next
 * anonymous request under the same address needs its own proof. A CC, by contrast, is only ever
 * added by a signed-in member, and never makes a request look like the copied member's own.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent } from '../support/agent-side.js';
import { openMailedLink } from '../support/mail-links.js';
import { requestByNumber } from '../support/inspect.js';
import { comments } from '../support/tables.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';

const VERA = { sub: 'ta-vera', email: 'vera@typed-address.example', name: 'Vera Verified', email_verified: true };
const MALLORY = { sub: 'ta-mallory', email: 'mallory@typed-address.example', name: 'Mallory' };
/** How the attacker types Vera's address: case and spaces do not make it another one. */
const TYPED = '  Vera@Typed-Address.EXAMPLE ';
const MISSING = 999_999;

let t: TestApp;
let agent: string;
let categoryId: string;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  agent = await addDemoAgent(t, 'riley@typed-address.example');
  categoryId = (await categoryIds(t.app))['Account & sign-in']!;
});
afterEach(() => t.close());

// ---- helpers ---------------------------------------------------------------------

async function sendAnonymously(subject: string): Promise<number> {
  const response = await submit(t.app, { categoryId, subject, description: 'Please send the refund to my new card ending 4242.', email: TYPED, name: 'Vera' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

async function sendAsMember(token: string, body: Record<string, unknown>): Promise<number> {
  const response = await submit(t.app, { categoryId, description: 'Written signed in.', ...body }, { headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

const api = '/api/v1/sites/demo';
const list = async (token: string, scope: string) => {
  const response = await t.app.inject({ url: `${api}/requests?scope=${scope}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().requests.map((r: { id: number }) => r.id) as number[];
};
const awaitingReply = async (token: string) => (await t.app.inject({ url: `${api}/requests/summary`, headers: bearer(token) })).json().awaitingReply;
const read = (token: string, id: number) => t.app.inject({ url: `${api}/requests/${id}`, headers: bearer(token) });
const comment = (token: string, id: number) =>
  t.app.inject({
    method: 'POST',
    url: `${api}/requests/${id}/comments`,
    headers: { ...bearer(token), 'content-type': 'application/json' },
    payload: JSON.stringify({ body: 'Yes, that card.' }),
  });
const solve = (token: string, id: number) => t.app.inject({ method: 'POST', url: `${api}/requests/${id}/solve`, headers: bearer(token) });

const agentHeaders = () => ({ authorization: `Bearer ${agent}` });
async function agentReply(id: number): Promise<void> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/agent/requests/${id}/comments`,
    headers: { ...agentHeaders(), 'content-type': 'application/json' },
    payload: JSON.stringify({ body: 'Done: the refund goes to the new card.', public: true }),
  });
  expect(response.statusCode, response.body).toBe(201);
}
/** What the agent is told of the sender, in the queue and on the request. */
async function agentSees(id: number): Promise<{ queue: boolean; request: boolean }> {
  const queue = await t.app.inject({ url: '/api/v1/agent/requests', headers: agentHeaders() });
  const detail = await t.app.inject({ url: `/api/v1/agent/requests/${id}`, headers: agentHeaders() });
  expect(detail.statusCode, detail.body).toBe(200);
  const row = queue.json().requests.find((r: { id: number }) => r.id === id);
  return { queue: row.senderVerified, request: detail.json().request.senderVerified };
}

const statusOf = async (id: number) => (await requestByNumber(t.db, id)).status;
const commentCount = () => t.db.$count(comments);

async function expectSameAsMissing(response: LightMyRequestResponse, missing: LightMyRequestResponse) {
  expectError(response, 404, 'not_found');
  expect(response.body).toBe(missing.body);
}

// ---- the requests and lists --------------------------------------------------------

describe('an anonymous request under a verified member’s address', () => {
  test('is not theirs until proven: not in their lists or badge, 404 for read, comment and solve, and unverified for the agent', async () => {
    const forged = await sendAnonymously('Refund to a new card');
    await agentReply(forged); // awaiting the customer's reply: what the badge counts
    const vera = await memberSession(t, VERA);

    expect(await list(vera, 'mine')).toEqual([]);
    expect(await list(vera, 'ccd')).toEqual([]);
    expect(await awaitingReply(vera)).toBe(0);
    const before = await commentCount();
    await expectSameAsMissing(await read(vera, forged), await read(vera, MISSING));
    await expectSameAsMissing(await comment(vera, forged), await comment(vera, MISSING));
    await expectSameAsMissing(await solve(vera, forged), await solve(vera, MISSING));
    expect(await commentCount()).toBe(before);
    expect(await statusOf(forged)).toBe('pending');
    expect(await agentSees(forged)).toEqual({ queue: false, request: false });
  });

  test('is theirs, verified, once the receipt’s link is opened: listed, counted, written by “you”, and theirs to solve', async () => {
    const sent = await sendAnonymously('Refund to a new card');
    const link = await openMailedLink(t, VERA.email, sent);
    expect((await read(link, sent)).statusCode).toBe(200);
    await agentReply(sent);
    const vera = await memberSession(t, VERA);

    expect(await list(vera, 'mine')).toEqual([sent]);
    expect(await awaitingReply(vera)).toBe(1);
    const detail = (await read(vera, sent)).json().request;
    expect(detail.comments[0].author).toEqual({ name: 'Vera', role: 'customer', you: true });
    expect(detail.can).toEqual({ comment: true, solve: true, rate: false });
    expect(await agentSees(sent)).toEqual({ queue: true, request: true });
    expect((await comment(vera, sent)).statusCode).toBe(201);
    expect((await solve(vera, sent)).statusCode).toBe(200);
    expect(await statusOf(sent)).toBe('solved');
  });

  test('is proven just as well by the link in a later mail to the requester', async () => {
    const sent = await sendAnonymously('Refund to a new card');
    await agentReply(sent);
    await openMailedLink(t, VERA.email, sent, 'agent_reply');
    const vera = await memberSession(t, VERA);
    expect(await list(vera, 'mine')).toEqual([sent]);
    expect(await agentSees(sent)).toEqual({ queue: true, request: true });
  });

  test('needs its own proof even after an earlier one under the same address was proven; the earlier link proves nothing else', async () => {
    const first = await sendAnonymously('Refund to a new card');
    await openMailedLink(t, VERA.email, first);
    const second = await sendAnonymously('Change my delivery address');
    await openMailedLink(t, VERA.email, first); // opened again, after the second was sent
    const vera = await memberSession(t, VERA);

    expect(await list(vera, 'mine')).toEqual([first]);
    await expectSameAsMissing(await read(vera, second), await read(vera, MISSING));
    await expectSameAsMissing(await solve(vera, second), await solve(vera, MISSING));
    expect(await agentSees(second)).toEqual({ queue: false, request: false });
    expect(await agentSees(first)).toEqual({ queue: true, request: true });
  });

  test('a member’s own request is verified from the start', async () => {
    const own = await sendAsMember(await memberSession(t, VERA), { subject: 'My own question' });
    expect(await agentSees(own)).toEqual({ queue: true, request: true });
  });
});

describe('a CC is not a way in', () => {
  test('an anonymous sender cannot copy anyone', async () => {
    const response = await submit(t.app, { categoryId, subject: 'Hi', description: 'Hi', email: MALLORY.email, ccs: [VERA.email] });
    expectError(response, 400, 'field_not_allowed');
  });

  test('a member who copies the address is shown as the writer: the copied member sees it as CC’d, not as theirs — not counted, not theirs to solve', async () => {
    const mallory = await memberSession(t, MALLORY);
    const copied = await sendAsMember(mallory, { subject: 'Refund to a new card', ccs: [VERA.email] });
    await agentReply(copied);
    const vera = await memberSession(t, VERA);

    expect(await list(vera, 'mine')).toEqual([]);
    expect(await list(vera, 'ccd')).toEqual([copied]);
    expect(await awaitingReply(vera)).toBe(0);
    const detail = (await read(vera, copied)).json().request;
    expect(detail.requester).toEqual({ name: 'Mallory' });
    expect(detail.comments[0].author).toEqual({ name: 'Mallory', role: 'customer', you: false });
    expect(detail.can.solve).toBe(false);
    expectError(await solve(vera, copied), 403, 'not_requester');
  });
});

// ---- live events ---------------------------------------------------------------------

/** The `request` events of a member's stream, in order. */
function requestEvents(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<number> {
      for (;;) {
        const match = /event: request\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return (JSON.parse(match[1]!) as { id: number }).id;
        }
        const chunk = await reader.read();
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value);
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe('the member’s live stream', () => {
  test('tells them nothing of an unproven request under their address, and tells them when it is proven and of every change after', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const forged = await sendAnonymously('Refund to a new card');
    const vera = await memberSession(t, VERA);
    const events = requestEvents(await fetch(`${base}${api}/events`, { headers: bearer(vera) }));

    await agentReply(forged);
    // Events arrive in order: the first Vera hears of is her own request, sent after the reply above.
    const own = await sendAsMember(vera, { subject: 'My own question' });
    expect(await events.next()).toBe(own);

    // Proving it is news to her — it is hers now — told before anything that happens after. Later changes are announced too.
    await openMailedLink(t, VERA.email, forged);
    const later = await sendAsMember(vera, { subject: 'Another question' });
    expect(await events.next()).toBe(forged);
    expect(await events.next()).toBe(later);
    await agentReply(forged);
    expect(await events.next()).toBe(forged);
    await events.cancel();
  });
});
