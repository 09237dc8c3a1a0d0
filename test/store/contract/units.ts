// Every unit of work of the storage port at least once.
import { beforeAll, expect, it } from 'vitest';
import type { OutboxRow } from '../../../server/store/rows.js';
import type { QueueFilter, Store } from '../../../server/store/types.js';
import {
  addSite,
  agentMail,
  anonymous,
  asMember,
  customerMail,
  later,
  memberScope,
  newRequest,
  noMail,
  NOW,
  present,
  useTestStore,
  type OpenTestStore,
  IN_ENGLISH,
} from './fixtures.js';

const FAR = '2030-01-01T00:00:00.000Z';
/** Every pending mail due by FAR, claimed (and so hidden from the next claim for a minute). */
const allMail = (store: Store): Promise<OutboxRow[]> => store.outbox.claimDue(FAR, 1000, 60_000);

export function unitsContract(open: OpenTestStore): void {
  const t = useTestStore(open);
  let store: Store;
  beforeAll(() => {
    store = t.store;
  });

  it('sites: find by slug, count, origins, categories', async () => {
    const s = await addSite(store);
    expect(await store.sites.findBySlug(s.site.slug)).toEqual(s.site);
    expect(await store.sites.count()).toBeGreaterThanOrEqual(1);
    await store.sites.updateOrigins(s.site.slug, ['https://a.example'], 'https://a.example/help', later(1000));
    expect(await store.sites.findBySlug(s.site.slug)).toMatchObject({
      allowedOrigins: ['https://a.example'],
      supportUrl: 'https://a.example/help',
      updatedAt: later(1000),
    });
    expect(await store.sites.listCategories(s.site.id)).toEqual([s.category]);
    expect(await store.sites.findCategory(s.site.id, s.category.id)).toEqual(s.category);
    expect(await store.sites.findCategory('nowhere', s.category.id)).toBeUndefined();
    expect(await store.admin.createSiteWithCategories({ ...s.site, id: 'site_other' }, [])).toBe('slug_taken');
  });

  it('settings: the first value stays', async () => {
    expect(await store.settings.getOrCreate('session-secret', () => 'first')).toBe('first');
    expect(await store.settings.getOrCreate('session-secret', () => 'second')).toBe('first');
  });

  it('a new request with CCs and its mail, then replay, key reuse and reclaim of an expired key', async () => {
    const s = await addSite(store);
    const claim = { scope: 'anonymous', key: 'k1', bodyHash: 'h1', notBefore: later(-86_400_000) };
    const record = newRequest(s, { ccEmails: ['bo@example.com', 'cy@example.com'] });
    const created = await store.requests.create(record, claim, present, (view) => [customerMail(view.requester.email)]);
    expect(created).toMatchObject({ kind: 'created', statusCode: 201 });
    if (created.kind !== 'created') return;
    expect(created.view.ccs.map((cc) => cc.email)).toEqual(['bo@example.com', 'cy@example.com']);
    expect(created.view.comments).toMatchObject([{ body: record.description, public: true, byAgent: false, authorName: 'Ann' }]);
    expect(await store.requests.create(record, claim, present, noMail)).toEqual({ kind: 'replayed', statusCode: 201, body: created.body });
    expect(await store.requests.create(record, { ...claim, bodyHash: 'other' }, present, noMail)).toEqual({ kind: 'key_reused' });
    // The key's use is older than notBefore: forgotten, so it may create again.
    const again = await store.requests.create({ ...record, now: later(1000) }, { ...claim, bodyHash: 'other', notBefore: later(1) }, present, noMail);
    expect(again).toMatchObject({ kind: 'created', view: { request: { number: 1002 } } });
    // The same contact (Ann) filed both: one record for her address.
    if (again.kind === 'created') expect(again.view.requester.id).toBe(created.view.requester.id);
    const mail = (await allMail(store)).filter((m) => m.siteId === s.site.id);
    expect(mail).toMatchObject([{ toEmail: 'ann@example.com', requestId: created.view.request.id, status: 'pending', claimedUntil: later(60_000, FAR) }]);
  });

  it('a decoy takes a number and keeps its answer, storing nothing else', async () => {
    const s = await addSite(store);
    const claim = { scope: 'anonymous', key: 'decoy', bodyHash: 'h', notBefore: later(-1000) };
    const answer = (number: number) => ({ statusCode: 201, body: { number } });
    expect(await store.requests.answerDecoy(s.site.id, NOW, claim, answer)).toEqual({ kind: 'answered', statusCode: 201, body: { number: 1001 } });
    expect(await store.requests.answerDecoy(s.site.id, NOW, claim, answer)).toEqual({ kind: 'replayed', statusCode: 201, body: { number: 1001 } });
    expect(await store.requests.answerDecoy(s.site.id, NOW, null, answer)).toMatchObject({ body: { number: 1002 } });
    expect(await store.agentRequests.queue(s.site.id, { statuses: null, categoryId: null, unanswered: false, search: null, after: null, limit: 10 })).toEqual(
      [],
    );
  });

  it('members: token exchange once, find, identities through a verified email, sender proof', async () => {
    const s = await addSite(store);
    const claims = {
      sub: 'm1',
      email: 'dee@example.com',
      emailVerified: true,
      name: 'Dee',
      org: { id: 'o1', name: 'Acme' },
      jti: 'j1',
      expiresAt: later(60_000),
    };
    const member = await store.members.exchangeToken(s.site.id, claims, NOW);
    expect(member).toMatchObject({ siteId: s.site.id, email: 'dee@example.com', organizationName: 'Acme' });
    expect(await store.members.exchangeToken(s.site.id, claims, NOW)).toBe('replayed');
    if (member === 'replayed') return;
    expect(await store.members.find(s.site.id, member.id)).toEqual(member);

    // Dee wrote in anonymously before: that contact links to her, but the request is hers only once proven.
    const earlier = await store.requests.create(newRequest(s, { requester: anonymous('dee@example.com') }), null, present, noMail);
    if (earlier.kind !== 'created') throw new Error('not created');
    const contactId = earlier.view.requester.id;
    expect(await store.members.find(s.site.id, contactId)).toBeUndefined();
    expect(await store.members.find(s.site.id, contactId, { contactsToo: true })).toMatchObject({ id: contactId });
    const ids = await store.members.identities(member);
    expect(ids.sort()).toEqual([member.id, contactId].sort());
    const scope = { siteId: s.site.id, memberId: member.id, identityIds: ids, organizationId: null, onlyRequest: null };
    const number = earlier.view.request.number;
    expect(await store.memberRequests.find(scope, number)).toBeUndefined();
    expect(await store.members.proveSender(s.site.id, member.id, number, NOW)).toBeUndefined(); // not the requester
    expect(await store.members.proveSender(s.site.id, contactId, number, later(5))).toMatchObject({ request: { senderVerifiedAt: later(5) } });
    expect(await store.members.proveSender(s.site.id, contactId, number, later(6))).toBeUndefined(); // already proven
    expect(await store.memberRequests.find(scope, number)).toMatchObject({ request: { number } });
    expect(await store.members.identities({ ...member, emailVerified: false })).toEqual([member.id]);
  });

  it('member lists by scope, newest activity first, paged; counts; org requests where allowed', async () => {
    const s = await addSite(store);
    const ann = await memberScope(store, s, 'ann', { org: { id: 'org', name: 'Org' } });
    let bob = await memberScope(store, s, 'bob', { org: { id: 'org', name: 'Org' } });
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const made = await store.requests.create(
        newRequest(s, { requester: asMember(ann), now: later(i * 1000), ccEmails: i === 2 ? ['bob@example.com'] : [] }),
        null,
        present,
        noMail,
      );
      if (made.kind === 'created') numbers.push(made.view.request.number);
    }
    const options = { list: 'mine' as const, statuses: null, after: null, limit: 2 };
    const first = await store.memberRequests.list(ann, options);
    expect(first.map((r) => r.number)).toEqual([numbers[2], numbers[1]]);
    const next = await store.memberRequests.list(ann, { ...options, after: { updatedAt: first[1]!.updatedAt, number: first[1]!.number } });
    expect(next.map((r) => r.number)).toEqual([numbers[0]]);
    expect(await store.memberRequests.countWithStatus(ann, 'mine', 'new')).toBe(3);
    expect(await store.memberRequests.countWithStatus(ann, 'mine', 'open')).toBe(0);
    // Bob: CC'd on one; the organization's three only when his scope counts the organization.
    // The CC made a contact record for his address, linked to him through his verified email at his next sign-in.
    bob = { ...bob, identityIds: await store.members.identities((await store.members.find(s.site.id, bob.memberId))!) };
    expect(bob.identityIds).toHaveLength(2);
    expect((await store.memberRequests.list(bob, { ...options, list: 'ccd', limit: 10 })).map((r) => r.number)).toEqual([numbers[2]]);
    expect(await store.memberRequests.list({ ...bob, organizationId: null }, { ...options, list: 'org', limit: 10 })).toEqual([]);
    expect(await store.memberRequests.list(bob, { ...options, list: 'org', limit: 10 })).toHaveLength(3);
    expect(await store.memberRequests.list(bob, { ...options, list: 'org', statuses: ['open'], limit: 10 })).toEqual([]);
    // A link session sees one request only.
    expect(await store.memberRequests.find({ ...ann, onlyRequest: numbers[0]! }, numbers[1]!)).toBeUndefined();
    expect(await store.memberRequests.find({ ...ann, onlyRequest: numbers[0]! }, numbers[0]!)).toMatchObject({ request: { number: numbers[0] } });
  });

  it('member comments and solving: the rule decides, internal notes stay hidden, solving is the requester’s', async () => {
    const s = await addSite(store);
    const ann = await memberScope(store, s, 'ann2');
    const made = await store.requests.create(newRequest(s, { requester: asMember(ann) }), null, present, noMail);
    if (made.kind !== 'created') throw new Error('not created');
    const { number } = made.view.request;
    const agent = { id: 'agt_unit', siteId: s.site.id, email: 'riley@example.com', name: 'Riley', passwordHash: null, createdAt: NOW, removedAt: null };
    expect(await store.admin.createAgent(agent)).toBe('created');
    await store.agentRequests.addComment(s.site.id, number, { agentId: agent.id, body: 'internal', public: false }, (c) => c, later(1), noMail);

    const comment = await store.memberRequests.addComment(
      ann,
      number,
      'Any news?',
      later(2),
      () => 'open',
      (view) => [customerMail(view.requester.email, 'x')],
    );
    expect(comment).toMatchObject({ kind: 'done', view: { request: { status: 'open', updatedAt: later(2) } } });
    if (comment.kind === 'done') {
      expect(comment.view.comments.map((c) => c.body)).toEqual(['It has been two weeks.', 'Any news?']);
      expect(comment.view.comments.at(-1)!.id).toBe(comment.commentId);
    }
    expect(await store.memberRequests.addComment(ann, number, 'x', later(3), () => null, noMail)).toEqual({ kind: 'refused', status: 'open' });
    expect(await store.memberRequests.addComment(ann, 99999, 'x', later(3), () => 'open', noMail)).toEqual({ kind: 'not_found' });

    expect(await store.memberRequests.solve({ ...ann, onlyRequest: number }, number, later(4), () => true)).toEqual({ kind: 'refused', status: 'open' });
    expect(await store.memberRequests.solve(ann, number, later(4), () => true)).toMatchObject({
      kind: 'done',
      view: { request: { status: 'solved', solvedAt: later(4) } },
    });
  });

  it('the agent side: queue filters and search, notes, replies, status moves with the one solvedAt rule', async () => {
    const s = await addSite(store);
    const agent = { id: 'agt_q', siteId: s.site.id, email: 'q@example.com', name: 'Quinn', passwordHash: null, createdAt: NOW, removedAt: null };
    await store.admin.createAgent(agent);
    const one = await store.requests.create(
      newRequest(s, { subject: 'Refund 100% please', requester: anonymous('zed@example.com', 'Zed Zulu') }),
      null,
      present,
      noMail,
    );
    const two = await store.requests.create(newRequest(s, { subject: 'Login broken', now: later(1) }), null, present, noMail);
    if (one.kind !== 'created' || two.kind !== 'created') throw new Error('not created');
    const filter: QueueFilter = { statuses: null, categoryId: null, unanswered: false, search: null, after: null, limit: 10 };
    const numbersOf = async (f: Partial<QueueFilter>) => (await store.agentRequests.queue(s.site.id, { ...filter, ...f })).map((r) => r.number);
    const [n1, n2] = [one.view.request.number, two.view.request.number];
    expect(await numbersOf({})).toEqual([n2, n1]);
    expect(await numbersOf({ search: 'REFUND' })).toEqual([n1]); // case ignored
    expect(await numbersOf({ search: '100%' })).toEqual([n1]);
    expect(await numbersOf({ search: '0%p' })).toEqual([]); // % matches itself, not anything
    expect(await numbersOf({ search: 'zulu' })).toEqual([n1]);
    expect(await numbersOf({ search: `#${n2}` })).toEqual([n2]);
    expect(await numbersOf({ categoryId: 'other' })).toEqual([]);
    expect(await numbersOf({ after: { updatedAt: later(1), number: n2 } })).toEqual([n1]);

    // A note leaves last activity alone; a public reply moves it and counts as an answer.
    const note = await store.agentRequests.addComment(s.site.id, n1, { agentId: agent.id, body: 'hmm', public: false }, (c) => c, later(10), noMail);
    expect(note).toMatchObject({ kind: 'done', view: { request: { updatedAt: NOW, status: 'new' } } });
    const reply = await store.agentRequests.addComment(
      s.site.id,
      n1,
      { agentId: agent.id, body: 'Done', public: true },
      () => 'solved',
      later(20),
      (view) => [customerMail(view.requester.email, 'reply')],
    );
    expect(reply).toMatchObject({ kind: 'done', view: { request: { status: 'solved', solvedAt: later(20), updatedAt: later(20) } } });
    if (reply.kind === 'done')
      expect(reply.view.comments.map((c) => [c.body, c.public, c.byAgent, c.authorName])).toContainEqual(['hmm', false, true, 'Quinn']);
    expect(await numbersOf({ unanswered: true })).toEqual([n2]);
    expect(await numbersOf({ statuses: ['solved'] })).toEqual([n1]);

    // Solving again keeps when it was first solved; anything else clears it.
    expect(await store.agentRequests.setStatus(s.site.id, n1, () => 'solved', later(30), noMail)).toMatchObject({ view: { request: { solvedAt: later(20) } } });
    expect(await store.agentRequests.setStatus(s.site.id, n1, () => 'open', later(40), noMail)).toMatchObject({
      view: { request: { solvedAt: null, status: 'open' } },
    });
    expect(await store.agentRequests.setStatus(s.site.id, n1, () => null, later(50), noMail)).toEqual({ kind: 'refused', status: 'open' });
    expect(await store.agentRequests.setStatus(s.site.id, 424242, () => 'open', later(50), noMail)).toEqual({ kind: 'not_found' });
    expect(await store.agentRequests.find(s.site.id, n1)).toMatchObject({ request: { status: 'open' } });
    expect(await store.agentRequests.find('another-site', n1)).toBeUndefined();

    // Housekeeping closes what was solved long enough ago, and nothing else.
    await store.agentRequests.setStatus(s.site.id, n2, () => 'solved', later(60), noMail);
    const closed = await store.housekeeping.closeSolvedBefore(later(60));
    expect(closed).toContainEqual({ siteId: s.site.id, id: two.view.request.id, number: n2 });
    expect(closed.map((c) => c.id)).not.toContain(one.view.request.id);
    expect(await store.agentRequests.find(s.site.id, n2)).toMatchObject({ request: { status: 'closed', updatedAt: later(60) } });
  });

  it('agents: creation once per address, sessions, API tokens, removal, password reset, reinstatement', async () => {
    const s = await addSite(store);
    const agent = { id: 'agt_a', siteId: s.site.id, email: 'ag@example.com', name: 'Ag', passwordHash: 'hash', createdAt: NOW, removedAt: null };
    const token = { id: 'tok_1', agentId: agent.id, name: 'ci', tokenHash: 'th1', createdAt: NOW, expiresAt: later(60_000) };
    expect(await store.admin.createAgent(agent, token)).toBe('created');
    expect(await store.admin.createAgent({ ...agent, id: 'agt_b' })).toBe('email_taken');
    expect(await store.agents.findBySiteAndEmail(s.site.id, agent.email)).toEqual(agent);
    expect(await store.agents.byEmail(agent.email)).toEqual([agent]);
    expect(await store.agents.listForSite(s.site.id)).toEqual([agent]);

    await store.agents.createSession('sh1', agent.id, NOW);
    const limits = { idleSince: later(-1000), startedSince: later(-1000) };
    expect(await store.agents.touchSession('sh1', limits, later(500))).toMatchObject({ agent: { id: agent.id, siteSlug: s.site.slug }, signedInAt: NOW });
    expect(await store.agents.touchSession('sh1', { ...limits, idleSince: later(400) }, later(600))).toBeDefined(); // its last use moved to +500
    expect(await store.agents.touchSession('sh1', { ...limits, startedSince: NOW }, later(700))).toBeUndefined();
    await store.agents.deleteSession('sh1');
    expect(await store.agents.touchSession('sh1', limits, later(800))).toBeUndefined();

    expect(await store.agents.byApiToken('th1', later(1))).toMatchObject({ agent: { id: agent.id }, expiresAt: later(60_000) });
    expect(await store.agents.byApiToken('th1', later(60_000))).toBeUndefined(); // expired
    await store.admin.insertApiToken({ id: 'tok_2', agentId: agent.id, name: 'two', tokenHash: 'th2', createdAt: later(1), expiresAt: null });
    const listed = await store.admin.listApiTokens(s.site.id);
    expect(listed.map((l) => l.id)).toEqual(['tok_2', 'tok_1']);
    expect(listed[1]).toMatchObject({ agentEmail: agent.email, lastUsedAt: later(1) });
    expect(listed[0]).not.toHaveProperty('tokenHash');
    expect(await store.admin.listApiTokens(s.site.id, 'agt_none')).toEqual([]);
    expect(await store.admin.revokeApiToken('tok_2', later(2))).toMatchObject({ kind: 'revoked', token: { revokedAt: later(2) }, siteSlug: s.site.slug });
    expect(await store.admin.revokeApiToken('tok_2', later(3))).toMatchObject({ kind: 'already_revoked', token: { revokedAt: later(2) } });
    expect(await store.admin.revokeApiToken('tok_none', later(3))).toEqual({ kind: 'not_found' });

    await store.agents.createSession('sh2', agent.id, NOW);
    await store.agents.createSession('sh3', agent.id, NOW);
    expect(await store.admin.resetPassword(agent.id, 'hash2')).toBe(2);
    await store.agents.createSession('sh4', agent.id, NOW);
    expect(await store.admin.removeAgent(agent.id, later(5))).toEqual({ sessions: 1, tokens: 1 });
    expect(await store.agents.byEmail(agent.email)).toEqual([]);
    expect(await store.agents.findBySiteAndEmail(s.site.id, agent.email)).toMatchObject({ removedAt: later(5), passwordHash: null });
    await store.admin.reinstateAgent(agent.id, 'Ag Again', 'hash3', {
      id: 'tok_3',
      agentId: agent.id,
      name: 'new',
      tokenHash: 'th3',
      createdAt: later(6),
      expiresAt: null,
    });
    expect(await store.agents.byApiToken('th3', later(7), false)).toMatchObject({ agent: { name: 'Ag Again', removedAt: null } });
    expect(await store.agents.byApiToken('th1', later(7))).toBeUndefined(); // its old tokens stay revoked
  });

  it('secret rotation keeps one previous secret for its grace period', async () => {
    const s = await addSite(store);
    const secret = (n: number) => `rotated-secret-number-${n}-of-at-least-32-bytes`;
    expect(await store.admin.rotateSecret(s.site.slug, secret(1), later(1000), NOW)).toEqual({
      previousValidUntil: later(1000),
      droppedPreviousValidUntil: null,
    });
    expect(await store.sites.findBySlug(s.site.slug)).toMatchObject({ tokenSecret: secret(1), previousTokenSecret: s.site.tokenSecret });
    expect(await store.admin.rotateSecret(s.site.slug, secret(2), null, later(10))).toEqual({
      previousValidUntil: null,
      droppedPreviousValidUntil: later(1000),
    });
    expect(await store.sites.findBySlug(s.site.slug)).toMatchObject({ tokenSecret: secret(2), previousTokenSecret: null, previousSecretValidUntil: null });
    expect(await store.admin.rotateSecret('no-such-site', secret(3), null, NOW)).toBeUndefined();
    await expect(store.admin.rotateSecret(s.site.slug, 'short', null, NOW)).rejects.toThrow(/32 bytes/);
  });

  it('articles: upsert by slug (created, unchanged, updated), find, page rules, popular', async () => {
    const s = await addSite(store);
    const article = {
      id: 'art_1',
      siteId: s.site.id,
      slug: 'returns',
      locale: 'en' as const,
      title: 'Returns',
      markdown: 'How to return',
      html: '<p>How</p>',
      excerpt: 'How',
    };
    const rules = [{ id: 'r1', origin: null, pathPrefix: '/orders' }];
    expect(await store.admin.upsertArticle(article, rules, NOW)).toBe('created');
    expect(await store.admin.upsertArticle({ ...article, id: 'ignored' }, rules, later(1))).toBe('unchanged');
    expect(
      await store.admin.upsertArticle(
        { ...article, id: 'ignored', title: 'Returns and refunds', popularity: 5 },
        [{ id: 'r2', origin: 'https://host.example', pathPrefix: '/' }],
        later(2),
      ),
    ).toBe('updated');
    expect(await store.articles.find(s.site.id, 'art_1')).toEqual({
      ...article,
      title: 'Returns and refunds',
      popularity: 5,
      createdAt: NOW,
      updatedAt: later(2),
    });
    expect(await store.articles.forPage(s.site.id, 'https://host.example', '/', IN_ENGLISH, 5)).toEqual([
      { id: 'art_1', title: 'Returns and refunds', excerpt: 'How', locale: 'en' },
    ]);
    expect(await store.articles.forPage(s.site.id, 'https://other.example', '/', IN_ENGLISH, 5)).toEqual([]);
    await store.admin.upsertArticle({ ...article, id: 'art_2', slug: 'ship', title: 'Shipping' }, [{ id: 'r3', origin: null, pathPrefix: '/orders' }], NOW);
    expect(await store.articles.forPage(s.site.id, 'https://x.example', '/orders/42', IN_ENGLISH, 5)).toMatchObject([{ id: 'art_2' }]);
    expect(await store.articles.forPage(s.site.id, 'https://x.example', '/ordersx', IN_ENGLISH, 5)).toEqual([]);
    expect((await store.articles.popular(s.site.id, IN_ENGLISH, 5)).map((a) => a.id)).toEqual(['art_1', 'art_2']);
  });

  it('the outbox: customer caps, agent digests, claims, retries, failures, pending count', async () => {
    const s = await addSite(store);
    const ann = await memberScope(store, s, 'capped');
    const made = await store.requests.create(newRequest(s, { requester: asMember(ann) }), null, present, noMail);
    if (made.kind !== 'created') throw new Error('not created');
    const { number } = made.view.request;
    await allMail(store); // earlier tests' mail out of the way
    // Seven customer mails to one mailbox (dots and +tags included): five go out in the hour.
    for (let i = 0; i < 7; i++) {
      await store.memberRequests.addComment(
        ann,
        number,
        `c${i}`,
        later(i),
        () => 'open',
        () => [customerMail(i % 2 ? 'c.a.p.p.e.d+x@example.com' : 'capped@example.com')],
      );
    }
    // Agent: two single mails in the clock hour, then one digest gathering the rest.
    for (let i = 0; i < 5; i++) await store.agentRequests.setStatus(s.site.id, number, () => 'open', later(i), noMail);
    for (let i = 0; i < 5; i++) {
      await store.memberRequests.addComment(
        ann,
        number,
        `d${i}`,
        later(100 + i),
        () => 'open',
        () => [agentMail('riley@example.com', number + (i % 3), `change ${i % 4}`)],
      );
    }
    const due = await store.outbox.claimDue(later(1000), 100, 60_000);
    expect(due.filter((m) => m.toMailbox === 'capped@example.com')).toHaveLength(5);
    expect(due.filter((m) => m.toEmail === 'riley@example.com').map((m) => m.kind)).toEqual(['agent_new_request', 'agent_new_request']);
    const digest = (await store.outbox.claimDue(later(3600_000), 100, 60_000)).find((m) => m.kind === 'agent_digest')!;
    expect(digest).toMatchObject({ requestId: null, digestHour: '2026-12-01T10:00:00.000Z', nextAttemptAt: '2026-12-01T11:00:00.000Z' });
    expect(digest.digest).toEqual({
      entries: [
        { number: number + 2, changes: ['change 2'] },
        { number, changes: ['change 3'] },
        { number: number + 1, changes: ['change 0'] },
      ],
      more: false,
    });

    const pending = await store.outbox.pendingCount();
    const [first, second, third] = due;
    await store.outbox.markSent(first!.id, later(2000));
    await store.outbox.scheduleRetry(second!.id, 1, later(5000), 'timeout');
    await store.outbox.markFailed(third!.id, 5, 'refused');
    await store.outbox.markSent(third!.id, later(2000)); // a failed mail stays failed
    expect(await store.outbox.pendingCount()).toBe(pending - 2);
    // The retry's claim ended: it is due again at its new time, not before.
    expect((await store.outbox.claimDue(later(4999), 100, 60_000)).map((m) => m.id)).not.toContain(second!.id);
    expect(await store.outbox.claimDue(later(5000), 100, 60_000)).toMatchObject([{ id: second!.id, attempts: 1, lastError: 'timeout' }]);
  });

  it('history imports in one transaction and moves the sequence on; housekeeping forgets old keys and token ids', async () => {
    const s = await addSite(store);
    const user = {
      id: 'usr_h',
      siteId: s.site.id,
      externalId: 'h',
      email: 'h@example.com',
      emailVerified: true,
      name: 'H',
      organizationId: null,
      locale: null,
      createdAt: NOW,
      updatedAt: NOW,
    };
    const request = {
      id: 'req_h',
      siteId: s.site.id,
      number: 1500,
      categoryId: s.category.id,
      requesterId: user.id,
      organizationId: null,
      subject: 'Old',
      status: 'closed' as const,
      fields: { plan: 'pro' },
      createdAt: NOW,
      updatedAt: NOW,
      solvedAt: NOW,
      senderVerifiedAt: NOW,
      channel: 'web' as const,
      followUpOf: null,
      locale: 'en' as const,
      assigneeAgentId: null,
    };
    const comment = {
      id: 'cmt_h',
      requestId: request.id,
      authorEndUserId: user.id,
      authorAgentId: null,
      body: 'old',
      public: true,
      createdAt: NOW,
      sentFrom: null,
    };
    await store.admin.importHistory(s.site.id, {
      organizations: [],
      endUsers: [user],
      agents: [],
      requests: [request],
      ccs: [],
      comments: [comment],
      lastRequestNumber: 1500,
    });
    expect(await store.agentRequests.find(s.site.id, 1500)).toMatchObject({ request, comments: [{ body: 'old' }] });
    expect(await store.requests.create(newRequest(s), null, present, noMail)).toMatchObject({ view: { request: { number: 1501 } } });

    const claim = { scope: 'anonymous', key: 'old', bodyHash: 'h', notBefore: later(-1000) };
    const answer = (n: number) => ({ statusCode: 201, body: { n } });
    await store.requests.answerDecoy(s.site.id, NOW, claim, answer);
    await store.housekeeping.forgetIdempotencyKeysBefore(later(1));
    // Forgotten: the key answers anew (not a replay).
    expect(await store.requests.answerDecoy(s.site.id, later(2), { ...claim, notBefore: NOW }, answer)).toMatchObject({ kind: 'answered' });

    const claims = { sub: 'hk', email: 'hk@example.com', emailVerified: false, name: null, org: null, jti: 'j-old', expiresAt: later(10) };
    await store.members.exchangeToken(s.site.id, claims, NOW);
    await store.housekeeping.forgetExpiredTokenIds(later(11));
    expect(await store.members.exchangeToken(s.site.id, claims, later(12))).not.toBe('replayed');
  });
}
