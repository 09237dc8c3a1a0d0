/**
 * Requests as the support team sees them: every request of the agent's own site — and only of
 * that site — with internal notes, filtered and searched for the queue.
 */
import { and, count, eq, lte, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { newId } from '../ids.js';
import { enqueueMail } from './outbox.js';
import { enqueueWebhooks } from './webhooks.js';
import { requestChanged } from '../rules/webhook-events.js';
import { readRequestView } from './request-view.js';
import { categories, comments, endUsers, requestRatings, requestTags, requests } from './schema.js';
import { ratedSince, tally } from '../rules/ratings.js';
import { sqliteHints } from './hints.js';
import { newestActivityFirst } from '../rules/activity-order.js';
import { queueColumns, queueConditions } from '../rules/agent-queue.js';
import { categoryOf, requesterOf } from '../rules/view-reads.js';
import { transition } from '../rules/transitions.js';
import type { RequestRow, StoredStatus } from '../rows.js';
import type { AgentRequestStore, ChangeOutcome, NextStatus, QueueFilter, QueueRow, ReplyOutcome, RequestView, Satisfaction } from '../types.js';
import { claimAttachments } from './attachments.js';
import { orUnclaimable } from '../rules/attachment-claims.js';

const tables = { requests, categories, endUsers, comments, requestTags };

export async function listQueue(db: Db, siteId: string, filter: QueueFilter): Promise<QueueRow[]> {
  return db
    .select(queueColumns(tables))
    .from(requests)
    .innerJoin(categories, categoryOf(tables))
    .innerJoin(endUsers, requesterOf(tables))
    .where(queueConditions(tables, sqliteHints, siteId, filter))
    .orderBy(...newestActivityFirst(requests))
    .limit(filter.limit)
    .all();
}

export async function findSiteRequest(db: Db, siteId: string, number: number): Promise<RequestView | undefined> {
  return readRequestView(db, and(eq(requests.siteId, siteId), eq(requests.number, number))!, 'all');
}

/**
 * An agent's reply (public) or internal note, and the status it leaves the request in — one
 * transaction with the mail it causes. `nextStatus` returns null when the request takes no change.
 * Its parameters are the port's own (AgentRequestStore), so the adapter cannot drift from them.
 */
export async function addAgentComment(
  db: Db,
  ...[siteId, number, comment, nextStatus, now, notify]: Parameters<AgentRequestStore['addComment']>
): Promise<ReplyOutcome> {
  return orUnclaimable(
    commitWithOthers(db, (tx): ChangeOutcome => {
      const next = nextStep(tx, siteId, number, nextStatus);
      if (next.kind !== 'step') return next;
      const { where, current, status } = next;
      const commentId = newId('cmt');
      tx.insert(comments)
        .values({ id: commentId, requestId: current.id, authorAgentId: comment.agentId, body: comment.body, public: comment.public, createdAt: now })
        .run();
      claimAttachments(
        tx,
        { siteId, uploader: { kind: 'agent', id: comment.agentId }, ids: comment.attachmentIds ?? [] },
        { requestId: current.id, number, commentId },
        now,
      );
      // A note that leaves the status alone is nothing the customer can see: their "last activity" stays.
      if (comment.public || status !== current.status) moveTo(tx, current, status, now);
      const view = readRequestView(tx, where, 'all')!;
      enqueueMail(db, siteId, current.id, notify(view), now);
      enqueueWebhooks(db, siteId, requestChanged(view, { from: current.status, commentId }), now);
      return { kind: 'done', view };
    }),
  );
}

/** The request an agent acts on and the status the action leaves it in — or why there is no such step. */
function nextStep(
  tx: Tx,
  siteId: string,
  number: number,
  nextStatus: NextStatus,
): { kind: 'step'; where: SQL; current: RequestRow; status: StoredStatus } | Exclude<ChangeOutcome, { kind: 'done' }> {
  const where = and(eq(requests.siteId, siteId), eq(requests.number, number))!;
  const current = tx.select().from(requests).where(where).get();
  if (!current) return { kind: 'not_found' };
  const status = nextStatus(current.status);
  if (!status) return { kind: 'refused', status: current.status };
  return { kind: 'step', where, current, status };
}

const moveTo = (tx: Tx, current: RequestRow, status: StoredStatus, now: string) =>
  tx
    .update(requests)
    .set(transition(current, status, now))
    .where(eq(requests.id, current.id))
    .run();

export async function setRequestStatus(
  db: Db,
  ...[siteId, number, nextStatus, now, notify]: Parameters<AgentRequestStore['setStatus']>
): Promise<ChangeOutcome> {
  return commitWithOthers(db, (tx): ChangeOutcome => {
    const next = nextStep(tx, siteId, number, nextStatus);
    if (next.kind !== 'step') return next;
    moveTo(tx, next.current, next.status, now);
    const view = readRequestView(tx, next.where, 'all')!;
    enqueueMail(db, siteId, next.current.id, notify(view), now);
    enqueueWebhooks(db, siteId, requestChanged(view, { from: next.current.status }), now);
    return { kind: 'done', view };
  });
}

/**
 * Closes every request solved before `solvedBefore`; returns what was closed, for live updates.
 * Last activity stays as it was: closing by itself is not news to anyone (rules/transitions.ts).
 */
export async function closeSolvedBefore(db: Db, solvedBefore: string): Promise<{ siteId: string; id: string; number: number }[]> {
  return db.transaction((tx) =>
    tx
      .update(requests)
      .set({ status: 'closed' })
      .where(and(eq(requests.status, 'solved'), lte(requests.solvedAt, solvedBefore)))
      .returning({ siteId: requests.siteId, id: requests.id, number: requests.number })
      .all(),
  );
}

export async function satisfaction(db: Db, siteId: string, since: string): Promise<Satisfaction> {
  const rows = db
    .select({ score: requestRatings.score, n: count() })
    .from(requestRatings)
    .where(ratedSince({ requestRatings }, siteId, since))
    .groupBy(requestRatings.score)
    .all();
  return tally(rows);
}
