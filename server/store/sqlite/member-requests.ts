/**
 * Requests as a member sees them. Every query here starts from a MemberScope and filters through
 * `visibleTo` (rules/visibility.ts), so for a request the member may not see these find nothing,
 * exactly as for one that does not exist.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { newId } from '../ids.js';
import { comments, requestCcs, requests } from './schema.js';
import { readRequestView, readRequestViewPrepared } from './request-view.js';
import { listPlaceholders, listValues, preparedOnce } from './prepared.js';
import { enqueueMail } from './outbox.js';
import { sqliteHints } from './hints.js';
import { newestActivityFirst, olderThan } from '../rules/activity-order.js';
import { isRequester, visibleTo as visibleToRule, type ScopeValues } from '../rules/visibility.js';
import { transition } from '../rules/transitions.js';
import type { ChangeOutcome, CommentOutcome, ListOptions, ListScope, MemberScope, NextStatus, Notify, RequestListRow, RequestView } from '../types.js';
import type { StoredStatus } from '../rows.js';

/*
 * Member queries run on statements prepared once per shape (prepared.ts): the SQL below is written
 * with placeholders, and `bindScope` gives their values. A scope's shape is what changes the SQL:
 * how many identities, whether organization requests count, whether it is a one-request session.
 */
const p = sql.placeholder;
const shapeOf = (scope: MemberScope) => `${scope.identityIds.length}|${scope.organizationId ? 'org' : '-'}|${scope.onlyRequest === null ? 'all' : 'one'}`;
const placeholdersOf = (scope: MemberScope): ScopeValues => ({
  siteId: p('siteId'),
  identities: listPlaceholders('identity', scope.identityIds.length),
  organizationId: scope.organizationId ? p('organizationId') : null,
  onlyRequest: scope.onlyRequest === null ? null : p('onlyRequest'),
});
const bindScope = (scope: MemberScope) => ({
  siteId: scope.siteId,
  organizationId: scope.organizationId,
  onlyRequest: scope.onlyRequest,
  ...listValues('identity', scope.identityIds),
});
const visibleTo = (scope: MemberScope, only?: ListScope) => visibleToRule({ requests, requestCcs }, sqliteHints, placeholdersOf(scope), only);

export async function listVisibleRequests(db: Db, scope: MemberScope, options: ListOptions): Promise<RequestListRow[]> {
  const { list, statuses, after, limit } = options;
  const shape = `list|${list}|${shapeOf(scope)}|${statuses?.length ?? 0}|${after ? 'after' : 'first'}`;
  const statement = preparedOnce(db, shape, () =>
    db
      .select({ number: requests.number, subject: requests.subject, status: requests.status, createdAt: requests.createdAt, updatedAt: requests.updatedAt })
      .from(requests)
      .where(
        and(
          visibleTo(scope, list),
          statuses ? inArray(requests.status, listPlaceholders('status', statuses.length)) : undefined,
          after ? olderThan(requests, p('afterUpdatedAt'), p('afterNumber')) : undefined,
        ),
      )
      .orderBy(...newestActivityFirst(requests))
      .limit(p('limit'))
      .prepare(),
  );
  return statement.all({
    ...bindScope(scope),
    ...listValues('status', statuses ?? []),
    afterUpdatedAt: after?.updatedAt,
    afterNumber: after?.number,
    limit,
  });
}

export async function countVisibleWithStatus(db: Db, scope: MemberScope, list: ListScope, status: StoredStatus): Promise<number> {
  const statement = preparedOnce(db, `count|${list}|${shapeOf(scope)}`, () =>
    db
      .select({ n: count() })
      .from(requests)
      .where(and(visibleTo(scope, list), eq(requests.status, p('status'))))
      .prepare(),
  );
  return statement.get({ ...bindScope(scope), status })!.n;
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
): Promise<CommentOutcome> {
  return commitWithOthers(db, (tx): CommentOutcome => {
    const current = readView(db, scope, number);
    if (!current) return { kind: 'not_found' };
    const status = nextStatus(current.request.status);
    if (!status) return { kind: 'refused', status: current.request.status };
    const commentId = newId('cmt');
    tx.insert(comments).values({ id: commentId, requestId: current.request.id, authorEndUserId: scope.memberId, body, public: true, createdAt: now }).run();
    tx.update(requests)
      .set(transition(current.request, status, now))
      .where(eq(requests.id, current.request.id))
      .run();
    enqueueMail(db, scope.siteId, current.request.id, notify(readRequestView(tx, eq(requests.id, current.request.id), 'all')!), now);
    return { kind: 'done', view: readView(db, scope, number)!, commentId };
  });
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
    return { kind: 'done', view: readView(db, scope, number)! };
  });
}
