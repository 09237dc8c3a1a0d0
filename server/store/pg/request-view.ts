/**
 * Reads one request with everything shown about it (rules/view.ts assembles it, from the reads
 * of rules/view-reads.ts): the head, its CCs and its thread — public comments only for members,
 * internal notes too for agents. Who may read which request is the caller's key (rules/visibility.ts
 * for members), read on statements prepared once per shape and connection (prepared.ts).
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { assemble } from '../rules/view.js';
import { ccsRead, filesRead, headRead, threadRead, type Thread } from '../rules/view-reads.js';
import type { RequestView } from '../types.js';
import type { PgSession } from './client.js';
import { preparedOnce } from './prepared.js';
import { agents, attachments, categories, comments, endUsers, organizations, requestCcs, requestRatings, requests } from './schema.js';

const tables = { requests, categories, organizations, endUsers, requestCcs, comments, agents, attachments, requestRatings };
const head = headRead(tables);
const p = sql.placeholder;

/**
 * Which request a view read finds, as a prepared statement binds it (prepared.ts): `where` is built
 * with placeholders once per `shape`, and `values` fill them on every call.
 */
export interface ViewKey {
  shape: string;
  where: () => SQL;
  values: Record<string, unknown>;
}

export const byId = (id: string): ViewKey => ({ shape: 'by-id', where: () => eq(requests.id, p('id')), values: { id } });

/** The request `key` finds, as it is now inside the session — `forUpdate` also locks its row until the unit ends. */
export async function readHead(session: PgSession, key: ViewKey, lock?: 'forUpdate') {
  const statement = preparedOnce(session, `view-head|${key.shape}|${lock ?? 'read'}`, (db, name) => {
    const query = db
      .select(head.columns)
      .from(requests)
      .innerJoin(categories, head.category)
      .innerJoin(endUsers, head.requester)
      .leftJoin(organizations, head.organization)
      .leftJoin(requestRatings, head.rating)
      .where(key.where());
    // Only the request row is locked: the joined rows are read, not changed.
    return (lock ? query.for('update', { of: requests }) : query).prepare(name);
  });
  const [found] = await statement.execute(key.values);
  return found;
}

export type Head = NonNullable<Awaited<ReturnType<typeof readHead>>>;

/** The rest of the view of a head already read in the session. */
export async function completeView(session: PgSession, found: Head, which: Thread): Promise<RequestView> {
  const requestId = { requestId: found.request.id };
  const ccs = preparedOnce(session, 'view-ccs', (db, name) => {
    const ccParts = ccsRead(tables, p('requestId'));
    return db
      .select(ccParts.columns)
      .from(requestCcs)
      .innerJoin(endUsers, ccParts.person)
      .where(ccParts.where)
      .orderBy(...ccParts.order)
      .prepare(name);
  });
  const thread = preparedOnce(session, `view-thread|${which}`, (db, name) => {
    const threadParts = threadRead(tables, p('requestId'), which);
    return db
      .select(threadParts.columns)
      .from(comments)
      .leftJoin(endUsers, threadParts.customer)
      .leftJoin(agents, threadParts.agent)
      .where(threadParts.where)
      .orderBy(...threadParts.order)
      .prepare(name);
  });
  const files = preparedOnce(session, 'view-files', (db, name) => {
    const fileParts = filesRead(tables, p('requestId'));
    return db
      .select(fileParts.columns)
      .from(attachments)
      .where(fileParts.where)
      .orderBy(...fileParts.order)
      .prepare(name);
  });
  return assemble(found, await ccs.execute(requestId), await thread.execute(requestId), await files.execute(requestId));
}

export async function readView(session: PgSession, key: ViewKey, which: Thread): Promise<RequestView | undefined> {
  const found = await readHead(session, key);
  return found && completeView(session, found, which);
}
