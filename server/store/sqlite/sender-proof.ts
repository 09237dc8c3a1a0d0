/**
 * Typing an address proves nothing. A request sent anonymously under an address is filed under that
 * address's contact record, and a member whose host vouches for the same address is linked to that
 * record (members.ts `memberIdentities`) — so the request counts as the requester's own (in their
 * lists, badge, reads, comments, solving and live events) only once its sender has proven the
 * address: by opening a link mailed to it for that request (the receipt's, or any later mail's to the
 * requester). A member's own request is proven when sent: the host vouched for who sent it.
 * The proof is per request: a later submission under a proven address needs its own, because anyone
 * can type that address again.
 */
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { preparedOnce } from './prepared.js';
import { readRequestById, type RequestView } from './request-view.js';
import { requests } from './schema.js';

type RequestRow = typeof requests.$inferSelect;

/** SQL: the request's sender is proven. */
export const senderProven = isNotNull(requests.senderVerifiedAt);

export const isSenderProven = (request: Pick<RequestRow, 'senderVerifiedAt'>): boolean => request.senderVerifiedAt !== null;

/** The end-user a request counts as its requester's: none while its sender is unproven. */
export const provenRequesterId = (request: Pick<RequestRow, 'requesterId' | 'senderVerifiedAt'>): string | null =>
  isSenderProven(request) ? request.requesterId : null;

/**
 * A mail link for request `number` sent to `endUserId` was opened: if that person is its requester,
 * its sender is proven now, and the request as it now is comes back (for live updates). Undefined
 * when there was nothing to prove: already proven, or the link went to a CC — which proves nothing
 * about who sent the request.
 */
export async function proveSender(db: Db, siteId: string, endUserId: string, number: number, now: string): Promise<RequestView | undefined> {
  const p = sql.placeholder;
  const statement = preparedOnce(db, 'prove-sender', () =>
    db
      .update(requests)
      .set({ senderVerifiedAt: sql`${p('now')}` })
      .where(
        and(eq(requests.siteId, p('siteId')), eq(requests.number, p('number')), eq(requests.requesterId, p('endUserId')), isNull(requests.senderVerifiedAt)),
      )
      .returning({ id: requests.id })
      .prepare(),
  );
  return commitWithOthers(db, () => {
    const proven = statement.get({ siteId, number, endUserId, now });
    return proven && readRequestById(db, proven.id, 'all');
  });
}
