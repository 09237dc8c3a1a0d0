/**
 * Delivering webhooks on SQLite: claiming due deliveries and what became of each attempt, each a
 * short unit on `webhook_deliveries` only (the twin of outbox-delivery.ts for mail).
 */
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from './client.js';
import { webhookDeliveries, webhooks } from './schema.js';
import type { AttemptResult, ClaimedDelivery } from '../types.js';

const { claimedUntil: claim, nextAttemptAt, status } = webhookDeliveries;

/** Due deliveries no live worker holds, oldest first, with their webhook's URL and secret: read and claimed in one transaction. */
export async function claimDue(db: Db, now: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const claimedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  return db.transaction((tx) => {
    const due = tx
      .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(and(eq(status, 'pending'), lte(nextAttemptAt, now), or(isNull(claim), lte(claim, now))))
      .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id))
      .limit(limit)
      .all();
    if (due.length)
      tx.update(webhookDeliveries)
        .set({ claimedUntil })
        .where(
          inArray(
            webhookDeliveries.id,
            due.map((row) => row.delivery.id),
          ),
        )
        .run();
    return due.map(({ delivery, url, secret }) => ({ ...delivery, claimedUntil, url, secret }));
  });
}

const pending = (id: string) => and(eq(webhookDeliveries.id, id), eq(status, 'pending'));

export async function markSent(db: Db, id: string, attempts: number, statusCode: number, now: string): Promise<void> {
  db.update(webhookDeliveries)
    .set({ status: 'sent', attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: now, claimedUntil: null })
    .where(pending(id))
    .run();
}

export async function scheduleRetry(db: Db, id: string, attempts: number, next: string, result: AttemptResult): Promise<void> {
  db.update(webhookDeliveries)
    .set({ attempts, nextAttemptAt: next, lastStatusCode: result.statusCode, lastError: result.error, claimedUntil: null })
    .where(pending(id))
    .run();
}

export async function markDead(db: Db, id: string, attempts: number, result: AttemptResult): Promise<void> {
  db.update(webhookDeliveries)
    .set({ status: 'dead', attempts, lastStatusCode: result.statusCode, lastError: result.error, claimedUntil: null })
    .where(pending(id))
    .run();
}

export async function release(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  db.update(webhookDeliveries)
    .set({ claimedUntil: null })
    .where(and(inArray(webhookDeliveries.id, ids), eq(status, 'pending')))
    .run();
}
