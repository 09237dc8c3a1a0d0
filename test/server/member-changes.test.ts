/**
 * What a member may see is looked up once and kept for a few seconds (services/member-directory.ts).
 * These tests pin what that must never cost: signing in again applies a changed organization at
 * once, for the new session and any older one, and anything else applies within 5 seconds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, categoryIds, DEMO_ORIGIN, expectError, memberSession, submit } from './helpers.js';
import { openMailedLink } from '../support/mail-links.js';

let t: TestApp;
let cats: Record<string, string>;
beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
});
afterEach(() => t.close());

const ORG = { id: 'org-changes', name: 'Changes Ltd' };
const ANA = { sub: 'changes-ana', email: 'ana@changes.example', name: 'Ana' };
const BEN = { sub: 'changes-ben', email: 'ben@changes.example', name: 'Ben' };

const orgList = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/sites/demo/requests?scope=org', headers: { origin: DEMO_ORIGIN, ...bearer(token) } });
const mine = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/sites/demo/requests?scope=mine', headers: { origin: DEMO_ORIGIN, ...bearer(token) } });

describe('a member whose details change', () => {
  it('loses the organization list at once when the host signs them in without the organization', async () => {
    const ben = await memberSession(t, { ...BEN, org: ORG });
    await submit(t.app, { categoryId: cats['Account & sign-in'], subject: 'Ben’s team request', description: 'For the whole team.' }, { headers: bearer(ben) });
    const before = await memberSession(t, { ...ANA, org: ORG });
    expect((await orgList(before)).json().requests.map((r: { subject: string }) => r.subject)).toEqual(['Ben’s team request']);

    const after = await memberSession(t, ANA); // the host no longer vouches for the organization
    expectError(await orgList(after), 403, 'scope_unavailable');
    // The session from before the change sees no more than the new one.
    expectError(await orgList(before), 403, 'scope_unavailable');
  });

  it('sees a request sent earlier from their verified address (its receipt’s link opened), within five seconds of it being sent', async () => {
    const ana = await memberSession(t, ANA);
    expect((await mine(ana)).json().requests).toEqual([]);
    const sent = await submit(t.app, {
      categoryId: cats['Account & sign-in'],
      subject: 'Sent before signing in',
      description: 'From the contact form.',
      email: ANA.email,
      name: 'Ana',
    });
    await openMailedLink(t, ANA.email, sent.json().request.id);
    t.clock.advance(5_001);
    expect((await mine(ana)).json().requests.map((r: { subject: string }) => r.subject)).toEqual(['Sent before signing in']);
  });
});
