/**
 * Delivering the outbox: claiming due mails, and what became of each attempt. Each function is one
 * short unit of work on `outbox` rows only — a mail that cannot be delivered never touches the
 * request it tells about. Only pending rows move, so a row that is already sent or failed stays
 * so; every outcome ends the sender's claim.
 */
import { and, asc, count, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { outbox } from './schema.js';
import type { OutboxRow } from '../rows.js';

/**
 * Pending mails due at `now` and claimed by no live sender, oldest first, claimed for `leaseMs`:
 * read and marked in one transaction, so two senders never take the same mail.
 */
export async function claimDue(db: Db, now: string, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const claimedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  return db.transaction((tx) => {
    const due = tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now))))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(limit)
      .all();
    if (due.length)
      tx.update(outbox)
        .set({ claimedUntil })
        .where(
          inArray(
            outbox.id,
            due.map((row) => row.id),
          ),
        )
        .run();
    return due.map((row) => ({ ...row, claimedUntil }));
  });
}

/** The transport took the mail; the attempt that did it counts. */
export async function markSent(db: Db, id: string, now: string): Promise<void> {
  db.update(outbox)
    .set({ status: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1`, claimedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .run();
}

/** An attempt failed: `attempts` made so far, and when to try again. */
export async function scheduleRetry(db: Db, id: string, attempts: number, nextAttemptAt: string, error: string): Promise<void> {
  db.update(outbox)
    .set({ attempts, nextAttemptAt, lastError: error, claimedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .run();
}

/** Given up: the mail stays in the table, with its last error, for someone to look at. */
export async function markFailed(db: Db, id: string, attempts: number, error: string): Promise<void> {
  db.update(outbox)
    .set({ status: 'failed', attempts, lastError: error, claimedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .run();
}

/** Claimed mails not tried after all become due again at once (only pending ones: sent or failed stay so). */
export async function releaseClaims(db: Db, ids: string[]): Promise<void> {
  db.update(outbox)
    .set({ claimedUntil: null })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, 'pending')))
    .run();
}

/** Mails still waiting to go out, due or not (for shutdown logs and health checks). */
export async function pendingCount(db: Db): Promise<number> {
  return db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
}
