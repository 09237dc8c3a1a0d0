/** Uploads' records on SQLite (rows.ts AttachmentRow); claiming them is part of the units that add comments (rules/attachment-claims.ts). */
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { attachments } from './schema.js';
import { claimable, requireAllClaimed } from '../rules/attachment-claims.js';
import type { AttachmentRow } from '../rows.js';
import type { Uploader } from '../types.js';

const siteBytesOf = (db: Db | Tx, siteId: string): number =>
  db
    .select({ bytes: sql<number>`coalesce(sum(${attachments.size}), 0)` })
    .from(attachments)
    .where(eq(attachments.siteId, siteId))
    .get()!.bytes;

export async function addAttachment(db: Db, row: AttachmentRow, quotaBytes: number): Promise<'added' | 'over_quota'> {
  // One writer: the sum and the insert cannot interleave with another upload's.
  return commitWithOthers(db, (tx) => {
    if (siteBytesOf(tx, row.siteId) + row.size > quotaBytes) return 'over_quota';
    tx.insert(attachments).values(row).run();
    return 'added';
  });
}

export async function siteBytes(db: Db, siteId: string): Promise<number> {
  return siteBytesOf(db, siteId);
}

export async function findClaimed(db: Db, id: string): Promise<AttachmentRow | undefined> {
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), isNotNull(attachments.claimedAt)))
    .get();
}

/** Inside a unit (on its `tx`, or on `db`: one connection, group-commit.ts) that just wrote comment `commentId` on request (`requestId`, `number`): claims the uploads, or throws to undo the unit. */
export function claimAttachments(
  tx: Tx | Db,
  claim: { siteId: string; uploader: Uploader; ids: string[] },
  on: { requestId: string; number: number; commentId: string },
  now: string,
): void {
  if (!claim.ids.length) return;
  const claimed = tx
    .update(attachments)
    .set({ requestId: on.requestId, commentId: on.commentId, claimedAt: now })
    .where(claimable(attachments, claim.siteId, claim.uploader, on.number, claim.ids))
    .returning({ id: attachments.id })
    .all();
  requireAllClaimed(claim.ids, claimed);
}

export async function forgetUnclaimedBefore(db: Db, createdBefore: string): Promise<Pick<AttachmentRow, 'siteId' | 'storageKey'>[]> {
  return commitWithOthers(db, (tx) =>
    tx
      .delete(attachments)
      .where(and(isNull(attachments.claimedAt), lt(attachments.createdAt, createdBefore)))
      .returning({ siteId: attachments.siteId, storageKey: attachments.storageKey })
      .all(),
  );
}
