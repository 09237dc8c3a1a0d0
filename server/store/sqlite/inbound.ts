/** Mail in on SQLite: reply addresses, inbound settings, blocked senders, the unverified-mail queue (rules/inbound.ts). */
import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { attachments, blockedSenders, endUsers, inboundSettings, replyAddresses, requests, sites } from './schema.js';
import { isUnverifiedMail } from '../rules/inbound.js';
import type { BlockedSenderRow, InboundSettingRow } from '../rows.js';
import type { InboundStore, ReplyTarget } from '../types.js';

type UnverifiedMailEmptied = Awaited<ReturnType<InboundStore['emptyUnverifiedMail']>>;

export async function replyKey(db: Db, siteId: string, requestId: string, endUserId: string, now: string): Promise<string> {
  return commitWithOthers(db, (tx) => {
    tx.insert(replyAddresses)
      .values({ key: randomBytes(10).toString('hex'), siteId, requestId, endUserId, createdAt: now })
      .onConflictDoNothing()
      .run();
    return tx
      .select({ key: replyAddresses.key })
      .from(replyAddresses)
      .where(and(eq(replyAddresses.requestId, requestId), eq(replyAddresses.endUserId, endUserId)))
      .get()!.key;
  });
}

export async function findReplyTarget(db: Db, key: string): Promise<ReplyTarget | undefined> {
  const row = db
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
    .where(eq(replyAddresses.key, key))
    .get();
  return row;
}

export async function settings(db: Db, siteId: string): Promise<InboundSettingRow> {
  return db.select().from(inboundSettings).where(eq(inboundSettings.siteId, siteId)).get() ?? { siteId, allowOtherSenders: false, address: null };
}

export async function saveSettings(db: Db, row: InboundSettingRow): Promise<'saved' | 'address_taken'> {
  return commitWithOthers(db, (tx) => {
    const holder = row.address && tx.select({ siteId: inboundSettings.siteId }).from(inboundSettings).where(eq(inboundSettings.address, row.address)).get();
    if (holder && holder.siteId !== row.siteId) return 'address_taken';
    const { siteId, ...values } = row;
    tx.insert(inboundSettings).values(row).onConflictDoUpdate({ target: inboundSettings.siteId, set: values }).run();
    return 'saved';
  });
}

export async function siteOfAddress(db: Db, address: string): Promise<string | undefined> {
  return db
    .select({ slug: sites.slug })
    .from(inboundSettings)
    .innerJoin(sites, eq(sites.id, inboundSettings.siteId))
    .where(eq(inboundSettings.address, address))
    .get()?.slug;
}

export async function isBlocked(db: Db, siteId: string, patterns: string[]): Promise<boolean> {
  const row = db
    .select({ pattern: blockedSenders.pattern })
    .from(blockedSenders)
    .where(and(eq(blockedSenders.siteId, siteId), inArray(blockedSenders.pattern, patterns)))
    .get();
  return row !== undefined;
}

export async function block(db: Db, siteId: string, pattern: string, now: string): Promise<'added' | 'already_blocked'> {
  return commitWithOthers(db, (tx) => {
    const added = tx.insert(blockedSenders).values({ siteId, pattern, createdAt: now }).onConflictDoNothing().returning().all();
    return added.length ? 'added' : 'already_blocked';
  });
}

export async function unblock(db: Db, siteId: string, pattern: string): Promise<'removed' | 'not_blocked'> {
  return commitWithOthers(db, (tx) => {
    const removed = tx
      .delete(blockedSenders)
      .where(and(eq(blockedSenders.siteId, siteId), eq(blockedSenders.pattern, pattern)))
      .returning()
      .all();
    return removed.length ? 'removed' : 'not_blocked';
  });
}

export async function listBlocked(db: Db, siteId: string): Promise<BlockedSenderRow[]> {
  return db.select().from(blockedSenders).where(eq(blockedSenders.siteId, siteId)).orderBy(asc(blockedSenders.pattern)).all();
}

export async function countUnverifiedMail(db: Db, siteId: string): Promise<number> {
  return db
    .select({ n: count() })
    .from(requests)
    .where(and(eq(requests.siteId, siteId), isUnverifiedMail(requests)))
    .get()!.n;
}

/** Comments, CCs, reply addresses and file records go with their requests (ON DELETE CASCADE); their mail stays, unlinked. */
export async function emptyUnverifiedMail(db: Db, siteId: string): Promise<UnverifiedMailEmptied> {
  const unverified = and(eq(requests.siteId, siteId), isUnverifiedMail(requests));
  return commitWithOthers(db, (tx) => {
    const files = tx
      .select({ siteId: attachments.siteId, storageKey: attachments.storageKey })
      .from(attachments)
      .where(inArray(attachments.requestId, tx.select({ id: requests.id }).from(requests).where(unverified)))
      .all();
    const gone = tx.delete(requests).where(unverified).returning({ siteId: requests.siteId, id: requests.id, number: requests.number }).all();
    return { requests: gone, files };
  });
}
