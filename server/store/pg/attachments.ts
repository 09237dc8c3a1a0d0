/** Uploads' records on PostgreSQL (rows.ts AttachmentRow); claiming them is part of the units that add comments (rules/attachment-claims.ts). */
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { PgSession, PgTx } from './client.js';
import { attachments, sites } from './schema.js';
import { claimable, requireAllClaimed } from '../rules/attachment-claims.js';
import type { AttachmentRow } from '../rows.js';
import type { Uploader } from '../types.js';

export async function siteBytes(session: PgSession, siteId: string): Promise<number> {
  const [row] = await session
    .select({ bytes: sql<string>`coalesce(sum(${attachments.size}), 0)` })
    .from(attachments)
    .where(eq(attachments.siteId, siteId));
  return Number(row!.bytes);
}

export async function add(tx: PgTx, row: AttachmentRow, quotaBytes: number): Promise<'added' | 'over_quota'> {
  // The site's row locked first: two instances' uploads cannot both fit in the last of a quota.
  await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, row.siteId)).for('update');
  if ((await siteBytes(tx, row.siteId)) + row.size > quotaBytes) return 'over_quota';
  await tx.insert(attachments).values(row);
  return 'added';
}

export async function findClaimed(session: PgSession, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await session
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), isNotNull(attachments.claimedAt)));
  return row;
}

/** Inside a unit that just wrote comment `commentId` on request (`requestId`, `number`): claims the uploads, or throws to undo the unit. */
export async function claimAttachments(
  tx: PgTx,
  claim: { siteId: string; uploader: Uploader; ids: string[] },
  on: { requestId: string; number: number; commentId: string },
  now: string,
): Promise<void> {
  if (!claim.ids.length) return;
  // The row locks of the UPDATE make two messages racing for one upload meet: the second finds it claimed.
  const claimed = await tx
    .update(attachments)
    .set({ requestId: on.requestId, commentId: on.commentId, claimedAt: now })
    .where(claimable(attachments, claim.siteId, claim.uploader, on.number, claim.ids))
    .returning({ id: attachments.id });
  requireAllClaimed(claim.ids, claimed);
}

export async function forgetUnclaimedBefore(session: PgSession, createdBefore: string): Promise<Pick<AttachmentRow, 'siteId' | 'storageKey'>[]> {
  return session
    .delete(attachments)
    .where(and(isNull(attachments.claimedAt), lt(attachments.createdAt, createdBefore)))
    .returning({ siteId: attachments.siteId, storageKey: attachments.storageKey });
}
