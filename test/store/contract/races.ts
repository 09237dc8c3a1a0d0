// What a pool of connections (and several instances) allows that one SQLite writer never did —
// units racing on one key, one sequence, one mailbox, one outbox, one token — held on both engines:
// SQLite must give the same answers with its single writer.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../server/store/types.js';
import { addSite, customerMail, later, newRequest, noMail, NOW, present, useTestStore, type OpenTestStore } from './fixtures.js';

const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

export function racesContract(open: OpenTestStore): void {
  const t = useTestStore(open);
  let store: Store;
  let other: Store;
  beforeAll(() => {
    store = t.store;
    other = t.peer;
  });

  it('20 concurrent submissions with one idempotency key make one request; the rest replay it', async () => {
    const s = await addSite(store);
    const claim = { scope: 'anonymous', key: 'same-key', bodyHash: 'same-body', notBefore: later(-60_000) };
    const outcomes = await times(20, (i) => (i % 2 ? other : store).requests.create(newRequest(s), claim, present, noMail));
    const created = outcomes.filter((o) => o.kind === 'created');
    expect(created).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'replayed')).toHaveLength(19);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ statusCode: 201, body: created[0]!.kind === 'created' ? created[0]!.body : null });
    const queue = await store.agentRequests.queue(s.site.id, { statuses: null, categoryId: null, unanswered: false, search: null, after: null, limit: 50 });
    expect(queue).toHaveLength(1);
  });

  it('concurrent submissions (and decoys) get unique, gapless numbers', async () => {
    const s = await addSite(store);
    const numbers = await times(30, async (i) => {
      const on = i % 2 ? other : store;
      if (i % 5 === 0) return (await on.requests.answerDecoy(s.site.id, NOW, null, (n) => ({ statusCode: 201, body: n }))) as { body: number };
      const made = await on.requests.create(newRequest(s, { requester: { kind: 'contact', email: `p${i}@example.com`, name: null } }), null, present, noMail);
      return { body: made.kind === 'created' ? made.view.request.number : -1 };
    });
    expect(numbers.map((n) => n.body).sort()).toEqual(Array.from({ length: 30 }, (_, i) => 1001 + i));
  });

  it('concurrent submissions from one new address make one contact', async () => {
    const s = await addSite(store);
    const made = await times(10, (i) =>
      (i % 2 ? other : store).requests.create(newRequest(s, { requester: { kind: 'contact', email: 'new@example.com', name: null } }), null, present, noMail),
    );
    const requesters = new Set(made.map((m) => (m.kind === 'created' ? m.view.requester.id : '')));
    expect(requesters.size).toBe(1);
  });

  it('the hourly customer cap holds when many units mail one mailbox at once', async () => {
    const s = await addSite(store);
    const made = await times(12, (i) =>
      store.requests.create(newRequest(s, { requester: { kind: 'contact', email: `r${i}@example.com`, name: null } }), null, present, noMail),
    );
    // Replies on twelve requests at once (no shared request or site row to queue them), all mailing one mailbox.
    const agentId = `agt_${s.site.id}`;
    await store.admin.createAgent({
      id: agentId,
      siteId: s.site.id,
      email: 'flood@example.com',
      name: 'F',
      passwordHash: null,
      createdAt: NOW,
      removedAt: null,
    });
    await times(12, (i) => {
      const number = made[i]!.kind === 'created' ? made[i]!.view.request.number : 0;
      const reply = { agentId, body: 'Reply', public: true };
      return (i % 2 ? other : store).agentRequests.addComment(
        s.site.id,
        number,
        reply,
        (c) => c,
        later(i),
        () => [customerMail('flooded@example.com')],
      );
    });
    const due = await store.outbox.claimDue(later(1000), 1000, 60_000);
    expect(due.filter((m) => m.siteId === s.site.id && m.toMailbox === 'flooded@example.com')).toHaveLength(5);
  });

  it('concurrent claims never take the same mail, and together take all of it, oldest first', async () => {
    const s = await addSite(store);
    await times(40, (i) =>
      store.requests.create(newRequest(s, { now: later(i), requester: { kind: 'contact', email: `m${i}@example.com`, name: null } }), null, present, (view) => [
        customerMail(view.requester.email),
      ]),
    );
    const at = later(10_000);
    const claims = await times(6, (i) => (i % 2 ? other : store).outbox.claimDue(at, 10, 60_000));
    const ids = claims
      .flat()
      .filter((m) => m.siteId === s.site.id)
      .map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
    for (const claim of claims) expect(claim.map((m) => m.createdAt)).toEqual(claim.map((m) => m.createdAt).sort());
    expect(await store.outbox.claimDue(at, 10, 60_000)).toEqual([]);
  });

  it('a claim lapses: a crashed sender’s mail comes due again after the lease, not before', async () => {
    const s = await addSite(store);
    await store.requests.create(newRequest(s, { requester: { kind: 'contact', email: 'lapse@example.com', name: null } }), null, present, (view) => [
      customerMail(view.requester.email),
    ]);
    const mine = <Row extends { toEmail: string }>(rows: Row[]) => rows.filter((m) => m.toEmail === 'lapse@example.com');
    const first = mine(await store.outbox.claimDue(later(1000), 100, 30_000));
    expect(first).toHaveLength(1);
    expect(first[0]!.claimedUntil).toBe(later(31_000));
    expect(mine(await other.outbox.claimDue(later(30_999), 100, 30_000))).toEqual([]);
    expect(mine(await other.outbox.claimDue(later(31_000), 100, 30_000))).toMatchObject([{ id: first[0]!.id, claimedUntil: later(61_000) }]);
    // A sender that stops mid-batch releases what it did not try: due again at once, for anyone.
    await other.outbox.release([first[0]!.id]);
    expect(mine(await store.outbox.claimDue(later(31_001), 100, 30_000))).toMatchObject([{ id: first[0]!.id }]);
  });

  it('a host token is exchanged once, even by concurrent exchanges', async () => {
    const s = await addSite(store);
    const claims = {
      sub: 'racer',
      email: 'racer@example.com',
      emailVerified: true,
      name: null,
      org: { id: 'o', name: 'O' },
      jti: 'one-jti',
      expiresAt: later(60_000),
    };
    const outcomes = await times(10, (i) => (i % 2 ? other : store).members.exchangeToken(s.site.id, claims, NOW));
    expect(outcomes.filter((o) => o === 'replayed')).toHaveLength(9);
    expect(await store.members.exchangeToken(s.site.id, claims, later(1))).toBe('replayed');
  });

  it('check-then-insert outcomes have one winner and an answer for each racer', async () => {
    const s = await addSite(store);
    const values = await times(10, (i) => (i % 2 ? other : store).settings.getOrCreate('raced-setting', () => `value-${i}`));
    expect(new Set(values).size).toBe(1);

    const site = { ...s.site, id: 'site_raced', slug: 'raced-slug' };
    const sites = await times(6, (i) => (i % 2 ? other : store).admin.createSiteWithCategories({ ...site, id: `site_raced_${i}` }, []));
    expect(sites.sort()).toEqual(['created', ...Array(5).fill('slug_taken')]);

    const agent = { id: '', siteId: s.site.id, email: 'raced@example.com', name: 'R', passwordHash: null, createdAt: NOW, removedAt: null };
    const agents = await times(6, (i) => (i % 2 ? other : store).admin.createAgent({ ...agent, id: `agt_r${i}` }));
    expect(agents.sort()).toEqual(['created', ...Array(5).fill('email_taken')]);

    const article = { id: '', siteId: s.site.id, slug: 'raced', locale: 'en' as const, title: 'Raced', markdown: 'm', html: 'h', excerpt: 'e' };
    const articles = await times(6, (i) => (i % 2 ? other : store).admin.upsertArticle({ ...article, id: `art_r${i}` }, [], NOW));
    expect(articles.sort()).toEqual(['created', ...Array(5).fill('unchanged')]);
  });

  it('concurrent changes to one request apply one after the other, each from the status the last one left', async () => {
    const s = await addSite(store);
    const made = await store.requests.create(newRequest(s), null, present, noMail);
    if (made.kind !== 'created') throw new Error('not created');
    const { number } = made.view.request;
    // Each moves the request on from the status it finds; interleaved, two would start from the same one.
    const steps = await times(10, (i) =>
      (i % 2 ? other : store).agentRequests.setStatus(
        s.site.id,
        number,
        (current) => (current === 'new' ? 'open' : current === 'open' ? 'pending' : 'open'),
        later(i),
        noMail,
      ),
    );
    expect(steps.every((step) => step.kind === 'done')).toBe(true);
    const seen = steps.map((step) => (step.kind === 'done' ? step.view.request.status : null));
    expect(seen.filter((status) => status === 'pending')).toHaveLength(5);
  });
}
