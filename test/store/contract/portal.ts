// The Help Center's accounts through the port: policy, domains, links, sessions, passwords.
import { beforeAll, expect, it } from 'vitest';
import type { NewPortalLink, SessionLimits, Store } from '../../../server/store/types.js';
import { addSite, customerMail, later, newRequest, noMail, NOW, present, useTestStore, type OpenTestStore } from './fixtures.js';

const HOUR = 3_600_000;
const link = (siteId: string, tokenHash: string, overrides: Partial<NewPortalLink> = {}): NewPortalLink => ({
  tokenHash,
  siteId,
  email: 'pat@example.com',
  purpose: 'sign_in',
  createdAt: NOW,
  expiresAt: later(15 * 60_000),
  ...overrides,
});
// A grant is asked for every session; only a set_password link's session keeps it.
const noGrant = (tokenHash: string) => ({ tokenHash, passwordGrantUntil: later(HOUR) });
const limitsAt = (now: string): SessionLimits => ({ idleSince: later(-HOUR, now), startedSince: later(-24 * HOUR, now) });

export function portalContract(open: OpenTestStore): void {
  const t = useTestStore(open);
  let store: Store;
  beforeAll(() => {
    store = t.store;
  });

  it('signup policy defaults to known, and is set; known addresses are the site’s people', async () => {
    const s = await addSite(store);
    expect(await store.portal.signupPolicy(s.site.id)).toBe('known');
    await store.admin.setSignupPolicy(s.site.id, 'open');
    expect(await store.portal.signupPolicy(s.site.id)).toBe('open');
    await store.admin.setSignupPolicy(s.site.id, 'known');
    expect(await store.portal.signupPolicy(s.site.id)).toBe('known');

    expect(await store.portal.isKnownEmail(s.site.id, 'cc@example.com')).toBe(false);
    await store.requests.create(newRequest(s, { ccEmails: ['cc@example.com'] }), null, present, noMail);
    expect(await store.portal.isKnownEmail(s.site.id, 'cc@example.com')).toBe(true);
    expect(await store.portal.isKnownEmail(s.site.id, 'ann@example.com')).toBe(true);
    const other = await addSite(store);
    expect(await store.portal.isKnownEmail(other.site.id, 'cc@example.com')).toBe(false);
  });

  it('organization domains: declared for an organization of the site (by its host id) only, and moved by declaring again', async () => {
    const s = await addSite(store);
    const claims = { sub: 'm1', email: 'dee@acme.example', emailVerified: true, name: 'Dee', jti: 'j1', expiresAt: later(60_000) };
    const first = await store.members.exchangeToken(s.site.id, { ...claims, org: { id: 'o1', name: 'Acme' } }, NOW);
    const second = await store.members.exchangeToken(s.site.id, { ...claims, sub: 'm2', jti: 'j2', org: { id: 'o2', name: 'Beta' } }, NOW);
    if (first === 'replayed' || second === 'replayed') throw new Error('replayed');
    expect(await store.admin.addOrganizationDomain(s.site.id, 'acme.example', 'o1')).toBe('added');
    expect(await store.portal.organizationOfDomain(s.site.id, 'acme.example')).toEqual({ id: first.organizationId, name: 'Acme' });
    expect(await store.admin.addOrganizationDomain(s.site.id, 'acme.example', 'o2')).toBe('added');
    expect(await store.portal.organizationOfDomain(s.site.id, 'acme.example')).toEqual({ id: second.organizationId, name: 'Beta' });
    const other = await addSite(store);
    expect(await store.admin.addOrganizationDomain(other.site.id, 'acme.example', 'o1')).toBe('org_not_found');
    expect(await store.portal.organizationOfDomain(other.site.id, 'acme.example')).toBeUndefined();
  });

  it('a link is stored with its mail, spent once into an account and a session; reused, expired, unknown are told apart', async () => {
    const s = await addSite(store);
    await store.portal.issueLink(link(s.site.id, 'h-spend'), customerMail('pat@example.com', 'Your sign-in link'));
    const mail = (await store.outbox.claimDue(later(HOUR), 1000, 60_000)).filter((row) => row.siteId === s.site.id);
    expect(mail).toMatchObject([{ toEmail: 'pat@example.com', subject: 'Your sign-in link', requestId: null }]);

    const spent = await store.portal.spendLink(s.site.id, 'h-spend', later(1000), noGrant('s-1'));
    expect(spent).toMatchObject({ kind: 'spent', purpose: 'sign_in', account: { siteId: s.site.id, email: 'pat@example.com', passwordHash: null } });
    expect(await store.portal.spendLink(s.site.id, 'h-spend', later(2000), noGrant('s-2'))).toEqual({ kind: 'used' });
    expect(await store.portal.spendLink(s.site.id, 'h-nowhere', later(2000), noGrant('s-3'))).toEqual({ kind: 'not_found' });
    // Another site's link is no link here, and stays unspent.
    const other = await addSite(store);
    await store.portal.issueLink(link(s.site.id, 'h-theirs'), customerMail('pat@example.com'));
    expect(await store.portal.spendLink(other.site.id, 'h-theirs', later(2000), noGrant('s-6'))).toEqual({ kind: 'not_found' });

    await store.portal.issueLink(link(s.site.id, 'h-old', { email: 'old@example.com' }), customerMail('old@example.com'));
    expect(await store.portal.spendLink(s.site.id, 'h-old', later(15 * 60_000), noGrant('s-4'))).toEqual({ kind: 'expired' });

    const session = await store.portal.touchSession('s-1', limitsAt(later(3000)), later(3000));
    expect(session).toMatchObject({ account: { email: 'pat@example.com', sessionGeneration: 0 }, createdAt: later(1000), passwordGrantUntil: null });
    expect(await store.portal.touchSession('s-2', limitsAt(later(3000)), later(3000))).toBeUndefined();
    // A second link for the same address finds the same account.
    await store.portal.issueLink(link(s.site.id, 'h-again', { createdAt: later(4000), expiresAt: later(HOUR) }), customerMail('pat@example.com'));
    const again = await store.portal.spendLink(s.site.id, 'h-again', later(5000), noGrant('s-5'));
    expect(again.kind === 'spent' && again.account.id).toBe(spent.kind === 'spent' && spent.account.id);
  });

  it('a newer link supersedes the open one for the same address and purpose, and no other', async () => {
    const s = await addSite(store);
    await store.portal.issueLink(link(s.site.id, 'h-first'), customerMail('pat@example.com'));
    await store.portal.issueLink(link(s.site.id, 'h-reset', { purpose: 'set_password', expiresAt: later(HOUR) }), customerMail('pat@example.com'));
    await store.portal.issueLink(link(s.site.id, 'h-other', { email: 'other@example.com' }), customerMail('other@example.com'));
    await store.portal.issueLink(link(s.site.id, 'h-second', { createdAt: later(1000), expiresAt: later(16 * 60_000) }), customerMail('pat@example.com'));
    expect(await store.portal.spendLink(s.site.id, 'h-first', later(2000), noGrant('s-a'))).toEqual({ kind: 'superseded' });
    expect(await store.portal.spendLink(s.site.id, 'h-second', later(2000), noGrant('s-b'))).toMatchObject({ kind: 'spent' });
    expect(await store.portal.spendLink(s.site.id, 'h-reset', later(2000), { tokenHash: 's-c', passwordGrantUntil: later(HOUR) })).toMatchObject({
      kind: 'spent',
      purpose: 'set_password',
    });
    expect(await store.portal.spendLink(s.site.id, 'h-other', later(2000), noGrant('s-d'))).toMatchObject({ kind: 'spent' });
    expect(await store.portal.touchSession('s-c', limitsAt(later(3000)), later(3000))).toMatchObject({ passwordGrantUntil: later(HOUR) });
  });

  it('two instances spending one link at once: one session opens', async () => {
    const s = await addSite(store);
    await store.portal.issueLink(link(s.site.id, 'h-race'), customerMail('pat@example.com'));
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? t.peer : store).portal.spendLink(s.site.id, 'h-race', later(1000), noGrant(`s-race-${i}`))),
    );
    expect(outcomes.filter((outcome) => outcome.kind === 'spent')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'used')).toHaveLength(7);
  });

  it('the person an account acts as: the host’s member with that verified address, else the address’s own record, verified', async () => {
    const s = await addSite(store);
    const claims = { email: 'dee@acme.example', name: 'Dee', org: null, expiresAt: later(60_000) };
    const vouched = await store.members.exchangeToken(s.site.id, { ...claims, sub: 'm-dee', emailVerified: true, jti: 'p1' }, NOW);
    const unvouched = await store.members.exchangeToken(
      s.site.id,
      { ...claims, email: 'eve@acme.example', sub: 'm-eve', emailVerified: false, jti: 'p2' },
      NOW,
    );
    if (vouched === 'replayed' || unvouched === 'replayed') throw new Error('replayed');
    expect(await store.portal.personOf(s.site.id, 'dee@acme.example', NOW)).toBe(vouched.id);

    // The host only says someone typed Eve's address: whoever proves it gets a record of their own.
    const eve = await store.portal.personOf(s.site.id, 'eve@acme.example', NOW);
    expect(eve).not.toBe(unvouched.id);
    expect(await store.members.find(s.site.id, eve, { contactsToo: true })).toMatchObject({ email: 'eve@acme.example', emailVerified: true });

    // Someone who wrote in before: their record, now verified; asked again, the same one.
    await store.requests.create(newRequest(s, { requester: { kind: 'contact', email: 'ann@example.com', name: 'Ann' } }), null, present, noMail);
    const ann = await store.portal.personOf(s.site.id, 'ann@example.com', later(1000));
    expect(await store.members.find(s.site.id, ann, { contactsToo: true })).toMatchObject({ email: 'ann@example.com', name: 'Ann', emailVerified: true });
    expect(await store.portal.personOf(s.site.id, 'ann@example.com', later(2000))).toBe(ann);
    // Another site's person is another record.
    const other = await addSite(store);
    expect(await store.portal.personOf(other.site.id, 'ann@example.com', NOW)).not.toBe(ann);
  });

  it('two instances finding a new address’s person at once, beside a request under it: one record', async () => {
    const s = await addSite(store);
    const found = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => (i % 2 ? t.peer : store).portal.personOf(s.site.id, 'new@example.com', NOW)),
      store.requests
        .create(newRequest(s, { requester: { kind: 'contact', email: 'new@example.com', name: null } }), null, present, noMail)
        .then(() => undefined),
    ]);
    const ids = new Set(found.filter((id) => id !== undefined));
    expect(ids.size).toBe(1);
    const listed = await store.members.find(s.site.id, [...ids][0]!, { contactsToo: true });
    expect(await store.members.identities(listed!)).toEqual([listed!.id]);
  });

  it('sessions: idle and absolute limits, end one, end all; a password change ends every other session', async () => {
    const s = await addSite(store);
    await store.portal.issueLink(link(s.site.id, 'h-sessions'), customerMail('pat@example.com'));
    const spent = await store.portal.spendLink(s.site.id, 'h-sessions', NOW, noGrant('s-one'));
    if (spent.kind !== 'spent') throw new Error(spent.kind);
    const { account } = spent;
    expect(await store.portal.findAccount(s.site.id, 'pat@example.com')).toEqual(account);
    expect(await store.portal.findAccount(s.site.id, 'nobody@example.com')).toBeUndefined();

    // Idle: last used more than an hour before; absolute: begun more than a day before, however busy.
    await store.portal.createSession('s-idle', account.id, account.sessionGeneration, NOW);
    expect(await store.portal.touchSession('s-idle', limitsAt(later(HOUR + 1)), later(HOUR + 1))).toBeUndefined();
    await store.portal.createSession('s-busy', account.id, account.sessionGeneration, NOW);
    for (let half = 1; half < 48; half++) {
      const at = later((half * HOUR) / 2);
      expect(await store.portal.touchSession('s-busy', limitsAt(at), at)).toBeDefined();
    }
    expect(await store.portal.touchSession('s-busy', limitsAt(later(24 * HOUR + 1)), later(24 * HOUR + 1))).toBeUndefined();

    await store.portal.endSession('s-one');
    expect(await store.portal.touchSession('s-one', limitsAt(NOW), NOW)).toBeUndefined();

    for (const token of ['s-two', 's-three', 's-keep']) await store.portal.createSession(token, account.id, account.sessionGeneration, NOW);
    // A sign-in checked against the old password, finishing after the change, opens a dead session.
    const stale = account.sessionGeneration;
    expect(await store.portal.setPassword(account.id, 'scrypt$new', 's-keep', later(1000))).toBe(4);
    await store.portal.createSession('s-stale', account.id, stale, later(2000));
    expect(await store.portal.touchSession('s-stale', limitsAt(later(2000)), later(2000))).toBeUndefined();
    expect(await store.portal.touchSession('s-two', limitsAt(later(2000)), later(2000))).toBeUndefined();
    expect(await store.portal.touchSession('s-keep', limitsAt(later(2000)), later(2000))).toMatchObject({
      account: { sessionGeneration: stale + 1 },
      passwordGrantUntil: null,
    });
    expect(await store.portal.findAccount(s.site.id, 'pat@example.com')).toMatchObject({ passwordHash: 'scrypt$new', sessionGeneration: stale + 1 });

    await store.portal.createSession('s-new', account.id, stale + 1, later(3000));
    expect(await store.portal.endAllSessions(account.id)).toBe(3);
    expect(await store.portal.touchSession('s-keep', limitsAt(later(3000)), later(3000))).toBeUndefined();
  });
}
