/** Mail in on PostgreSQL: the twin of sqlite/inbound.ts (rules/inbound.ts says what unverified mail is). */
import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { PgSession, PgTx } from './client.js';
import { attachments, blockedSenders, endUsers, inboundSettings, replyAddresses, requests, sites } from './schema.js';
import { isUnverifiedMail } from '../rules/inbound.js';
import type { BlockedSenderRow, InboundSettingRow } from '../rows.js';
import type { InboundStore, ReplyTarget } from '../types.js';

type UnverifiedMailEmptied = Awaited<ReturnType<InboundStore['emptyUnverifiedMail']>>;

/** Two senders racing on one pair meet at the unique index: the second's insert waits, does nothing, and reads the first's key. */
export async function replyKey(tx: PgTx, siteId: string, requestId: string, endUserId: string, now: string): Promise<string> {
  await tx
    .insert(replyAddresses)
    .values({ key: randomBytes(10).toString('hex'), siteId, requestId, endUserId, createdAt: now })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ key: replyAddresses.key })
    .from(replyAddresses)
    .where(and(eq(replyAddresses.requestId, requestId), eq(replyAddresses.endUserId, endUserId)));
  return row!.key;
}

export async function findReplyTarget(tx: PgSession, key: string): Promise<ReplyTarget | undefined> {
  const [row] = await tx
    .select({
      siteId: replyAddresses.siteId,
      siteSlug: sites.slug,
      requestId: requests.id,
      number: requests.number,
      status: requests.status,
      categoryId: requests.categoryId,
      recipient: { id: endUsers.id, email: endUsers.email, externalId: endUsers.externalId, organizationId: endUsers.organizationId },
    })
    .from(replyAddresses)
    .innerJoin(requests, eq(requests.id, replyAddresses.requestId))
    .innerJoin(endUsers, eq(endUsers.id, replyAddresses.endUserId))
    .innerJoin(sites, eq(sites.id, replyAddresses.siteId))
    .where(eq(replyAddresses.key, key));
  return row;
}

export async function settings(tx: PgSession, siteId: string): Promise<InboundSettingRow> {
  const [row] = await tx.select().from(inboundSettings).where(eq(inboundSettings.siteId, siteId));
  return row ?? { siteId, allowOtherSenders: false, address: null };
}

export async function saveSettings(tx: PgTx, row: InboundSettingRow): Promise<'saved' | 'address_taken'> {
  if (row.address) {
    const [holder] = await tx.select({ siteId: inboundSettings.siteId }).from(inboundSettings).where(eq(inboundSettings.address, row.address));
    if (holder && holder.siteId !== row.siteId) return 'address_taken';
  }
  const { siteId, ...values } = row;
  await tx.insert(inboundSettings).values(row).onConflictDoUpdate({ target: inboundSettings.siteId, set: values });
  return 'saved';
}

export async function siteOfAddress(tx: PgSession, address: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ slug: sites.slug })
    .from(inboundSettings)
    .innerJoin(sites, eq(sites.id, inboundSettings.siteId))
    .where(eq(inboundSettings.address, address));
  return row?.slug;
}

export async function isBlocked(tx: PgSession, siteId: string, patterns: string[]): Promise<boolean> {
  const rows = await tx
    .select({ pattern: blockedSenders.pattern })
    .from(blockedSenders)
    .where(and(eq(blockedSenders.siteId, siteId), inArray(blockedSenders.pattern, patterns)))
    .limit(1);
  return rows.length > 0;
}

export async function block(tx: PgSession, siteId: string, pattern: string, now: string): Promise<'added' | 'already_blocked'> {
  const added = await tx.insert(blockedSenders).values({ siteId, pattern, createdAt: now }).onConflictDoNothing().returning();
  return added.length ? 'added' : 'already_blocked';
}

export async function unblock(tx: PgSession, siteId: string, pattern: string): Promise<'removed' | 'not_blocked'> {
  const removed = await tx
    .delete(blockedSenders)
    .where(and(eq(blockedSenders.siteId, siteId), eq(blockedSenders.pattern, pattern)))
    .returning();
  return removed.length ? 'removed' : 'not_blocked';
}

export async function listBlocked(tx: PgSession, siteId: string): Promise<BlockedSenderRow[]> {
  return tx.select().from(blockedSenders).where(eq(blockedSenders.siteId, siteId)).orderBy(asc(blockedSenders.pattern));
}

export async function countUnverifiedMail(tx: PgSession, siteId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(requests)
    .where(and(eq(requests.siteId, siteId), isUnverifiedMail(requests)));
  return row!.n;
}

/** Comments, CCs, reply addresses and file records go with their requests (ON DELETE CASCADE); their mail stays, unlinked. */
export async function emptyUnverifiedMail(tx: PgTx, siteId: string): Promise<UnverifiedMailEmptied> {
  const unverified = and(eq(requests.siteId, siteId), isUnverifiedMail(requests));
  const files = await tx
    .select({ siteId: attachments.siteId, storageKey: attachments.storageKey })
    .from(attachments)
    .where(inArray(attachments.requestId, tx.select({ id: requests.id }).from(requests).where(unverified)));
  const gone = await tx.delete(requests).where(unverified).returning({ siteId: requests.siteId, id: requests.id, number: requests.number });
  return { requests: gone, files };
}
