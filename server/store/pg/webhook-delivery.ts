/**
 * Delivering webhooks on PostgreSQL: claims that let workers on several instances share the
 * deliveries without sending one twice at once, and what became of each attempt (outbox.ts's twin).
 */
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { PgSession, PgTx } from './client.js';
import { webhookDeliveries, webhooks } from './schema.js';
import type { AttemptResult, ClaimedDelivery } from '../types.js';

const { claimedUntil: claim, nextAttemptAt, status } = webhookDeliveries;

/** Due deliveries no live worker holds, oldest first; SKIP LOCKED: a worker claiming at the same moment takes others. */
export async function claimDue(tx: PgTx, now: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const due = tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(status, 'pending'), lte(nextAttemptAt, now), or(isNull(claim), lte(claim, now))))
    .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  const claimed = await tx.update(webhookDeliveries).set({ claimedUntil }).where(inArray(webhookDeliveries.id, due)).returning();
  if (!claimed.length) return [];
  const targets = await tx
    .select({ id: webhooks.id, url: webhooks.url, secret: webhooks.secret })
    .from(webhooks)
    .where(
      inArray(
        webhooks.id,
        claimed.map((row) => row.webhookId),
      ),
    );
  const byId = new Map(targets.map((target) => [target.id, target]));
  // RETURNING keeps no order: oldest first again.
  return claimed
    .map((row) => ({ ...row, url: byId.get(row.webhookId)!.url, secret: byId.get(row.webhookId)!.secret }))
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}

const pending = (id: string) => and(eq(webhookDeliveries.id, id), eq(status, 'pending'));

export async function markSent(session: PgSession, id: string, attempts: number, statusCode: number, now: string): Promise<void> {
  await session
    .update(webhookDeliveries)
    .set({ status: 'sent', attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: now, claimedUntil: null })
    .where(pending(id));
}

export async function scheduleRetry(session: PgSession, id: string, attempts: number, next: string, result: AttemptResult): Promise<void> {
  await session
    .update(webhookDeliveries)
    .set({ attempts, nextAttemptAt: next, lastStatusCode: result.statusCode, lastError: result.error, claimedUntil: null })
    .where(pending(id));
}

export async function markDead(session: PgSession, id: string, attempts: number, result: AttemptResult): Promise<void> {
  await session
    .update(webhookDeliveries)
    .set({ status: 'dead', attempts, lastStatusCode: result.statusCode, lastError: result.error, claimedUntil: null })
    .where(pending(id));
}

export async function release(session: PgSession, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await session
    .update(webhookDeliveries)
    .set({ claimedUntil: null })
    .where(and(inArray(webhookDeliveries.id, ids), eq(status, 'pending')));
}
