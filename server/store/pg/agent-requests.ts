/**
 * Requests as the support team sees them, on PostgreSQL: every request of the agent's own site —
 * and only of that site — with internal notes. A change locks the request's row before deciding
 * (FOR UPDATE), so concurrent changes to one request apply one after another.
 */
import { and, count, eq, lte, sql } from 'drizzle-orm';
import { newestActivityFirst } from '../rules/activity-order.js';
import { queueColumns, queueConditions } from '../rules/agent-queue.js';
import { categoryOf, requesterOf } from '../rules/view-reads.js';
import { transition } from '../rules/transitions.js';
import type { StoredStatus } from '../rows.js';
import type { AgentRequestStore, ChangeOutcome, NextStatus, QueueFilter, QueueRow, RequestView, Satisfaction } from '../types.js';
import { newId } from '../ids.js';
import type { PgSession, PgTx } from './client.js';
import { pgHints } from './hints.js';
import { enqueueMail } from './outbox.js';
import { enqueueWebhooks } from './webhooks.js';
import { requestChanged } from '../rules/webhook-events.js';
import { claimAttachments } from './attachments.js';
import { readHead, readView, type Head, type ViewKey } from './request-view.js';
import { categories, comments, endUsers, requestRatings, requestTags, requests } from './schema.js';
import { ratedSince, tally } from '../rules/ratings.js';

const tables = { requests, categories, endUsers, comments, requestTags };

export async function queue(tx: PgSession, siteId: string, filter: QueueFilter): Promise<QueueRow[]> {
  return tx
    .select(queueColumns(tables))
    .from(requests)
    .innerJoin(categories, categoryOf(tables))
    .innerJoin(endUsers, requesterOf(tables))
    .where(queueConditions(tables, pgHints, siteId, filter))
    .orderBy(...newestActivityFirst(requests))
    .limit(filter.limit);
}

const onSite = (siteId: string, number: number): ViewKey => ({
  shape: 'agent',
  where: () => and(eq(requests.siteId, sql.placeholder('siteId')), eq(requests.number, sql.placeholder('number')))!,
  values: { siteId, number },
});

export const find = (tx: PgTx, siteId: string, number: number): Promise<RequestView | undefined> => readView(tx, onSite(siteId, number), 'all');

/** The request an agent acts on, locked, and the status the action leaves it in — or why there is no such step. */
async function nextStep(
  tx: PgTx,
  siteId: string,
  number: number,
  nextStatus: NextStatus,
): Promise<{ kind: 'step'; current: Head; status: StoredStatus } | Exclude<ChangeOutcome, { kind: 'done' }>> {
  const current = await readHead(tx, onSite(siteId, number), 'forUpdate');
  if (!current) return { kind: 'not_found' };
  const status = nextStatus(current.request.status);
  if (!status) return { kind: 'refused', status: current.request.status };
  return { kind: 'step', current, status };
}

// The port's own parameters (AgentRequestStore), so the adapter cannot drift from them.
export async function addComment(
  tx: PgTx,
  ...[siteId, number, comment, nextStatus, now, notify]: Parameters<AgentRequestStore['addComment']>
): Promise<ChangeOutcome> {
  const next = await nextStep(tx, siteId, number, nextStatus);
  if (next.kind !== 'step') return next;
  const { request } = next.current;
  const commentId = newId('cmt');
  await tx
    .insert(comments)
    .values({ id: commentId, requestId: request.id, authorAgentId: comment.agentId, body: comment.body, public: comment.public, createdAt: now });
  await claimAttachments(
    tx,
    { siteId, uploader: { kind: 'agent', id: comment.agentId }, ids: comment.attachmentIds ?? [] },
    { requestId: request.id, number, commentId },
    now,
  );
  // A note that leaves the status alone is nothing the customer can see: their "last activity" stays.
  if (comment.public || next.status !== request.status)
    await tx
      .update(requests)
      .set(transition(request, next.status, now))
      .where(eq(requests.id, request.id));
  const view = (await find(tx, siteId, number))!;
  await enqueueMail(tx, siteId, request.id, notify(view), now);
  await enqueueWebhooks(tx, siteId, requestChanged(view, { from: request.status, commentId }), now);
  return { kind: 'done', view };
}

export async function setStatus(tx: PgTx, ...[siteId, number, nextStatus, now, notify]: Parameters<AgentRequestStore['setStatus']>): Promise<ChangeOutcome> {
  const next = await nextStep(tx, siteId, number, nextStatus);
  if (next.kind !== 'step') return next;
  const { request } = next.current;
  await tx
    .update(requests)
    .set(transition(request, next.status, now))
    .where(eq(requests.id, request.id));
  const view = (await find(tx, siteId, number))!;
  await enqueueMail(tx, siteId, request.id, notify(view), now);
  await enqueueWebhooks(tx, siteId, requestChanged(view, { from: request.status }), now);
  return { kind: 'done', view };
}

/** Closes every request solved before `solvedBefore`. Last activity stays: closing by itself is news to nobody. */
export async function closeSolvedBefore(tx: PgSession, solvedBefore: string): Promise<{ siteId: string; id: string; number: number }[]> {
  return tx
    .update(requests)
    .set({ status: 'closed' })
    .where(and(eq(requests.status, 'solved'), lte(requests.solvedAt, solvedBefore)))
    .returning({ siteId: requests.siteId, id: requests.id, number: requests.number });
}

export async function satisfaction(session: PgSession, siteId: string, since: string): Promise<Satisfaction> {
  const rows = await session
    .select({ score: requestRatings.score, n: count() })
    .from(requestRatings)
    .where(ratedSince({ requestRatings }, siteId, since))
    .groupBy(requestRatings.score);
  return tally(rows);
}
