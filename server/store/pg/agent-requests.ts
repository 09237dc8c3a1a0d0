/**
 * Requests as the support team sees them, on PostgreSQL: every request of the agent's own site —
 * and only of that site — with internal notes. A change locks the request's row before deciding
 * (FOR UPDATE), so concurrent changes to one request apply one after another.
 */
import { and, eq, exists, inArray, isNotNull, lte, not, type SQL } from 'drizzle-orm';
import { newestActivityFirst, olderThan } from '../rules/activity-order.js';
import { searchFor } from '../rules/queue-search.js';
import { transition } from '../rules/transitions.js';
import type { StoredStatus } from '../rows.js';
import type { ChangeOutcome, NextStatus, Notify, QueueFilter, QueueRow, RequestView } from '../types.js';
import { newId } from '../ids.js';
import type { PgSession, PgTx } from './client.js';
import { pgHints } from './hints.js';
import { enqueueMail } from './outbox.js';
import { readHead, readView, type Head } from './request-view.js';
import { categories, comments, endUsers, requests } from './schema.js';

/** An agent has answered publicly at least once. */
const agentAnswered = (tx: PgSession) =>
  exists(
    tx
      .select({ one: comments.id })
      .from(comments)
      .where(and(eq(comments.requestId, requests.id), isNotNull(comments.authorAgentId), eq(comments.public, true))),
  );

export async function queue(tx: PgSession, siteId: string, filter: QueueFilter): Promise<QueueRow[]> {
  const { after } = filter;
  return tx
    .select({
      number: requests.number,
      subject: requests.subject,
      status: requests.status,
      categoryName: categories.name,
      requesterName: endUsers.name,
      requesterEmail: endUsers.email,
      senderVerifiedAt: requests.senderVerifiedAt,
      createdAt: requests.createdAt,
      updatedAt: requests.updatedAt,
    })
    .from(requests)
    .innerJoin(categories, eq(categories.id, requests.categoryId))
    .innerJoin(endUsers, eq(endUsers.id, requests.requesterId))
    .where(
      and(
        eq(requests.siteId, siteId),
        filter.statuses ? inArray(requests.status, filter.statuses) : undefined,
        filter.categoryId ? eq(requests.categoryId, filter.categoryId) : undefined,
        filter.unanswered ? not(agentAnswered(tx)) : undefined,
        filter.search
          ? searchFor(
              { subject: requests.subject, requesterEmail: endUsers.email, requesterName: endUsers.name, number: requests.number },
              pgHints,
              filter.search,
            )
          : undefined,
        after ? olderThan(requests, after.updatedAt, after.number) : undefined,
      ),
    )
    .orderBy(...newestActivityFirst(requests))
    .limit(filter.limit);
}

const onSite = (siteId: string, number: number): SQL => and(eq(requests.siteId, siteId), eq(requests.number, number))!;

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

export async function addComment(
  tx: PgTx,
  siteId: string,
  number: number,
  comment: { agentId: string; body: string; public: boolean },
  nextStatus: NextStatus,
  now: string,
  notify: Notify,
): Promise<ChangeOutcome> {
  const next = await nextStep(tx, siteId, number, nextStatus);
  if (next.kind !== 'step') return next;
  const { request } = next.current;
  await tx
    .insert(comments)
    .values({ id: newId('cmt'), requestId: request.id, authorAgentId: comment.agentId, body: comment.body, public: comment.public, createdAt: now });
  // A note that leaves the status alone is nothing the customer can see: their "last activity" stays.
  if (comment.public || next.status !== request.status)
    await tx
      .update(requests)
      .set(transition(request, next.status, now))
      .where(eq(requests.id, request.id));
  const view = (await find(tx, siteId, number))!;
  await enqueueMail(tx, siteId, request.id, notify(view), now);
  return { kind: 'done', view };
}

export async function setStatus(tx: PgTx, siteId: string, number: number, nextStatus: NextStatus, now: string): Promise<ChangeOutcome> {
  const next = await nextStep(tx, siteId, number, nextStatus);
  if (next.kind !== 'step') return next;
  await tx
    .update(requests)
    .set(transition(next.current.request, next.status, now))
    .where(eq(requests.id, next.current.request.id));
  return { kind: 'done', view: (await find(tx, siteId, number))! };
}

/** Closes every request solved before `solvedBefore`. Last activity stays: closing by itself is news to nobody. */
export async function closeSolvedBefore(tx: PgSession, solvedBefore: string): Promise<{ siteId: string; id: string; number: number }[]> {
  return tx
    .update(requests)
    .set({ status: 'closed' })
    .where(and(eq(requests.status, 'solved'), lte(requests.solvedAt, solvedBefore)))
    .returning({ siteId: requests.siteId, id: requests.id, number: requests.number });
}
