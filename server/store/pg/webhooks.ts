/**
 * Webhooks on PostgreSQL: the admin command's add, list and remove, and enqueueWebhooks, which the
 * change units call inside their transaction (like enqueueMail) so a delivery commits with its event.
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { PgSession, PgTx } from './client.js';
import { preparedOnce } from './prepared.js';
import { sites, webhookDeliveries, webhooks } from './schema.js';
import { deliveriesFor, type WebhookEvent } from '../rules/webhook-events.js';
import type { WebhookDeliveryRow, WebhookRow } from '../rows.js';

export async function enqueueWebhooks(tx: PgTx, siteId: string, events: WebhookEvent[], now: string): Promise<void> {
  if (!events.length) return;
  // Every change asks this, and almost always finds none: a statement prepared once per connection.
  const subscribers = preparedOnce(tx, 'webhooks-subscribers', (db, name) =>
    db
      .select({ id: webhooks.id, events: webhooks.events, slug: sites.slug })
      .from(webhooks)
      .innerJoin(sites, eq(sites.id, webhooks.siteId))
      .where(and(eq(webhooks.siteId, sql.placeholder('siteId')), isNull(webhooks.removedAt)))
      .prepare(name),
  );
  const hooks = await subscribers.execute({ siteId });
  const rows = hooks.length ? deliveriesFor(hooks, hooks[0]!.slug, events, now) : [];
  if (rows.length) await tx.insert(webhookDeliveries).values(rows);
}

export async function addWebhook(session: PgSession, webhook: WebhookRow): Promise<void> {
  await session.insert(webhooks).values(webhook);
}

export async function listWebhooks(session: PgSession, siteId: string): Promise<WebhookRow[]> {
  return session
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.siteId, siteId), isNull(webhooks.removedAt)))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

export async function recentDeliveries(session: PgSession, webhookId: string, limit: number): Promise<WebhookDeliveryRow[]> {
  return session
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

export async function removeWebhook(tx: PgTx, siteId: string, id: string, now: string): Promise<'removed' | 'not_found'> {
  const removed = await tx
    .update(webhooks)
    .set({ removedAt: now })
    .where(and(eq(webhooks.id, id), eq(webhooks.siteId, siteId), isNull(webhooks.removedAt)))
    .returning({ id: webhooks.id });
  if (!removed.length) return 'not_found';
  await tx
    .update(webhookDeliveries)
    .set({ status: 'dead', lastError: 'the webhook was removed', claimedUntil: null })
    .where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.status, 'pending')));
  return 'removed';
}
