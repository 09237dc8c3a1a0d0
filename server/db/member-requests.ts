/**
 * Requests as a member sees them. Every query here starts from a MemberScope and filters through
 * `visibleTo(scope)`, so no route can read, comment on or solve a request the member may not see:
 * for such a request these functions find nothing, exactly as for one that does not exist.
 */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { newId } from './ids.js';
import { comments, requestCcs, requests, type StoredStatus } from './schema.js';
import { readRequestView, type RequestView } from './request-view.js';
import { enqueueMail, type MailDraft } from './outbox.js';

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
export type RequestRow = typeof requests.$inferSelect;

// Written as `id IN (…)`, not a correlated EXISTS: the CC index then drives the query, where an
// EXISTS made SQLite walk every request of the site (0.4 s on a million; bench/api).
const ccOf = (identityIds: string[]) =>
  sql`${requests.id} IN (SELECT ${requestCcs.requestId} FROM ${requestCcs} WHERE ${inArray(requestCcs.endUserId, identityIds)})`;

function visibleTo(scope: MemberScope): SQL {
  const who = [inArray(requests.requesterId, scope.identityIds), ccOf(scope.identityIds)];
  if (scope.organizationId) who.push(eq(requests.organizationId, scope.organizationId));
  // `+site_id`: a filter, never the index to walk — without planner statistics SQLite would otherwise
  // pick the site index over the requester's, and read the whole site.
  return and(sql`+${requests.siteId} = ${scope.siteId}`, scope.onlyRequest === null ? undefined : eq(requests.number, scope.onlyRequest), or(...who))!;
}

function inList(scope: MemberScope, list: ListScope): SQL {
  if (list === 'mine') return inArray(requests.requesterId, scope.identityIds);
  if (list === 'ccd') return ccOf(scope.identityIds);
  return scope.organizationId ? eq(requests.organizationId, scope.organizationId) : sql`0`;
}

export interface ListOptions {
  list: ListScope;
  statuses: StoredStatus[] | null;
  /** Position after the last row of the previous page: newest activity first, number breaks ties. */
  after: { updatedAt: string; number: number } | null;
  limit: number;
}

export async function listVisibleRequests(db: Db, scope: MemberScope, options: ListOptions): Promise<RequestRow[]> {
  const { after } = options;
  return db
    .select()
    .from(requests)
    .where(
      and(
        visibleTo(scope),
        inList(scope, options.list),
        options.statuses ? inArray(requests.status, options.statuses) : undefined,
        after ? or(lt(requests.updatedAt, after.updatedAt), and(eq(requests.updatedAt, after.updatedAt), lt(requests.number, after.number))) : undefined,
      ),
    )
    .orderBy(desc(requests.updatedAt), desc(requests.number))
    .limit(options.limit)
    .all();
}

export async function countVisibleWithStatus(db: Db, scope: MemberScope, list: ListScope, status: StoredStatus): Promise<number> {
  return db.$count(requests, and(visibleTo(scope), inList(scope, list), eq(requests.status, status)));
}

const readView = (tx: Tx | Db, scope: MemberScope, number: number) => readRequestView(tx, and(visibleTo(scope), eq(requests.number, number))!, 'public');

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
  return db.transaction((tx): ChangeOutcome => {
    const current = readView(tx, scope, number);
    if (!current) return { kind: 'not_found' };
    const status = nextStatus(current.request.status);
    if (!status) return { kind: 'refused', status: current.request.status };
    const commentId = newId('cmt');
    tx.insert(comments).values({ id: commentId, requestId: current.request.id, authorEndUserId: scope.memberId, body, public: true, createdAt: now }).run();
    tx.update(requests).set({ status, updatedAt: now, solvedAt: status === 'solved' ? current.request.solvedAt : null }).where(eq(requests.id, current.request.id)).run();
    enqueueMail(tx, scope.siteId, current.request.id, notify(readRequestView(tx, eq(requests.id, current.request.id), 'all')!), now);
    return { kind: 'done', view: readView(tx, scope, number)!, commentId };
  });
}

/** "Mark as solved": only the requester (any of the member's identities) may, and only from an open state. */
export async function solveAsRequester(
  db: Db,
  scope: MemberScope,
  number: number,
  now: string,
  canSolve: (current: StoredStatus) => boolean,
): Promise<ChangeOutcome> {
  return db.transaction((tx): ChangeOutcome => {
    const current = readView(tx, scope, number);
    if (!current) return { kind: 'not_found' };
    const requester = scope.identityIds.includes(current.request.requesterId) && scope.onlyRequest === null;
    if (!requester || !canSolve(current.request.status)) return { kind: 'refused', status: current.request.status };
    tx.update(requests).set({ status: 'solved', solvedAt: now, updatedAt: now }).where(eq(requests.id, current.request.id)).run();
    return { kind: 'done', view: readView(tx, scope, number)! };
  });
}
