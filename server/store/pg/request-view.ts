/**
 * Reads one request with everything shown about it (rules/view.ts assembles it): the head, its
 * CCs and its thread — public comments only for members, internal notes too for agents. Who may
 * read which request is the caller's `where` (rules/visibility.ts for members).
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { assemble } from '../rules/view.js';
import type { RequestView } from '../types.js';
import type { PgTx } from './client.js';
import { agents, categories, comments, endUsers, organizations, requestCcs, requests } from './schema.js';

export type Thread = 'public' | 'all';

/** The request `where` finds, as it is now inside `tx` — `forUpdate` also locks its row until the unit ends. */
export async function readHead(tx: PgTx, where: SQL, lock?: 'forUpdate') {
  const query = tx
    .select({
      request: requests,
      categoryName: categories.name,
      organizationName: organizations.name,
      requester: { id: endUsers.id, name: endUsers.name, email: endUsers.email, emailVerified: endUsers.emailVerified, externalId: endUsers.externalId },
    })
    .from(requests)
    .innerJoin(categories, eq(categories.id, requests.categoryId))
    .innerJoin(endUsers, eq(endUsers.id, requests.requesterId))
    .leftJoin(organizations, eq(organizations.id, requests.organizationId))
    .where(where);
  // Only the request row is locked: the joined rows are read, not changed.
  const [head] = await (lock ? query.for('update', { of: requests }) : query);
  return head;
}

export type Head = NonNullable<Awaited<ReturnType<typeof readHead>>>;

/** The rest of the view of a head already read in `tx`. */
export async function completeView(tx: PgTx, head: Head, which: Thread): Promise<RequestView> {
  const requestId = head.request.id;
  const ccs = await tx
    .select({ id: endUsers.id, name: endUsers.name, email: endUsers.email, emailVerified: endUsers.emailVerified, externalId: endUsers.externalId })
    .from(requestCcs)
    .innerJoin(endUsers, eq(endUsers.id, requestCcs.endUserId))
    .where(eq(requestCcs.requestId, requestId))
    .orderBy(asc(requestCcs.createdAt), asc(endUsers.email));
  const thread = await tx
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
    .where(and(eq(comments.requestId, requestId), which === 'public' ? eq(comments.public, true) : undefined))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  return assemble(head, ccs, thread);
}

export async function readView(tx: PgTx, where: SQL, which: Thread): Promise<RequestView | undefined> {
  const head = await readHead(tx, where);
  return head && completeView(tx, head, which);
}
