/**
 * Reads one request with everything shown about it — category, requester, organization, CCs and
 * the conversation (rules/view.ts assembles it) — for whichever side asks. Members get public
 * comments only; agents get internal notes too. Who may read which request is decided by the caller's `where`.
 */
import { and, asc, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { preparedOnce } from './prepared.js';
import { agents, categories, comments, endUsers, organizations, requestCcs, requests } from './schema.js';
import { assemble } from '../rules/view.js';
import type { RequestView } from '../types.js';

const headQuery = (db: Tx | Db, where: SQL) =>
  db
    .select({ request: requests, categoryName: categories.name, organizationName: organizations.name, requester: endUsers })
    .from(requests)
    .innerJoin(categories, eq(categories.id, requests.categoryId))
    .innerJoin(endUsers, eq(endUsers.id, requests.requesterId))
    .leftJoin(organizations, eq(organizations.id, requests.organizationId))
    .where(where);

const ccsQuery = (db: Tx | Db, requestId: string | Placeholder) =>
  db
    .select({ id: endUsers.id, name: endUsers.name, email: endUsers.email, emailVerified: endUsers.emailVerified, externalId: endUsers.externalId })
    .from(requestCcs)
    .innerJoin(endUsers, eq(endUsers.id, requestCcs.endUserId))
    .where(eq(requestCcs.requestId, requestId))
    .orderBy(asc(requestCcs.createdAt), asc(endUsers.email));

const threadQuery = (db: Tx | Db, requestId: string | Placeholder, which: 'public' | 'all') =>
  db
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

/** The request `where` finds (values inline), read now — inside a unit, on its `tx`. */
export function readRequestView(tx: Tx | Db, where: SQL, which: 'public' | 'all'): RequestView | undefined {
  const found = headQuery(tx, where).get();
  return found && assemble(found, ccsQuery(tx, found.request.id).all(), threadQuery(tx, found.request.id, which).all());
}

/**
 * The same read on statements prepared once (see prepared.ts), for the hot paths: `where` is built
 * with placeholders, once per `shape`, and `values` are bound to them on every call. Inside a unit
 * these run on the one connection and so see the unit's writes (group-commit.ts).
 */
export function readRequestViewPrepared(
  db: Db,
  shape: string,
  where: () => SQL,
  values: Record<string, unknown>,
  which: 'public' | 'all',
): RequestView | undefined {
  const found = preparedOnce(db, `view-head|${shape}`, () => headQuery(db, where()).prepare()).get(values);
  if (!found) return undefined;
  const requestId = { requestId: found.request.id };
  const ccs = preparedOnce(db, 'view-ccs', () => ccsQuery(db, sql.placeholder('requestId')).prepare()).all(requestId);
  const thread = preparedOnce(db, `view-thread|${which}`, () => threadQuery(db, sql.placeholder('requestId'), which).prepare()).all(requestId);
  return assemble(found, ccs, thread);
}

/** One request by its id, on prepared statements. */
export const readRequestById = (db: Db, id: string, which: 'public' | 'all') =>
  readRequestViewPrepared(db, 'by-id', () => eq(requests.id, sql.placeholder('id')), { id }, which);
