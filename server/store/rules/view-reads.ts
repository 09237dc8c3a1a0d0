/**
 * The three reads a RequestView is assembled from (view.ts) — the head, the CCs, the thread —
 * written once: their columns, joins, filters and order. Each adapter chains them in its own
 * dialect (a select builder is dialect-typed), so what a view shows cannot differ between engines.
 *
 * The builders take drizzle's base `Column`/`Table` types, so they render on either dialect, and
 * are generic in the tables, so each adapter's select keeps its rows typed (the column types say
 * which of the adapter's columns they hand back: TypeScript would widen them to `Column`). Request
 * ids may be placeholders, so SQLite prepares the CC and thread reads once (sqlite/request-view.ts).
 */
import { and, asc, eq, sql, type Column, type Placeholder, type SQL, type Table } from 'drizzle-orm';

export type Thread = 'public' | 'all';

type PersonTable = Table & { id: Column; name: Column; email: Column; emailVerified: Column; externalId: Column; locale: Column };

export interface ViewTables {
  requests: Table & { id: Column; number: Column; categoryId: Column; requesterId: Column; organizationId: Column; followUpOf: Column };
  categories: Table & { id: Column; name: Column };
  organizations: Table & { id: Column; name: Column };
  endUsers: PersonTable;
  requestCcs: Table & { requestId: Column; endUserId: Column; createdAt: Column };
  comments: Table & {
    id: Column;
    requestId: Column;
    body: Column;
    public: Column;
    createdAt: Column;
    authorEndUserId: Column;
    authorAgentId: Column;
    sentFrom: Column;
  };
  agents: Table & { id: Column; name: Column };
  attachments: Table & { id: Column; requestId: Column; commentId: Column; name: Column; size: Column; contentType: Column; createdAt: Column };
  requestRatings: Table & { requestId: Column; score: Column; comment: Column; ratedAt: Column };
}

/** An end-user as a view shows them (Person): never their site or timestamps. */
export type PersonColumns<E extends PersonTable> = Pick<E, 'id' | 'name' | 'email' | 'emailVerified' | 'externalId' | 'locale'>;

export const personColumns = <E extends PersonTable>(endUsers: E): PersonColumns<E> => ({
  id: endUsers.id,
  name: endUsers.name,
  email: endUsers.email,
  emailVerified: endUsers.emailVerified,
  externalId: endUsers.externalId,
  locale: endUsers.locale,
});

// How a request reaches what it names; the agents' queue joins the same way (agent-queue.ts).
export const categoryOf = (t: Pick<ViewTables, 'requests' | 'categories'>): SQL => eq(t.categories.id, t.requests.categoryId);
export const requesterOf = (t: Pick<ViewTables, 'requests' | 'endUsers'>): SQL => eq(t.endUsers.id, t.requests.requesterId);
export const organizationOf = (t: Pick<ViewTables, 'requests' | 'organizations'>): SQL => eq(t.organizations.id, t.requests.organizationId);
export const ratingOf = (t: Pick<ViewTables, 'requests' | 'requestRatings'>): SQL => eq(t.requestRatings.requestId, t.requests.id);

/** The number of the request this one follows up (by its primary key, so at most one row), or null. */
const followUpOfNumber = (requests: ViewTables['requests']) =>
  sql<
    number | null
  >`(SELECT f.${sql.identifier(requests.number.name)} FROM ${requests} AS f WHERE f.${sql.identifier(requests.id.name)} = ${requests.followUpOf})`.as(
    'follow_up_of_number',
  );

/** The head (ViewHead): the request row, its category's and organization's names, its requester, its rating; the caller's `where` picks the request. */
export const headRead = <T extends ViewTables>(
  t: T,
): {
  columns: {
    request: T['requests'];
    categoryName: T['categories']['name'];
    organizationName: T['organizations']['name'];
    requester: PersonColumns<T['endUsers']>;
    followUpOfNumber: SQL.Aliased<number | null>;
    ratingScore: T['requestRatings']['score'];
    ratingComment: T['requestRatings']['comment'];
    ratedAt: T['requestRatings']['ratedAt'];
  };
  category: SQL;
  requester: SQL;
  organization: SQL;
  /** Left-joined: most requests are not rated. */
  rating: SQL;
} => ({
  columns: {
    request: t.requests,
    categoryName: t.categories.name,
    organizationName: t.organizations.name,
    requester: personColumns(t.endUsers),
    followUpOfNumber: followUpOfNumber(t.requests),
    ratingScore: t.requestRatings.score,
    ratingComment: t.requestRatings.comment,
    ratedAt: t.requestRatings.ratedAt,
  },
  category: categoryOf(t),
  requester: requesterOf(t),
  organization: organizationOf(t),
  rating: ratingOf(t),
});

/** The CCs of one request, as people, in the order they were added (then by email). */
export const ccsRead = <T extends Pick<ViewTables, 'requestCcs' | 'endUsers'>>(
  t: T,
  requestId: string | Placeholder,
): { columns: PersonColumns<T['endUsers']>; person: SQL; where: SQL; order: readonly [SQL, SQL] } => ({
  columns: personColumns(t.endUsers),
  person: eq(t.endUsers.id, t.requestCcs.endUserId),
  where: eq(t.requestCcs.requestId, requestId),
  order: [asc(t.requestCcs.createdAt), asc(t.endUsers.email)],
});

/**
 * One request's thread — public comments only, or internal notes too — by time, then id: each
 * comment with what names its author (ThreadRow), a customer or an agent, both left-joined.
 */
export const threadRead = <T extends Pick<ViewTables, 'comments' | 'endUsers' | 'agents'>>(
  t: T,
  requestId: string | Placeholder,
  which: Thread,
): {
  columns: Pick<T['comments'], 'id' | 'body' | 'public' | 'createdAt' | 'authorEndUserId' | 'sentFrom'> & {
    customerName: T['endUsers']['name'];
    customerEmail: T['endUsers']['email'];
    agentName: T['agents']['name'];
  };
  customer: SQL;
  agent: SQL;
  where: SQL | undefined;
  order: readonly [SQL, SQL];
} => ({
  columns: {
    id: t.comments.id,
    body: t.comments.body,
    public: t.comments.public,
    createdAt: t.comments.createdAt,
    authorEndUserId: t.comments.authorEndUserId,
    sentFrom: t.comments.sentFrom,
    customerName: t.endUsers.name,
    customerEmail: t.endUsers.email,
    agentName: t.agents.name,
  },
  customer: eq(t.endUsers.id, t.comments.authorEndUserId),
  agent: eq(t.agents.id, t.comments.authorAgentId),
  where: and(eq(t.comments.requestId, requestId), which === 'public' ? eq(t.comments.public, true) : undefined),
  order: [asc(t.comments.createdAt), asc(t.comments.id)],
});

/** The files claimed on one request, in upload order; view.ts hands each to its comment (a member's view lists public comments only, so only their files). */
export const filesRead = <T extends Pick<ViewTables, 'attachments'>>(
  t: T,
  requestId: string | Placeholder,
): {
  columns: Pick<T['attachments'], 'id' | 'commentId' | 'name' | 'size' | 'contentType'>;
  where: SQL;
  order: readonly [SQL, SQL];
} => ({
  columns: {
    id: t.attachments.id,
    commentId: t.attachments.commentId,
    name: t.attachments.name,
    size: t.attachments.size,
    contentType: t.attachments.contentType,
  },
  where: eq(t.attachments.requestId, requestId),
  order: [asc(t.attachments.createdAt), asc(t.attachments.id)],
});
