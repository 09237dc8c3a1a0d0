/**
 * Who may see which request: the one definition of it, used by both adapters. Every member query
 * starts from a MemberScope and filters through `visibleTo`, so no route can read, comment on or
 * solve a request the member may not see: for such a request the store finds nothing, exactly as
 * for one that does not exist.
 *
 * The builders take drizzle's base `Column`/`Table` types, so they render on either dialect, and
 * accept placeholders for every value, so SQLite keeps preparing each shape once (prepared.ts).
 *
 * Sender proof: typing an address proves nothing. A request sent anonymously under an address is
 * filed under that address's contact record, and a member whose host vouches for the same address
 * is linked to that record (members.identities) — so the request counts as the requester's own (in
 * their lists, badge, reads, comments, solving and live events) only once its sender has proven the
 * address: by opening a link mailed to it for that request. A member's own request is proven when
 * sent: the host vouched for who sent it. The proof is per request.
 */
import { and, eq, inArray, isNotNull, or, sql, type Column, type Placeholder, type SQL, type Table } from 'drizzle-orm';
import type { RequestRow } from '../rows.js';
import type { ListScope, MemberScope } from '../types.js';
import type { Hints } from './hints.js';

export interface VisibilityTables {
  requests: Table & { id: Column; siteId: Column; number: Column; requesterId: Column; organizationId: Column; senderVerifiedAt: Column };
  requestCcs: Table & { requestId: Column; endUserId: Column };
}

/** A MemberScope's values as the SQL binds them: each may be a placeholder (bound per call) or the value itself. */
export interface ScopeValues {
  siteId: string | Placeholder;
  identities: (string | Placeholder)[];
  /** Null: organization requests do not count for this scope. */
  organizationId: string | Placeholder | null;
  /** Null: not a one-request (email link) session. */
  onlyRequest: number | Placeholder | null;
}

/** The scope's own values, for adapters that bind inline (no prepared shapes). */
export const valuesOf = (scope: MemberScope): ScopeValues => ({
  siteId: scope.siteId,
  identities: scope.identityIds,
  organizationId: scope.organizationId,
  onlyRequest: scope.onlyRequest,
});

export const isSenderProven = (request: Pick<RequestRow, 'senderVerifiedAt'>): boolean => request.senderVerifiedAt !== null;

/** The end-user a request counts as its requester's: none while its sender is unproven. */
export const provenRequesterId = (request: Pick<RequestRow, 'requesterId' | 'senderVerifiedAt'>): string | null =>
  isSenderProven(request) ? request.requesterId : null;

/**
 * The member is the request's requester — through any of their identities, once its sender is proven —
 * in a session of their own: a session from an email link may read and reply, not solve.
 */
export function isRequester(scope: MemberScope, request: Pick<RequestRow, 'requesterId' | 'senderVerifiedAt'>): boolean {
  const requester = provenRequesterId(request);
  return requester !== null && scope.identityIds.includes(requester) && scope.onlyRequest === null;
}

/**
 * The member may rate the request: they are its requester (its sender proven), in a session of their
 * own or in the request's own mail-link session — for a request the scope may see, a one-request
 * session is that request's (visibleTo). A CC may read a rating, never give one.
 */
export function mayRate(scope: MemberScope, request: Pick<RequestRow, 'requesterId' | 'senderVerifiedAt'>): boolean {
  const requester = provenRequesterId(request);
  return requester !== null && scope.identityIds.includes(requester);
}

/**
 * The member is CC'd through one of `identities`. Written as `id IN (…)`, not a correlated EXISTS:
 * the CC index then drives the query, where an EXISTS made SQLite walk every request of the site
 * (0.4 s on a million; bench/api).
 */
export const ccOf = (t: VisibilityTables, identities: (string | Placeholder)[]): SQL =>
  sql`${t.requests.id} IN (SELECT ${t.requestCcs.requestId} FROM ${t.requestCcs} WHERE ${inArray(t.requestCcs.endUserId, identities)})`;

/**
 * What the member may see: requests they opened (once the sender is proven), requests they are
 * CC'd on, and — where the plan allows — their organization's. `only` narrows it to one of those
 * lists (each is a part of the whole). A CC needs no proof: a signed-in member copied that address in.
 */
export function visibleTo(t: VisibilityTables, hints: Hints, scope: ScopeValues, only?: ListScope): SQL {
  const through: Record<ListScope, SQL | undefined> = {
    mine: and(inArray(t.requests.requesterId, scope.identities), isNotNull(t.requests.senderVerifiedAt)),
    ccd: ccOf(t, scope.identities),
    org: scope.organizationId === null ? undefined : eq(t.requests.organizationId, scope.organizationId),
  };
  const allowed = only ? (through[only] ?? hints.falseSql) : or(through.mine, through.ccd, through.org);
  // The site is a filter, never the index to walk: without planner statistics SQLite would otherwise
  // pick the site index over the requester's, and read the whole site (Hints.filterOnly).
  return and(
    sql`${hints.filterOnly(t.requests.siteId)} = ${scope.siteId}`,
    scope.onlyRequest === null ? undefined : eq(t.requests.number, scope.onlyRequest),
    allowed,
  )!;
}
