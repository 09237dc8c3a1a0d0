/**
 * Reads one request with everything shown about it (rules/view.ts assembles it, from the reads
 * of rules/view-reads.ts): the head, its CCs and its thread — public comments only for members,
 * internal notes too for agents. Who may read which request is the caller's `where`
 * (rules/visibility.ts for members).
 */
import type { SQL } from 'drizzle-orm';
import { assemble } from '../rules/view.js';
import { ccsRead, headRead, threadRead, type Thread } from '../rules/view-reads.js';
import type { RequestView } from '../types.js';
import type { PgTx } from './client.js';
import { agents, categories, comments, endUsers, organizations, requestCcs, requests } from './schema.js';

const tables = { requests, categories, organizations, endUsers, requestCcs, comments, agents };
const head = headRead(tables);

/** The request `where` finds, as it is now inside `tx` — `forUpdate` also locks its row until the unit ends. */
export async function readHead(tx: PgTx, where: SQL, lock?: 'forUpdate') {
  const query = tx
    .select(head.columns)
    .from(requests)
    .innerJoin(categories, head.category)
    .innerJoin(endUsers, head.requester)
    .leftJoin(organizations, head.organization)
    .where(where);
  // Only the request row is locked: the joined rows are read, not changed.
  const [found] = await (lock ? query.for('update', { of: requests }) : query);
  return found;
}

export type Head = NonNullable<Awaited<ReturnType<typeof readHead>>>;

/** The rest of the view of a head already read in `tx`. */
export async function completeView(tx: PgTx, found: Head, which: Thread): Promise<RequestView> {
  const ccParts = ccsRead(tables, found.request.id);
  const ccs = await tx
    .select(ccParts.columns)
    .from(requestCcs)
    .innerJoin(endUsers, ccParts.person)
    .where(ccParts.where)
    .orderBy(...ccParts.order);
  const threadParts = threadRead(tables, found.request.id, which);
  const thread = await tx
    .select(threadParts.columns)
    .from(comments)
    .leftJoin(endUsers, threadParts.customer)
    .leftJoin(agents, threadParts.agent)
    .where(threadParts.where)
    .orderBy(...threadParts.order);
  return assemble(found, ccs, thread);
}

export async function readView(tx: PgTx, where: SQL, which: Thread): Promise<RequestView | undefined> {
  const found = await readHead(tx, where);
  return found && completeView(tx, found, which);
}
