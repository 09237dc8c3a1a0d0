/**
 * Reads one request with everything shown about it — category, requester, organization, CCs and
 * the conversation (rules/view.ts assembles it, from the reads of rules/view-reads.ts) — for
 * whichever side asks. Members get public comments only; agents get internal notes too. Who may
 * read which request is decided by the caller's `where`.
 */
import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { preparedOnce } from './prepared.js';
import { agents, attachments, categories, comments, endUsers, organizations, requestCcs, requestRatings, requests } from './schema.js';
import { assemble } from '../rules/view.js';
import { ccsRead, filesRead, headRead, threadRead, type Thread } from '../rules/view-reads.js';
import type { RequestView } from '../types.js';

const tables = { requests, categories, organizations, endUsers, requestCcs, comments, agents, attachments, requestRatings };
const head = headRead(tables);

const headQuery = (db: Tx | Db, where: SQL) =>
  db
    .select(head.columns)
    .from(requests)
    .innerJoin(categories, head.category)
    .innerJoin(endUsers, head.requester)
    .leftJoin(organizations, head.organization)
    .leftJoin(requestRatings, head.rating)
    .where(where);

const ccsQuery = (db: Tx | Db, requestId: string | Placeholder) => {
  const ccParts = ccsRead(tables, requestId);
  return db
    .select(ccParts.columns)
    .from(requestCcs)
    .innerJoin(endUsers, ccParts.person)
    .where(ccParts.where)
    .orderBy(...ccParts.order);
};

const threadQuery = (db: Tx | Db, requestId: string | Placeholder, which: Thread) => {
  const threadParts = threadRead(tables, requestId, which);
  return db
    .select(threadParts.columns)
    .from(comments)
    .leftJoin(endUsers, threadParts.customer)
    .leftJoin(agents, threadParts.agent)
    .where(threadParts.where)
    .orderBy(...threadParts.order);
};

const filesQuery = (db: Tx | Db, requestId: string | Placeholder) => {
  const fileParts = filesRead(tables, requestId);
  return db
    .select(fileParts.columns)
    .from(attachments)
    .where(fileParts.where)
    .orderBy(...fileParts.order);
};

/** The request `where` finds (values inline), read now — inside a unit, on its `tx`. */
export function readRequestView(tx: Tx | Db, where: SQL, which: Thread): RequestView | undefined {
  const found = headQuery(tx, where).get();
  return found && assemble(found, ccsQuery(tx, found.request.id).all(), threadQuery(tx, found.request.id, which).all(), filesQuery(tx, found.request.id).all());
}

/**
 * The same read on statements prepared once (see prepared.ts), for the hot paths: `where` is built
 * with placeholders, once per `shape`, and `values` are bound to them on every call. Inside a unit
 * these run on the one connection and so see the unit's writes (group-commit.ts).
 */
export function readRequestViewPrepared(db: Db, shape: string, where: () => SQL, values: Record<string, unknown>, which: Thread): RequestView | undefined {
  const found = preparedOnce(db, `view-head|${shape}`, () => headQuery(db, where()).prepare()).get(values);
  if (!found) return undefined;
  const requestId = { requestId: found.request.id };
  const ccs = preparedOnce(db, 'view-ccs', () => ccsQuery(db, sql.placeholder('requestId')).prepare()).all(requestId);
  const thread = preparedOnce(db, `view-thread|${which}`, () => threadQuery(db, sql.placeholder('requestId'), which).prepare()).all(requestId);
  const files = preparedOnce(db, 'view-files', () => filesQuery(db, sql.placeholder('requestId')).prepare()).all(requestId);
  return assemble(found, ccs, thread, files);
}

/** One request by its id, on prepared statements. */
export const readRequestById = (db: Db, id: string, which: Thread) =>
  readRequestViewPrepared(db, 'by-id', () => eq(requests.id, sql.placeholder('id')), { id }, which);
