/**
 * Reads one request with everything shown about it — category, requester, organization, CCs and
 * the conversation — for whichever side asks. Members get public comments only; agents get
 * internal notes too. Who may read which request is decided by the caller's `where`.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { agents, categories, comments, endUsers, organizations, requestCcs, requests } from './schema.js';

export type RequestRow = typeof requests.$inferSelect;

export interface Person {
  id: string;
  name: string | null;
  email: string;
  emailVerified: boolean;
  /** The member's id on the host; null for people known only by email. */
  externalId: string | null;
}

export interface RequestView {
  request: RequestRow;
  categoryName: string;
  requester: Person;
  organizationName: string | null;
  ccs: Person[];
  comments: { id: string; body: string; public: boolean; createdAt: string; authorEndUserId: string | null; authorName: string; byAgent: boolean }[];
}

export function readRequestView(tx: Tx | Db, where: SQL, comments_: 'public' | 'all'): RequestView | undefined {
  const found = tx
    .select({ request: requests, categoryName: categories.name, organizationName: organizations.name, requester: endUsers })
    .from(requests)
    .innerJoin(categories, eq(categories.id, requests.categoryId))
    .innerJoin(endUsers, eq(endUsers.id, requests.requesterId))
    .leftJoin(organizations, eq(organizations.id, requests.organizationId))
    .where(where)
    .get();
  if (!found) return undefined;
  const ccs = tx
    .select({ id: endUsers.id, name: endUsers.name, email: endUsers.email, emailVerified: endUsers.emailVerified, externalId: endUsers.externalId })
    .from(requestCcs)
    .innerJoin(endUsers, eq(endUsers.id, requestCcs.endUserId))
    .where(eq(requestCcs.requestId, found.request.id))
    .orderBy(asc(requestCcs.createdAt), asc(endUsers.email))
    .all();
  const thread = tx
    .select({
      id: comments.id,
      body: comments.body,
      public: comments.public,
      createdAt: comments.createdAt,
      authorEndUserId: comments.authorEndUserId,
      customerName: endUsers.name,
      customerEmail: endUsers.email,
      agentName: agents.name,
    })
    .from(comments)
    .leftJoin(endUsers, eq(endUsers.id, comments.authorEndUserId))
    .leftJoin(agents, eq(agents.id, comments.authorAgentId))
    .where(and(eq(comments.requestId, found.request.id), comments_ === 'public' ? eq(comments.public, true) : undefined))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .all();
  const { requester } = found;
  return {
    request: found.request,
    categoryName: found.categoryName,
    requester: { id: requester.id, name: requester.name, email: requester.email, emailVerified: requester.emailVerified, externalId: requester.externalId },
    organizationName: found.organizationName,
    ccs,
    comments: thread.map((c) => ({
      id: c.id,
      body: c.body,
      public: c.public,
      createdAt: c.createdAt,
      authorEndUserId: c.authorEndUserId,
      authorName: c.agentName ?? c.customerName ?? c.customerEmail ?? 'Customer',
      byAgent: c.agentName !== null,
    })),
  };
}
