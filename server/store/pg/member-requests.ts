/**
 * Requests as a member sees them, on PostgreSQL. Every query filters through rules/visibility.ts
 * `visibleTo`, so a request the member may not see is found by nothing here, exactly like one that
 * does not exist. Units that read, then change a request lock its row first (FOR UPDATE): a
 * member's reopening comment and an agent's close cannot interleave.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { newestActivityFirst } from '../rules/activity-order.js';
import { countBinding, countConditions, countShape, listBinding, listColumns, listConditions, listShape } from '../rules/member-lists.js';
import { transition } from '../rules/transitions.js';
import { isRequester, mayRate, visibleTo } from '../rules/visibility.js';
import { changedRating, ratingRow } from '../rules/ratings.js';
import { bindScope, scopePlaceholders, scopeShape } from '../rules/scope-binding.js';
import type { StoredStatus } from '../rows.js';
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
import { newId } from '../ids.js';
import type { PgSession, PgTx } from './client.js';
import { preparedOnce } from './prepared.js';
import { pgHints } from './hints.js';
import { enqueueMail } from './outbox.js';
import { enqueueWebhooks } from './webhooks.js';
import { requestChanged } from '../rules/webhook-events.js';
import { claimAttachments } from './attachments.js';
import { memberUploader } from '../rules/attachment-claims.js';
import { byId, readHead, readView, type ViewKey } from './request-view.js';
import { publicPart } from '../rules/view.js';
import { comments, requestCcs, requestRatings, requests } from './schema.js';

// Request `number`, if the scope may see it (prepared per scope shape, like the lists below).
const visibleNumber = (scope: MemberScope, number: number): ViewKey => ({
  shape: `member|${scopeShape(scope)}`,
  where: () => and(visibleTo({ requests, requestCcs }, pgHints, scopePlaceholders(scope)), eq(requests.number, sql.placeholder('number')))!,
  values: { ...bindScope(scope), number },
});

// The list and the badge run on statements prepared once per shape and connection (prepared.ts).
export async function list(session: PgSession, scope: MemberScope, options: ListOptions): Promise<RequestListRow[]> {
  // The page size is written into the statement, not bound: PostgreSQL's generic plan takes a bound
  // LIMIT for a tenth of the rows, prices it far above the plan for 21, and so re-planned the org
  // list on every call (pg_prepared_statements: custom plans only). Page sizes are few: one shape each.
  const limit = Math.trunc(options.limit);
  const pageSize = sql.raw(String(limit)) as unknown as number;
  const statement = preparedOnce(session, `${listShape(scope, options)}|${limit}`, (db, name) =>
    db
      .select(listColumns(requests))
      .from(requests)
      .where(listConditions({ requests, requestCcs }, pgHints, scope, options))
      .orderBy(...newestActivityFirst(requests))
      .limit(pageSize)
      .prepare(name),
  );
  return statement.execute(listBinding(scope, options));
}

export async function countWithStatus(session: PgSession, scope: MemberScope, list: ListScope, status: StoredStatus): Promise<number> {
  const statement = preparedOnce(session, countShape(scope, list), (db, name) =>
    db
      .select({ n: count() })
      .from(requests)
      .where(countConditions({ requests, requestCcs }, pgHints, scope, list))
      .prepare(name),
  );
  const [row] = await statement.execute(countBinding(scope, status));
  return row!.n;
}

export const find = (tx: PgTx, scope: MemberScope, number: number): Promise<RequestView | undefined> => readView(tx, visibleNumber(scope, number), 'public');

export async function addComment(
  tx: PgTx,
  scope: MemberScope,
  number: number,
  body: string,
  now: string,
  nextStatus: NextStatus,
  notify: Notify,
  attachmentIds: string[] = [],
  sentFrom: string | null = null,
): Promise<CommentOutcome> {
  const current = await readHead(tx, visibleNumber(scope, number), 'forUpdate');
  if (!current) return { kind: 'not_found' };
  const status = nextStatus(current.request.status);
  if (!status) return { kind: 'refused', status: current.request.status };
  const { id } = current.request;
  const commentId = newId('cmt');
  await tx.insert(comments).values({ id: commentId, requestId: id, authorEndUserId: scope.memberId, body, public: true, createdAt: now, sentFrom });
  await claimAttachments(tx, { siteId: scope.siteId, uploader: memberUploader(scope), ids: attachmentIds }, { requestId: id, number, commentId }, now);
  await tx
    .update(requests)
    .set(transition(current.request, status, now))
    .where(eq(requests.id, id));
  const full = (await readView(tx, byId(id), 'all'))!;
  await enqueueMail(tx, scope.siteId, id, notify(full), now);
  await enqueueWebhooks(tx, scope.siteId, requestChanged(full, { from: current.request.status, commentId }), now);
  return { kind: 'done', view: publicPart(full), commentId };
}

export async function solve(tx: PgTx, scope: MemberScope, number: number, now: string, canSolve: (current: StoredStatus) => boolean): Promise<ChangeOutcome> {
  const current = await readHead(tx, visibleNumber(scope, number), 'forUpdate');
  if (!current) return { kind: 'not_found' };
  if (!isRequester(scope, current.request) || !canSolve(current.request.status)) return { kind: 'refused', status: current.request.status };
  await tx
    .update(requests)
    .set(transition(current.request, 'solved', now))
    .where(eq(requests.id, current.request.id));
  const view = (await find(tx, scope, number))!;
  await enqueueWebhooks(tx, scope.siteId, requestChanged(view, { from: current.request.status }), now);
  return { kind: 'done', view };
}

/** The requester's rating (rules/visibility.ts mayRate), where `canRate` allows; a later one replaces it. */
export async function rate(
  tx: PgTx,
  scope: MemberScope,
  number: number,
  rating: NewRatingRecord,
  now: string,
  canRate: (current: StoredStatus) => boolean,
): Promise<ChangeOutcome> {
  const current = await readHead(tx, visibleNumber(scope, number), 'forUpdate');
  if (!current) return { kind: 'not_found' };
  if (!mayRate(scope, current.request) || !canRate(current.request.status)) return { kind: 'refused', status: current.request.status };
  const row = ratingRow(scope, current.request.id, rating, now);
  await tx
    .insert(requestRatings)
    .values(row)
    .onConflictDoUpdate({ target: requestRatings.requestId, set: changedRating(row) });
  return { kind: 'done', view: (await find(tx, scope, number))! };
}
