/**
 * The team's own facts about requests over the agent API: who owns each (assignment) and the
 * Mine / Unassigned / All open views with their counts, tags and the tag filter, search over message
 * text — none of which a customer ever sees — and that a customer's reply to an owned request tells
 * its owner alone.
 */
import { beforeEach, afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { MemberClaimsInput } from '../support/member-tokens.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { newId } from '../../server/store/ids.js';
import { outboxRows, siteIdOf } from '../support/inspect.js';
import { categoryIds, expectError, memberSession, submit } from './helpers.js';

const ALICE = { sub: 't-alice', email: 'alice@customer.example', name: 'Alice Asker' } satisfies MemberClaimsInput;

let t: TestApp;
let cats: Record<string, string>;
const team: Record<'riley' | 'sam', { id: string; token: string; email: string }> = {} as never;

async function addAgent(key: 'riley' | 'sam', name: string) {
  const id = newId('agt');
  const email = `${key}@northwind.example`;
  await t.store.admin.createAgent({
    removedAt: null,
    id,
    siteId: await siteIdOf(t.db, 'demo'),
    email,
    name,
    passwordHash: null,
    createdAt: t.clock.now.toISOString(),
  });
  const token = newSecret('pat_');
  await t.store.admin.insertApiToken({
    expiresAt: null,
    id: newId('tok'),
    agentId: id,
    name: 'tests',
    tokenHash: hashSecret(token),
    createdAt: t.clock.now.toISOString(),
  });
  team[key] = { id, token, email };
}

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
  await addAgent('riley', 'Riley Chen');
  await addAgent('sam', 'Sam Ortiz');
});
afterEach(async () => {
  await t.close();
});

const as = (who: 'riley' | 'sam') => ({ authorization: `Bearer ${team[who].token}`, 'content-type': 'application/json' });
const put = (who: 'riley' | 'sam', url: string, body: unknown) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/agent${url}`, headers: as(who), payload: JSON.stringify(body) });
async function queue(who: 'riley' | 'sam', query = '') {
  const response = await t.app.inject({ url: `/api/v1/agent/requests${query}`, headers: as(who) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { requests: { id: number; assignee: { id: string; name: string } | null; tags: string[] }[]; counts: Record<string, number> };
}
const ids = async (who: 'riley' | 'sam', query = '') => (await queue(who, query)).requests.map((r) => r.id).sort((a, b) => a - b);

async function create(overrides: Record<string, unknown> = {}, token?: string): Promise<number> {
  const payload = {
    categoryId: cats['Account & sign-in'],
    subject: 'Cannot sign in',
    description: 'The reset link has expired.',
    ...(token ? {} : { email: 'pat@customer.example', name: 'Pat' }),
    ...overrides,
  };
  const response = await submit(t.app, payload, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

describe('assignment', () => {
  test('an agent gives a request to a teammate or to nobody; the views and their counts follow', async () => {
    const [a, b, c] = [await create(), await create(), await create()];
    expect((await queue('riley')).counts).toEqual({ mine: 0, unassigned: 3, open: 3 });

    const given = await put('riley', `/requests/${a}/assignee`, { agentId: team.riley.id });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().request.assignee).toEqual({ id: team.riley.id, name: 'Riley Chen' });
    expect((await put('riley', `/requests/${b}/assignee`, { agentId: team.sam.id })).statusCode).toBe(200);

    expect(await ids('riley', '?assignee=me')).toEqual([a]);
    expect(await ids('sam', '?assignee=me')).toEqual([b]);
    expect(await ids('riley', '?assignee=none')).toEqual([c]);
    expect((await queue('riley')).counts).toEqual({ mine: 1, unassigned: 1, open: 3 });
    expect((await queue('sam')).counts).toEqual({ mine: 1, unassigned: 1, open: 3 });
    expect((await queue('riley')).requests.find((r) => r.id === b)!.assignee).toEqual({ id: team.sam.id, name: 'Sam Ortiz' });

    // Solved work leaves the counts; taking it back to nobody puts it in Unassigned.
    await t.app.inject({ method: 'POST', url: `/api/v1/agent/requests/${a}/status`, headers: as('riley'), payload: JSON.stringify({ status: 'solved' }) });
    expect((await put('sam', `/requests/${b}/assignee`, { agentId: null })).json().request.assignee).toBeNull();
    expect((await queue('riley')).counts).toEqual({ mine: 0, unassigned: 2, open: 2 });
  });

  test('an unknown agent, another site’s agent or a malformed body is a clear 400; another site’s request is 404', async () => {
    const number = await create();
    expectError(await put('riley', `/requests/${number}/assignee`, { agentId: 'agt_nobody' }), 400, 'validation_failed');
    expectError(await put('riley', `/requests/${number}/assignee`, { agent: team.sam.id }), 400, 'validation_failed');
    expectError(await put('riley', `/requests/${number}/assignee`, {}), 400, 'validation_failed');
    expectError(await put('riley', `/requests/99999/assignee`, { agentId: team.sam.id }), 404, 'not_found');
    const read = await t.app.inject({ url: `/api/v1/agent/requests/${number}`, headers: as('riley') });
    expect(read.json().request.assignee).toBeNull();
  });

  test('a customer’s reply to an owned request tells its owner alone; an unowned one tells every agent', async () => {
    const token = await memberSession(t, ALICE);
    const owned = await create({}, token);
    const unowned = await create({ subject: 'Second thing' }, token);
    await put('riley', `/requests/${owned}/assignee`, { agentId: team.sam.id });
    const before = (await outboxRows(t.db)).length;
    for (const number of [owned, unowned]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/sites/demo/requests/${number}/comments`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ body: 'Any news?' }),
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const told = (await outboxRows(t.db)).slice(before).filter((mail) => mail.kind === 'customer_reply');
    const to = (number: number) =>
      told
        .filter((mail) => mail.subject.includes(`#${number}`))
        .map((mail) => mail.toEmail)
        .sort();
    expect(to(owned)).toEqual([team.sam.email]);
    expect(to(unowned)).toEqual([team.riley.email, team.sam.email]);
  });
});

describe('tags and search', () => {
  test('tags are normalized, filter the queue and are listed by use; bad tags are a 400 naming the tag', async () => {
    const [a, b] = [await create(), await create()];
    const tagged = await put('riley', `/requests/${a}/tags`, { tags: ['Billing ', 'billing', 'VIP  customer'] });
    expect(tagged.statusCode, tagged.body).toBe(200);
    expect(tagged.json().request.tags).toEqual(['billing', 'vip customer']);
    await put('sam', `/requests/${b}/tags`, { tags: ['billing'] });
    expect(await ids('riley', '?tag=Billing')).toEqual([a, b]);
    expect(await ids('riley', '?tag=vip%20customer')).toEqual([a]);
    const inUse = await t.app.inject({ url: '/api/v1/agent/tags', headers: as('riley') });
    expect(inUse.json()).toEqual({
      tags: [
        { tag: 'billing', requests: 2 },
        { tag: 'vip customer', requests: 1 },
      ],
    });

    const bad = await put('riley', `/requests/${a}/tags`, { tags: ['ok', '<script>'] });
    expectError(bad, 400, 'validation_failed');
    expect(bad.json().error.fields).toEqual({ 'tags.1': 'invalid_characters' });
    expectError(await put('riley', `/requests/${a}/tags`, { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }), 400, 'validation_failed');
    expectError(await put('riley', `/requests/${a}/tags`, { tags: ['x'.repeat(40)] }), 400, 'validation_failed');
    // Nothing of a refused change was stored.
    expect((await queue('riley', '?tag=billing')).requests.find((r) => r.id === a)!.tags).toEqual(['billing', 'vip customer']);
    expect(await put('riley', `/requests/${a}/tags`, { tags: [] }).then((r) => r.json().request.tags)).toEqual([]);
  });

  test('search finds a request by the text of any message, internal notes included', async () => {
    const a = await create({ description: 'The invoice shows a Zanzibar surcharge.' });
    const b = await create();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/agent/requests/${b}/comments`,
      headers: as('riley'),
      payload: JSON.stringify({ body: 'Escalated to the Quokka team', public: false }),
    });
    expect(await ids('riley', '?q=zanzibar')).toEqual([a]);
    expect(await ids('riley', '?q=QUOKKA')).toEqual([b]);
    expect(await ids('riley', `?q=%23${a}`)).toEqual([a]);
  });

  test('a customer never sees the team’s tags, owner or notes', async () => {
    const token = await memberSession(t, ALICE);
    const number = await create({}, token);
    await put('riley', `/requests/${number}/tags`, { tags: ['secret-tag'] });
    await put('riley', `/requests/${number}/assignee`, { agentId: team.riley.id });
    const seen = await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: { authorization: `Bearer ${token}` } });
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('secret-tag');
    expect(seen.body).not.toContain('Riley');
    expect(seen.body).not.toContain('assignee');
    const list = await t.app.inject({ url: '/api/v1/sites/demo/requests', headers: { authorization: `Bearer ${token}` } });
    expect(list.body).not.toContain('secret-tag');
  });
});
