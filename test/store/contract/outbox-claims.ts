// Outbox claims (store.outbox.claimDue): two senders never take the same mail, a crashed sender's
// mail comes due again once its claim lapses, and every outcome — sent, retry, failed, released —
// ends the claim. Through the port only, so the PostgreSQL adapter can be held to the same.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { categoryIds, submit } from './helpers.js';

const MINUTE = 60_000;
const LEASE = 5 * MINUTE;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  // Three receipts, one a minute, so "oldest first" has an order to keep.
  const categoryId = (await categoryIds(t.app))['Account & sign-in'];
  for (const name of ['ada', 'grace', 'edsger']) {
    expect((await submit(t.app, { categoryId, subject: 'Locked out', description: 'Help', email: `${name}@example.com` })).statusCode).toBe(201);
    t.clock.advance(MINUTE);
  }
});
afterEach(() => t.close());

const now = () => t.clock.now.toISOString();
const recipients = (rows: { toEmail: string }[]) => rows.map((row) => row.toEmail);

describe('claiming due mail', () => {
  test('claims are oldest first, never overlap, and lapse after the lease', async () => {
    const first = await t.store.outbox.claimDue(now(), 2, LEASE);
    expect(recipients(first)).toEqual(['ada@example.com', 'grace@example.com']);
    expect(first.every((row) => row.claimedUntil === new Date(t.clock.now.getTime() + LEASE).toISOString())).toBe(true);
    expect(recipients(await t.store.outbox.claimDue(now(), 10, LEASE))).toEqual(['edsger@example.com']);
    expect(await t.store.outbox.claimDue(now(), 10, LEASE)).toEqual([]);

    // Nobody marked them: the sender died. Once the lease is over they are due again.
    t.clock.advance(LEASE);
    expect(recipients(await t.store.outbox.claimDue(now(), 10, LEASE))).toEqual(['ada@example.com', 'grace@example.com', 'edsger@example.com']);
    expect(await t.store.outbox.pendingCount()).toBe(3);
  });

  test('sent and failed mails are never claimed again; a retry is claimed when it is due; a released mail at once', async () => {
    const [ada, grace, edsger] = await t.store.outbox.claimDue(now(), 3, LEASE);
    await t.store.outbox.markSent(ada!.id, now());
    await t.store.outbox.markFailed(grace!.id, 8, 'refused');
    await t.store.outbox.release([edsger!.id]);
    const again = await t.store.outbox.claimDue(now(), 10, LEASE);
    expect(recipients(again)).toEqual(['edsger@example.com']);

    await t.store.outbox.scheduleRetry(edsger!.id, 1, new Date(t.clock.now.getTime() + MINUTE).toISOString(), 'timeout');
    expect(await t.store.outbox.claimDue(now(), 10, LEASE)).toEqual([]);
    t.clock.advance(MINUTE);
    const retried = await t.store.outbox.claimDue(now(), 10, LEASE);
    expect(retried.map((row) => [row.toEmail, row.attempts, row.lastError])).toEqual([['edsger@example.com', 1, 'timeout']]);

    t.clock.advance(LEASE);
    expect(recipients(await t.store.outbox.claimDue(now(), 10, LEASE))).toEqual(['edsger@example.com']);
    expect(await t.store.outbox.pendingCount()).toBe(1);
  });
});
