/**
 * Requests as the support team sees them: every request of the agent's own site — and only of
 * that site — with internal notes, filtered and searched for the queue.
 */
import { and, eq, exists, inArray, like, lte, not, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { newestActivityFirst, olderThan } from './activity-order.js';
import { newId } from './ids.js';
import { enqueueMail, type MailDraft } from './outbox.js';
import { readRequestView, type RequestView } from './request-view.js';
import { categories, comments, endUsers, requests, type StoredStatus } from './schema.js';

export interface QueueFilter {
  statuses: StoredStatus[] | null;
  categoryId: string | null;
  /** Only requests no agent has answered publicly yet. */
  unanswered: boolean;
  /** Matches subject, requester email or name, or the request number. */
  search: string | null;
  after: { updatedAt: string; number: number } | null;
  limit: number;
}

export interface QueueRow {
  number: number;
  subject: string;
  status: StoredStatus;
  categoryName: string;
  requesterName: string | null;
  requesterEmail: string;
  senderVerifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An agent has answered publicly at least once. */
const agentAnswered = exists(
  sql`(SELECT 1 FROM ${comments} WHERE ${comments.requestId} = ${requests.id} AND ${comments.authorAgentId} IS NOT NULL AND ${comments.public} = 1)`,
);

function searchFor(text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const byText = [like(requests.subject, pattern), like(endUsers.email, pattern), like(endUsers.name, pattern)].map(
    (condition) => sql`${condition} ESCAPE '\\'`,
  );
  const number = /^#?(\d{1,9})$/.exec(text.trim())?.[1];
  return or(...byText, ...(number ? [eq(requests.number, Number(number))] : []))!;
}

export async function listQueue(db: Db, siteId: string, filter: QueueFilter): Promise<QueueRow[]> {
  const { after } = filter;
  return db
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
        filter.unanswered ? not(agentAnswered) : undefined,
        filter.search ? searchFor(filter.search) : undefined,
        after ? olderThan(after.updatedAt, after.number) : undefined,
      ),
    )
    .orderBy(...newestActivityFirst)
    .limit(filter.limit)
    .all();
}

export async function findSiteRequest(db: Db, siteId: string, number: number): Promise<RequestView | undefined> {
  return readRequestView(db, and(eq(requests.siteId, siteId), eq(requests.number, number))!, 'all');
}

export type AgentChange = { kind: 'done'; view: RequestView } | { kind: 'not_found' } | { kind: 'refused'; status: StoredStatus };

/**
 * An agent's reply (public) or internal note, and the status it leaves the request in — one
 * transaction with the mail it causes. `nextStatus` returns null when the request takes no change.
 */
export async function addAgentComment(
  db: Db,
  siteId: string,
  number: number,
  comment: { agentId: string; body: string; public: boolean },
  nextStatus: (current: StoredStatus) => StoredStatus | null,
  now: string,
  notify: (view: RequestView) => MailDraft[],
): Promise<AgentChange> {
  return commitWithOthers(db, (tx): AgentChange => {
    const next = nextStep(tx, siteId, number, nextStatus);
    if (next.kind !== 'step') return next;
    const { where, current, status } = next;
    tx.insert(comments)
      .values({ id: newId('cmt'), requestId: current.id, authorAgentId: comment.agentId, body: comment.body, public: comment.public, createdAt: now })
      .run();
    // A note that leaves the status alone is nothing the customer can see: their "last activity" stays.
    if (comment.public || status !== current.status) moveTo(tx, current, status, now);
    const view = readRequestView(tx, where, 'all')!;
    enqueueMail(db, siteId, current.id, notify(view), now);
    return { kind: 'done', view };
  });
}

/** The request an agent acts on and the status the action leaves it in — or why there is no such step. */
function nextStep(
  tx: Tx,
  siteId: string,
  number: number,
  nextStatus: (current: StoredStatus) => StoredStatus | null,
): { kind: 'step'; where: SQL; current: typeof requests.$inferSelect; status: StoredStatus } | Exclude<AgentChange, { kind: 'done' }> {
  const where = and(eq(requests.siteId, siteId), eq(requests.number, number))!;
  const current = tx.select().from(requests).where(where).get();
  if (!current) return { kind: 'not_found' };
  const status = nextStatus(current.status);
  if (!status) return { kind: 'refused', status: current.status };
  return { kind: 'step', where, current, status };
}

/** A request's new status and last activity; solving stamps when (the first time), anything else clears it. */
function moveTo(tx: Tx, current: typeof requests.$inferSelect, status: StoredStatus, now: string): void {
  tx.update(requests)
    .set({ status, updatedAt: now, solvedAt: status === 'solved' ? (current.solvedAt ?? now) : null })
    .where(eq(requests.id, current.id))
    .run();
}

export async function setRequestStatus(
  db: Db,
  siteId: string,
  number: number,
  nextStatus: (current: StoredStatus) => StoredStatus | null,
  now: string,
): Promise<AgentChange> {
  return commitWithOthers(db, (tx): AgentChange => {
    const next = nextStep(tx, siteId, number, nextStatus);
    if (next.kind !== 'step') return next;
    moveTo(tx, next.current, next.status, now);
    return { kind: 'done', view: readRequestView(tx, next.where, 'all')! };
  });
}

/**
 * Closes every request solved before `solvedBefore`; returns what was closed, for live updates.
 * Last activity stays as it was: closing by itself is not news to anyone.
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
