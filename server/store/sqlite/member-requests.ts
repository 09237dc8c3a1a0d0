/**
 * Requests as a member sees them. Every query here starts from a MemberScope and filters through
 * `visibleTo(scope)`, so no route can read, comment on or solve a request the member may not see:
 * for such a request these functions find nothing, exactly as for one that does not exist.
 */
import { and, count, eq, inArray, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { newId } from './ids.js';
import { comments, requestCcs, requests, type StoredStatus } from './schema.js';
import { readRequestView, readRequestViewPrepared, type RequestView } from './request-view.js';
import { listPlaceholders, listValues, preparedOnce } from './prepared.js';
import { newestActivityFirst, olderThan } from './activity-order.js';
import { enqueueMail, type MailDraft } from './outbox.js';
import { provenRequesterId, senderProven } from './sender-proof.js';

export type { RequestView };

export interface MemberScope {
  siteId: string;
  memberId: string;
  /** The member's own record plus linked contact records (see memberIdentities). */
  identityIds: string[];
  /** Set only where the site's plan lets organization members see each other's requests. */
  organizationId: string | null;
  /** A session from an email link sees this one request and nothing else. */
  onlyRequest: number | null;
}

export type ListScope = 'mine' | 'ccd' | 'org';
/** What a list shows of each request (no `fields`: their JSON is not needed until it is opened). */
export type RequestListRow = Pick<typeof requests.$inferSelect, 'number' | 'subject' | 'status' | 'createdAt' | 'updatedAt'>;

// Written as `id IN (…)`, not a correlated EXISTS: the CC index then drives the query, where an
// EXISTS made SQLite walk every request of the site (0.4 s on a million; bench/api).
const ccOf = (identities: Placeholder[]) =>
  sql`${requests.id} IN (SELECT ${requestCcs.requestId} FROM ${requestCcs} WHERE ${inArray(requestCcs.endUserId, identities)})`;

/*
 * Member queries run on statements prepared once per shape (prepared.ts): the SQL below is written
 * with placeholders, and `bindScope` gives their values. A scope's shape is what changes the SQL:
 * how many identities, whether organization requests count, whether it is a one-request session.
 */
const p = sql.placeholder;
const identitiesOf = (scope: MemberScope) => listPlaceholders('identity', scope.identityIds.length);
const shapeOf = (scope: MemberScope) => `${scope.identityIds.length}|${scope.organizationId ? 'org' : '-'}|${scope.onlyRequest === null ? 'all' : 'one'}`;
const bindScope = (scope: MemberScope) => ({
  siteId: scope.siteId,
  organizationId: scope.organizationId,
  onlyRequest: scope.onlyRequest,
  ...listValues('identity', scope.identityIds),
});

/**
 * What the member may see: requests they opened, requests they are CC'd on, and — where the plan
 * allows — their organization's. `only` narrows it to one of those lists (each is a part of the whole).
 * A request someone sent under one of the member's addresses is theirs only once its sender proved
 * that address (sender-proof.ts). A CC needs no such proof: a signed-in member copied that address in.
 */
function visibleTo(scope: MemberScope, only?: ListScope): SQL {
  const identities = identitiesOf(scope);
  const through: Record<ListScope, SQL | undefined> = {
    mine: and(inArray(requests.requesterId, identities), senderProven),
    ccd: ccOf(identities),
    org: scope.organizationId ? eq(requests.organizationId, p('organizationId')) : undefined,
  };
  const allowed = only ? (through[only] ?? sql`0`) : or(through.mine, through.ccd, through.org);
  // `+site_id`: a filter, never the index to walk — without planner statistics SQLite would otherwise
  // pick the site index over the requester's, and read the whole site.
  return and(sql`+${requests.siteId} = ${p('siteId')}`, scope.onlyRequest === null ? undefined : eq(requests.number, p('onlyRequest')), allowed)!;
}

export interface ListOptions {
  list: ListScope;
  statuses: StoredStatus[] | null;
  /** Position after the last row of the previous page: newest activity first, number breaks ties. */
  after: { updatedAt: string; number: number } | null;
  limit: number;
}

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
          after ? olderThan(p('afterUpdatedAt'), p('afterNumber')) : undefined,
        ),
      )
      .orderBy(...newestActivityFirst)
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

// Also called inside `db.transaction`, with `db`: a prepared statement runs on the one connection,
// so it reads the transaction's own writes.
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

export type ChangeOutcome = { kind: 'done'; view: RequestView; commentId?: string } | { kind: 'not_found' } | { kind: 'refused'; status: StoredStatus };

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
  nextStatus: (current: StoredStatus) => StoredStatus | null,
  notify: (view: RequestView) => MailDraft[],
): Promise<ChangeOutcome> {
  return commitWithOthers(db, (tx): ChangeOutcome => {
    const current = readView(db, scope, number);
    if (!current) return { kind: 'not_found' };
    const status = nextStatus(current.request.status);
    if (!status) return { kind: 'refused', status: current.request.status };
    const commentId = newId('cmt');
    tx.insert(comments).values({ id: commentId, requestId: current.request.id, authorEndUserId: scope.memberId, body, public: true, createdAt: now }).run();
    tx.update(requests)
      .set({ status, updatedAt: now, solvedAt: status === 'solved' ? current.request.solvedAt : null })
      .where(eq(requests.id, current.request.id))
      .run();
    enqueueMail(db, scope.siteId, current.request.id, notify(readRequestView(tx, eq(requests.id, current.request.id), 'all')!), now);
    return { kind: 'done', view: readView(db, scope, number)!, commentId };
  });
}

/**
 * The member is the request's requester — through any of their identities, once its sender is proven —
 * in a session of their own: a session from an email link may read and reply, not solve.
 */
export function isRequester(scope: MemberScope, request: Pick<RequestView['request'], 'requesterId' | 'senderVerifiedAt'>): boolean {
  const requester = provenRequesterId(request);
  return requester !== null && scope.identityIds.includes(requester) && scope.onlyRequest === null;
}

/** "Mark as solved": only the requester (see isRequester) may, and only from an open state. */
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
    tx.update(requests).set({ status: 'solved', solvedAt: now, updatedAt: now }).where(eq(requests.id, current.request.id)).run();
    return { kind: 'done', view: readView(db, scope, number)! };
  });
}
