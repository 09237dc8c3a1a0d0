/**
 * Delivering the outbox: which mails are due, and what became of each attempt. Each function is
 * one short unit of work on `outbox` rows only — a mail that cannot be delivered never touches the
 * request it tells about. Only pending rows move, so a row that is already sent or failed stays so.
 */
import { and, asc, count, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { outbox } from './schema.js';

export type OutboxRow = typeof outbox.$inferSelect;

/** Pending mails whose next attempt is due at `now`, oldest first. */
export async function dueMail(db: Db, now: string, limit: number): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(limit)
    .all();
}

/** The transport took the mail; the attempt that did it counts. */
export async function markSent(db: Db, id: string, now: string): Promise<void> {
  db.update(outbox)
    .set({ status: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1` })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .run();
}

/** An attempt failed: `attempts` made so far, and when to try again. */
export async function scheduleRetry(db: Db, id: string, attempts: number, nextAttemptAt: string, error: string): Promise<void> {
  db.update(outbox)
    .set({ attempts, nextAttemptAt, lastError: error })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .run();
}

/** Given up: the mail stays in the table, with its last error, for someone to look at. */
export async function markFailed(db: Db, id: string, attempts: number, error: string): Promise<void> {
  db.update(outbox)
    .set({ status: 'failed', attempts, lastError: error })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .run();
}

/** Mails still waiting to go out, due or not (for shutdown logs and health checks). */
export async function pendingCount(db: Db): Promise<number> {
  return db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
}
