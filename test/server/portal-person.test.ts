/**
 * Who a Help Center user is (issue 11): the person of a verified address — the same person as the
 * host's member with that address, with the same requests, CCs and organization in the widget and in
 * the Help Center; their organization otherwise from a domain the site declared, on a tier that
 * allows it; nothing of anyone else's (404); their member tokens end with the portal session; and
 * their CCs are capped per hour.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { MemberClaimsInput } from '../support/member-tokens.js';
import { portalBrowser } from '../support/portal-browser.js';
import { runStatement, siteIdOf, storedCounts } from '../support/inspect.js';
import { PORTAL_CCS_PER_HOUR } from '../../server/services/portal-limits.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';

const DOMAIN = 'portal-person.example';
const ALICE = { sub: 'pp-alice', email: `alice@${DOMAIN}`, name: 'Alice Member', org: { id: 'pp-org', name: 'Person Org' } } satisfies MemberClaimsInput;
const BOB = { sub: 'pp-bob', email: `bob@${DOMAIN}`, name: 'Bob Colleague', org: { id: 'pp-org', name: 'Person Org' } } satisfies MemberClaimsInput;
const DAVE = {
  sub: 'pp-dave',
  email: 'dave@elsewhere.example',
  name: 'Dave Elsewhere',
  org: { id: 'pp-other', name: 'Other Org' },
} satisfies MemberClaimsInput;

let t: TestApp;
let categoryId: string;
beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  categoryId = (await categoryIds(t.app))['Account & sign-in']!;
});
afterEach(() => t.close());

async function create(token: string, overrides: Record<string, unknown> = {}): Promise<number> {
  const response = await submit(
    t.app,
    { categoryId, subject: 'Cannot sign in', description: 'The reset link expired.', ...overrides },
    { headers: bearer(token) },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}
const get = (token: string, path: string) => t.app.inject({ url: `/api/v1/sites/demo/${path}`, headers: bearer(token) });
const post = (token: string, path: string, body?: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/demo/${path}`,
    headers: { ...bearer(token), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { payload: JSON.stringify(body) }),
  });
const lists = async (token: string) =>
  Object.fromEntries(
    await Promise.all(
      (['mine', 'ccd', 'org'] as const).map(async (scope) => {
        const response = await get(token, `requests?scope=${scope}`);
        return [scope, response.statusCode === 200 ? response.json().requests.map((r: { id: number }) => r.id) : response.json().error.code];
      }),
    ),
  );

async function portalSignIn(email: string) {
  const browser = portalBrowser(t);
  const spent = await browser.signInByLink(email);
  expect(spent.statusCode, spent.body).toBe(200);
  return browser;
}

describe('a Help Center user with a host member’s verified address', () => {
  it('is that member: the same lists and request, and writes as them', async () => {
    const alice = await memberSession(t, ALICE);
    const bob = await memberSession(t, BOB);
    const own = await create(alice, { subject: 'Alice’s own' });
    const copied = await create(bob, { subject: 'Bob copies Alice', ccs: [ALICE.email] });
    await create(bob, { subject: 'Bob’s alone' });

    const browser = await portalSignIn(ALICE.email);
    const session = await browser.call('POST', 'member-session', {});
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json().member).toEqual({ name: 'Alice Member', email: ALICE.email, emailVerified: true, organization: { name: 'Person Org' } });
    const portal = session.json().accessToken;

    const inWidget = await lists(alice);
    expect(inWidget.mine).toEqual([own]);
    expect(inWidget.ccd).toEqual([copied]);
    expect(inWidget.org).toHaveLength(3);
    expect(await lists(portal)).toEqual(inWidget);
    expect((await get(portal, `requests/${copied}`)).json()).toEqual((await get(alice, `requests/${copied}`)).json());

    const commented = await post(portal, `requests/${own}/comments`, { body: 'From the Help Center' });
    expect(commented.statusCode, commented.body).toBe(201);
    const thread = (await get(alice, `requests/${own}`)).json().request.comments;
    expect(thread.at(-1)).toMatchObject({ body: 'From the Help Center', author: { name: 'Alice Member' } });
    expect((await post(portal, `requests/${own}/solve`)).statusCode).toBe(200);
  });

  it('opens nobody else’s request: 404, the same as a number that does not exist', async () => {
    const dave = await memberSession(t, DAVE);
    const theirs = await create(dave, { subject: 'Dave’s private matter' });
    await memberSession(t, ALICE);
    const portal = await (await portalSignIn(ALICE.email)).memberToken();
    const missing = (await get(portal, 'requests/999999')).body;
    for (const response of [
      await get(portal, `requests/${theirs}`),
      await post(portal, `requests/${theirs}/comments`, { body: 'Hi' }),
      await post(portal, `requests/${theirs}/solve`),
    ]) {
      expectError(response, 404, 'not_found');
    }
    expect((await get(portal, `requests/${theirs}`)).body).toBe(missing);
  });
});

describe('its member tokens', () => {
  it('end when the portal session does: signed out, or every session ended', async () => {
    await memberSession(t, ALICE);
    const first = await portalSignIn(ALICE.email);
    const firstToken = await first.memberToken();
    expect((await get(firstToken, 'requests')).statusCode).toBe(200);
    expect((await first.call('DELETE', 'session')).statusCode).toBe(204);
    expectError(await get(firstToken, 'requests'), 401, 'session_expired');
    expectError(await first.call('POST', 'member-session', {}), 401, 'session_expired');

    const [here, there] = [await portalSignIn(ALICE.email), await portalSignIn(ALICE.email)];
    const thereToken = await there.memberToken();
    const ended = await here.call('DELETE', 'sessions');
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ endedSessions: 2 });
    expectError(await get(thereToken, 'requests'), 401, 'session_expired');
    expectError(await here.call('GET', 'session'), 401, 'session_expired');
  });

  it('are no tokens of another site', async () => {
    await memberSession(t, ALICE);
    const portal = await (await portalSignIn(ALICE.email)).memberToken();
    expectError(await t.app.inject({ url: '/api/v1/sites/starter/requests', headers: bearer(portal) }), 401, 'session_expired');
  });
});

describe('a Help Center user the host does not know', () => {
  const ERIN = `erin@${DOMAIN}`;

  it('sees their organization’s requests by a declared domain, only on a tier that has organization requests', async () => {
    const demo = await siteIdOf(t.db, 'demo');
    const alice = await memberSession(t, ALICE);
    const shared = await create(alice, { subject: 'Person Org matter' });
    await t.store.admin.setSignupPolicy(demo, 'open');
    const stranger = await (await portalSignIn('mallory@nowhere.example')).memberToken();
    expect(await lists(stranger)).toEqual({ mine: [], ccd: [], org: 'scope_unavailable' });

    const undeclared = await (await portalSignIn(ERIN)).memberToken();
    expect((await lists(undeclared)).org).toBe('scope_unavailable');
    expect(await t.store.admin.addOrganizationDomain(demo, DOMAIN, ALICE.org.id)).toBe('added');
    t.clock.advance(10_000); // past what the member directory keeps
    const erin = await (await portalSignIn(ERIN)).memberToken();
    expect(await lists(erin)).toEqual({ mine: [], ccd: [], org: [shared] });
    expect((await get(erin, `requests/${shared}`)).statusCode).toBe(200);
    // What Erin files is her organization's, as a member's would be.
    const hers = await create(erin, { subject: 'Erin writes in' });
    expect((await lists(alice)).org).toEqual([hers, shared]);

    await runStatement(t.db, `UPDATE sites SET tier = 'basic' WHERE slug = 'demo'`);
    t.clock.advance(10_000);
    const onBasic = await (await portalSignIn(ERIN)).memberToken();
    expect((await lists(onBasic)).org).toBe('scope_unavailable');
    expectError(await get(onBasic, `requests/${shared}`), 404, 'not_found');
  });

  it('may copy only so many people an hour; a host’s member is not held to it', async () => {
    const demo = await siteIdOf(t.db, 'demo');
    await t.store.admin.setSignupPolicy(demo, 'open');
    const browser = await portalSignIn(ERIN);
    const erin = await browser.memberToken();
    const people = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${tag}${i}@copied.example`);
    await create(erin, { ccs: people(PORTAL_CCS_PER_HOUR, 'a') });
    const before = await storedCounts(t.db);
    const refused = await submit(t.app, { categoryId, subject: 'One more', description: 'Copy one more', ccs: people(1, 'b') }, { headers: bearer(erin) });
    expectError(refused, 429, 'cc_limit');
    expect(refused.json().error.fields).toHaveProperty('ccs');
    expect(await storedCounts(t.db)).toEqual(before);
    await create(erin, { subject: 'Without copies' });
    t.clock.advance(60 * 60_000 + 1000);
    await create(await browser.memberToken(), { ccs: people(1, 'c') });

    const alice = await memberSession(t, ALICE);
    await create(alice, { ccs: people(PORTAL_CCS_PER_HOUR, 'd') });
    await create(alice, { ccs: people(PORTAL_CCS_PER_HOUR, 'e') });
  });
});
