/**
 * Requests as a member sees them. Every query here starts from a MemberScope and filters through
 * `visibleTo` (rules/visibility.ts), so for a request the member may not see these find nothing,
 * exactly as for one that does not exist.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { newId } from '../ids.js';
import { comments, requestCcs, requestRatings, requests } from './schema.js';
import { readRequestById, readRequestViewPrepared } from './request-view.js';
import { publicPart } from '../rules/view.js';
import { preparedOnce } from './prepared.js';
import { bindScope, scopePlaceholders, scopeShape } from '../rules/scope-binding.js';
import { countBinding, countConditions, countShape, listBinding, listColumns, listConditions, listShape } from '../rules/member-lists.js';
import { enqueueMail } from './outbox.js';
import { enqueueWebhooks } from './webhooks.js';
import { requestChanged } from '../rules/webhook-events.js';
import { claimAttachments } from './attachments.js';
import { memberUploader, orUnclaimable } from '../rules/attachment-claims.js';
import { sqliteHints } from './hints.js';
import { newestActivityFirst } from '../rules/activity-order.js';
import { isRequester, mayRate, visibleTo as visibleToRule } from '../rules/visibility.js';
import { changedRating, ratingRow } from '../rules/ratings.js';
import { transition } from '../rules/transitions.js';
import type {
  ChangeOutcome,
  CommentOutcome,
  ListOptions,
  ListScope,
  MemberScope,
  NewRatingRecord,
  NextStatus,
  Notify,
  RequestListRow,
  RequestView,
} from '../types.js';
import type { StoredStatus } from '../rows.js';

// Member queries run on statements prepared once per shape (prepared.ts), bound by rules/scope-binding.ts.
const p = sql.placeholder;
const shapeOf = scopeShape;
const visibleTo = (scope: MemberScope, only?: ListScope) => visibleToRule({ requests, requestCcs }, sqliteHints, scopePlaceholders(scope), only);

export async function listVisibleRequests(db: Db, scope: MemberScope, options: ListOptions): Promise<RequestListRow[]> {
  const tables = { requests, requestCcs };
  const statement = preparedOnce(db, listShape(scope, options), () =>
    db
      .select(listColumns(requests))
      .from(requests)
      .where(listConditions(tables, sqliteHints, scope, options))
      .orderBy(...newestActivityFirst(requests))
      .limit(p('limit'))
      .prepare(),
  );
  return statement.all(listBinding(scope, options));
}

export async function countVisibleWithStatus(db: Db, scope: MemberScope, list: ListScope, status: StoredStatus): Promise<number> {
  const statement = preparedOnce(db, countShape(scope, list), () =>
    db
      .select({ n: count() })
      .from(requests)
      .where(countConditions({ requests, requestCcs }, sqliteHints, scope, list))
      .prepare(),
  );
  return statement.get(countBinding(scope, status))!.n;
}

// Prepared on `db`; inside a unit it runs on the one connection, in the unit's savepoint (group-commit.ts).
const readView = (db: Db, scope: MemberScope, number: number) =>
  readRequestViewPrepared(
    db,
    `member|${shapeOf(scope)}`,
    () => and(visibleTo(scope), eq(requests.number, p('number')))!,
    { ...bindScope(scope), number },
    'public',
  );

export async function findVisibleRequest(db: Db, scope: MemberScope, number: number): Promise<RequestView | undefined> {
  return readView(db, scope, number);
}

/**
 * "Add to conversation": appends a public comment and moves the request to `nextStatus(current)`;
 * `refused` when the rule says this request takes no more comments (closed).
 */
export async function addMemberComment(
  db: Db,
  scope: MemberScope,
  number: number,
  body: string,
  now: string,
  nextStatus: NextStatus,
  notify: Notify,
  attachmentIds: string[] = [],
  sentFrom: string | null = null,
): Promise<CommentOutcome> {
  return orUnclaimable(
    commitWithOthers(db, (tx): CommentOutcome => {
      const current = readView(db, scope, number);
      if (!current) return { kind: 'not_found' };
      const status = nextStatus(current.request.status);
      if (!status) return { kind: 'refused', status: current.request.status };
      const commentId = newId('cmt');
      tx.insert(comments)
        .values({ id: commentId, requestId: current.request.id, authorEndUserId: scope.memberId, body, public: true, createdAt: now, sentFrom })
        .run();
      claimAttachments(
        tx,
        { siteId: scope.siteId, uploader: memberUploader(scope), ids: attachmentIds },
        { requestId: current.request.id, number, commentId },
        now,
      );
      tx.update(requests)
        .set(transition(current.request, status, now))
        .where(eq(requests.id, current.request.id))
        .run();
      const full = readRequestById(db, current.request.id, 'all')!;
      enqueueMail(db, scope.siteId, current.request.id, notify(full), now);
      enqueueWebhooks(db, scope.siteId, requestChanged(full, { from: current.request.status, commentId }), now);
      return { kind: 'done', view: publicPart(full), commentId };
    }),
  );
}

/** "Mark as solved": only the requester (rules/visibility.ts isRequester) may, and only where `canSolve` allows. */
export async function solveAsRequester(
  db: Db,
  scope: MemberScope,
  number: number,
  now: string,
  canSolve: (current: StoredStatus) => boolean,
): Promise<ChangeOutcome> {
  return commitWithOthers(db, (tx): ChangeOutcome => {
    const current = readView(db, scope, number);
    if (!current) return { kind: 'not_found' };
    if (!isRequester(scope, current.request) || !canSolve(current.request.status)) return { kind: 'refused', status: current.request.status };
    tx.update(requests)
      .set(transition(current.request, 'solved', now))
      .where(eq(requests.id, current.request.id))
      .run();
    const view = readView(db, scope, number)!;
    enqueueWebhooks(db, scope.siteId, requestChanged(view, { from: current.request.status }), now);
    return { kind: 'done', view };
  });
}

/** The requester's rating (rules/visibility.ts mayRate), where `canRate` allows; a later one replaces it. */
export async function rateAsRequester(
  db: Db,
  scope: MemberScope,
  number: number,
  rating: NewRatingRecord,
  now: string,
  canRate: (current: StoredStatus) => boolean,
): Promise<ChangeOutcome> {
  return commitWithOthers(db, (tx): ChangeOutcome => {
    const current = readView(db, scope, number);
    if (!current) return { kind: 'not_found' };
    if (!mayRate(scope, current.request) || !canRate(current.request.status)) return { kind: 'refused', status: current.request.status };
    const row = ratingRow(scope, current.request.id, rating, now);
    tx.insert(requestRatings)
      .values(row)
      .onConflictDoUpdate({ target: requestRatings.requestId, set: changedRating(row) })
      .run();
    return { kind: 'done', view: readView(db, scope, number)! };
  });
}
