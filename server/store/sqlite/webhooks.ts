/**
 * Webhooks on SQLite: the admin command's add, list and remove, and enqueueWebhooks, which the
 * change units call inside their transaction (like enqueueMail) so a delivery exists exactly when
 * the event it reports does.
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { preparedOnce } from './prepared.js';
import { sites, webhookDeliveries, webhooks } from './schema.js';
import { deliveriesFor, type WebhookEvent } from '../rules/webhook-events.js';
import type { WebhookDeliveryRow, WebhookRow } from '../rows.js';

const p = sql.placeholder;

/** Called inside a unit of work: its statements run on the one connection, in the unit's savepoint. */
export function enqueueWebhooks(db: Db, siteId: string, events: WebhookEvent[], now: string): void {
  if (!events.length) return;
  const s = statements(db);
  const hooks = s.subscribers.all({ siteId });
  if (!hooks.length) return;
  for (const row of deliveriesFor(hooks, hooks[0]!.slug, events, now)) s.insert.run({ ...row });
}

const statements = (db: Db) =>
  preparedOnce(db, 'webhooks-enqueue', () => ({
    subscribers: db
      .select({ id: webhooks.id, events: webhooks.events, slug: sites.slug })
      .from(webhooks)
      .innerJoin(sites, eq(sites.id, webhooks.siteId))
      .where(and(eq(webhooks.siteId, p('siteId')), isNull(webhooks.removedAt)))
      .prepare(),
    insert: db
      .insert(webhookDeliveries)
      .values({
        id: p('id'),
        webhookId: p('webhookId'),
        event: p('event'),
        payload: p('payload'),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: p('nextAttemptAt'),
        createdAt: p('createdAt'),
      })
      .prepare(),
  }));

export async function addWebhook(db: Db, webhook: WebhookRow): Promise<void> {
  await commitWithOthers(db, (tx) => tx.insert(webhooks).values(webhook).run());
}

export async function listWebhooks(db: Db, siteId: string): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.siteId, siteId), isNull(webhooks.removedAt)))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id))
    .all();
}

export async function recentDeliveries(db: Db, webhookId: string, limit: number): Promise<WebhookDeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit)
    .all();
}

export async function removeWebhook(db: Db, siteId: string, id: string, now: string): Promise<'removed' | 'not_found'> {
  return commitWithOthers(db, (tx) => {
    const removed = tx
      .update(webhooks)
      .set({ removedAt: now })
      .where(and(eq(webhooks.id, id), eq(webhooks.siteId, siteId), isNull(webhooks.removedAt)))
      .run();
    if (!removed.changes) return 'not_found';
    tx.update(webhookDeliveries)
      .set({ status: 'dead', lastError: 'the webhook was removed', claimedUntil: null })
      .where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.status, 'pending')))
      .run();
    return 'removed';
  });
}
