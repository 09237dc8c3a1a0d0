// Outbox claims (store.outbox.claimDue) one sender at a time: oldest first, a crashed sender's mail
// due again once its claim lapses, and every outcome — sent, retry, failed, released — ending the
// claim. (Concurrent claims that never overlap: races.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { addSite, customerMail, newRequest, NOW, present, useTestStore, type OpenTestStore } from './fixtures.js';

const MINUTE = 60_000;
const LEASE = 5 * MINUTE;
const recipients = (rows: { toEmail: string }[]) => rows.map((row) => row.toEmail);

/** A store of its own holding three receipts, one a minute, so "oldest first" has an order to keep. */
function withThreeReceipts(open: OpenTestStore) {
  const t = useTestStore(open);
  const clock = {
    now: new Date(NOW),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  beforeAll(async () => {
    const s = await addSite(t.store);
    for (const name of ['ada', 'grace', 'edsger']) {
      const record = newRequest(s, { requester: { kind: 'contact', email: `${name}@example.com`, name: null }, now: clock.now.toISOString() });
      expect(await t.store.requests.create(record, null, present, (view) => [customerMail(view.requester.email)])).toMatchObject({ kind: 'created' });
      clock.advance(MINUTE);
    }
  });
  return { t, clock, now: () => clock.now.toISOString() };
}

export function outboxClaimsContract(open: OpenTestStore): void {
  describe('a sender that dies', () => {
    const { t, clock, now } = withThreeReceipts(open);
    it('claims are oldest first, never overlap, and lapse after the lease', async () => {
      const first = await t.store.outbox.claimDue(now(), 2, LEASE);
      expect(recipients(first)).toEqual(['ada@example.com', 'grace@example.com']);
      expect(first.every((row) => row.claimedUntil === new Date(clock.now.getTime() + LEASE).toISOString())).toBe(true);
      expect(recipients(await t.store.outbox.claimDue(now(), 10, LEASE))).toEqual(['edsger@example.com']);
      expect(await t.store.outbox.claimDue(now(), 10, LEASE)).toEqual([]);

      // Nobody marked them: the sender died. Once the lease is over they are due again.
      clock.advance(LEASE);
      expect(recipients(await t.store.outbox.claimDue(now(), 10, LEASE))).toEqual(['ada@example.com', 'grace@example.com', 'edsger@example.com']);
      expect(await t.store.outbox.pendingCount()).toBe(3);
    });
  });

  describe('every outcome ends a claim', () => {
    const { t, clock, now } = withThreeReceipts(open);
    it('sent and failed mails are never claimed again; a retry is claimed when it is due; a released mail at once', async () => {
      const [ada, grace, edsger] = await t.store.outbox.claimDue(now(), 3, LEASE);
      await t.store.outbox.markSent(ada!.id, now());
      await t.store.outbox.markFailed(grace!.id, 8, 'refused');
      await t.store.outbox.release([edsger!.id]);
      const again = await t.store.outbox.claimDue(now(), 10, LEASE);
      expect(recipients(again)).toEqual(['edsger@example.com']);

      await t.store.outbox.scheduleRetry(edsger!.id, 1, new Date(clock.now.getTime() + MINUTE).toISOString(), 'timeout');
      expect(await t.store.outbox.claimDue(now(), 10, LEASE)).toEqual([]);
      clock.advance(MINUTE);
      const retried = await t.store.outbox.claimDue(now(), 10, LEASE);
      expect(retried.map((row) => [row.toEmail, row.attempts, row.lastError])).toEqual([['edsger@example.com', 1, 'timeout']]);

      clock.advance(LEASE);
      expect(recipients(await t.store.outbox.claimDue(now(), 10, LEASE))).toEqual(['edsger@example.com']);
      expect(await t.store.outbox.pendingCount()).toBe(1);
    });
  });
}
