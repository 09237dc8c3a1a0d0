/**
 * Privacy on PostgreSQL (rules/privacy.ts says what is exported and erased). The erasure is one
 * transaction — the erased files' chunks go in it too, so nothing of them outlives the rows — and
 * after it commits, every table it touched is rewritten with VACUUM FULL, so the old row versions
 * holding the erased text leave the table files at once instead of waiting for autovacuum (and even
 * then only being marked free). VACUUM FULL locks each table while it rewrites it: a running server
 * waits for a moment, table by table. ANALYZE with it takes the planner's statistics anew, as their
 * samples of column values (pg_statistic) may hold an address. Article search columns (tsvector)
 * hold no person's text.
 */
import { and, eq, inArray, isNotNull, or, sql, type Column } from 'drizzle-orm';
import type pg from 'pg';
import { alone, transaction, type PgTx } from './client.js';
import {
  agents,
  attachments,
  blockedSenders,
  categories,
  comments,
  endUsers,
  fileChunks,
  idempotencyKeys,
  organizations,
  outbox,
  portalAccounts,
  portalLinks,
  portalSessions,
  replyAddresses,
  requestCcs,
  requestRatings,
  requests,
  webhookDeliveries,
  webhooks,
} from './schema.js';
import {
  ERASED_TEXT,
  buildExport,
  erasedIdentity,
  erasedRequest,
  mailMarksOf,
  noCounts,
  normalizedEmail,
  digestMentions,
  payloadMentions,
  responseMentions,
  type PersonErasure,
  type PersonExport,
  type PersonMarks,
} from '../rules/privacy.js';

const sameEmail = (column: Column, email: string) => sql`lower(${column}) = ${email}`;

/** The tables an erasure writes, rewritten after it. */
export const ERASED_TABLES = [
  'end_users',
  'requests',
  'comments',
  'request_ccs',
  'request_ratings',
  'attachments',
  'file_chunks',
  'outbox',
  'webhook_deliveries',
  'idempotency_keys',
  'reply_addresses',
  'portal_accounts',
  'portal_sessions',
  'portal_links',
  'blocked_senders',
];

export async function exportPerson(tx: PgTx, siteId: string, address: string): Promise<PersonExport> {
  const email = normalizedEmail(address);
  const siteRequests = tx.select({ id: requests.id }).from(requests).where(eq(requests.siteId, siteId));
  const people = await tx
    .select()
    .from(endUsers)
    .where(and(eq(endUsers.siteId, siteId), sameEmail(endUsers.email, email)));
  const ids = people.map((person) => person.id);
  const made = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.siteId, siteId), inArray(requests.requesterId, ids)));
  const madeIds = made.map((request) => request.id);
  const ccd = (
    await tx
      .select({ request: requests, cc: requestCcs })
      .from(requestCcs)
      .innerJoin(requests, eq(requests.id, requestCcs.requestId))
      .where(and(eq(requests.siteId, siteId), inArray(requestCcs.endUserId, ids)))
  ).filter((entry) => !madeIds.includes(entry.request.id));
  const visible = await tx
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.public, true),
        or(inArray(comments.requestId, madeIds), and(inArray(comments.authorEndUserId, ids), inArray(comments.requestId, siteRequests))),
      ),
    );
  const files = await tx
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.siteId, siteId),
        or(
          inArray(
            attachments.commentId,
            visible.map((comment) => comment.id),
          ),
          inArray(attachments.uploaderEndUserId, ids),
        ),
      ),
    );
  const accounts = await tx
    .select()
    .from(portalAccounts)
    .where(and(eq(portalAccounts.siteId, siteId), sameEmail(portalAccounts.email, email)));
  const orgIds = people.map((person) => person.organizationId).filter((id): id is string => id !== null);
  const named = (rows: { id: string; name: string }[]) => Object.fromEntries(rows.map((row) => [row.id, row.name]));
  return buildExport({
    email,
    endUsers: people,
    organizations: await tx.select().from(organizations).where(inArray(organizations.id, orgIds)),
    requests: made,
    ccd,
    comments: visible,
    attachments: files,
    ratings: await tx.select().from(requestRatings).where(inArray(requestRatings.requestId, madeIds)),
    ccEmails: await tx
      .select({ requestId: requestCcs.requestId, email: endUsers.email })
      .from(requestCcs)
      .innerJoin(endUsers, eq(endUsers.id, requestCcs.endUserId))
      .where(inArray(requestCcs.requestId, madeIds)),
    categoryNames: named(await tx.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.siteId, siteId))),
    agentNames: named(await tx.select({ id: agents.id, name: agents.name }).from(agents).where(eq(agents.siteId, siteId))),
    portalAccounts: accounts,
    portalSessions: await tx
      .select()
      .from(portalSessions)
      .where(
        inArray(
          portalSessions.accountId,
          accounts.map((account) => account.id),
        ),
      ),
    portalLinks: await tx
      .select()
      .from(portalLinks)
      .where(and(eq(portalLinks.siteId, siteId), sameEmail(portalLinks.email, email))),
    outbox: await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.siteId, siteId), or(sameEmail(outbox.toEmail, email), inArray(outbox.toEndUserId, ids)))),
    blocked: await tx
      .select()
      .from(blockedSenders)
      .where(and(eq(blockedSenders.siteId, siteId), eq(blockedSenders.pattern, email))),
  });
}

export async function erasePerson(pool: pg.Pool, siteId: string, address: string, now: string): Promise<PersonErasure> {
  const email = normalizedEmail(address);
  const erasure = await transaction(pool, (tx) => eraseRows(tx, siteId, email, now));
  await alone(pool, async (session) => {
    // A rewrite of a big table takes longer than a unit may; it waits a while for each table's lock.
    await session.execute(sql`SET statement_timeout = 0`);
    await session.execute(sql`SET lock_timeout = '30s'`);
    try {
      for (const table of ERASED_TABLES) await session.execute(sql.raw(`VACUUM (FULL, ANALYZE) ${table}`));
    } finally {
      await session.execute(sql`RESET statement_timeout`);
      await session.execute(sql`RESET lock_timeout`);
    }
  });
  return erasure;
}

async function eraseRows(tx: PgTx, siteId: string, email: string, now: string): Promise<PersonErasure> {
  const counts = noCounts();
  const people = await tx
    .select({ id: endUsers.id })
    .from(endUsers)
    .where(and(eq(endUsers.siteId, siteId), sameEmail(endUsers.email, email)))
    .for('update');
  const ids = people.map((person) => person.id);
  const siteRequests = tx.select({ id: requests.id }).from(requests).where(eq(requests.siteId, siteId));
  const made = await tx
    .select({ id: requests.id, number: requests.number })
    .from(requests)
    .where(and(eq(requests.siteId, siteId), inArray(requests.requesterId, ids)))
    .for('update');
  const madeIds = made.map((request) => request.id);
  const written = await tx
    .select({ id: comments.id, requestId: comments.requestId })
    .from(comments)
    .where(and(inArray(comments.authorEndUserId, ids), inArray(comments.requestId, siteRequests)));
  const madeComments = await tx.select({ id: comments.id }).from(comments).where(inArray(comments.requestId, madeIds));
  const marks: PersonMarks = {
    email,
    requestNumbers: new Set(made.map((request) => request.number)),
    commentIds: new Set([...written, ...madeComments].map((comment) => comment.id)),
  };

  const files = await tx
    .delete(attachments)
    .where(and(eq(attachments.siteId, siteId), or(inArray(attachments.requestId, madeIds), inArray(attachments.uploaderEndUserId, ids))))
    .returning({ siteId: attachments.siteId, storageKey: attachments.storageKey });
  counts.attachments = files.length;
  if (files.length) {
    await tx.delete(fileChunks).where(
      and(
        eq(fileChunks.siteId, siteId),
        inArray(
          fileChunks.storageKey,
          files.map((file) => file.storageKey),
        ),
      ),
    );
  }
  counts.messages = (
    await tx
      .update(comments)
      .set({ body: ERASED_TEXT, sentFrom: null })
      .where(or(inArray(comments.requestId, madeIds), inArray(comments.id, [...marks.commentIds])))
      .returning({ id: comments.id })
  ).length;
  await tx
    .update(comments)
    .set({ sentFrom: null })
    .where(and(sameEmail(comments.sentFrom, email), inArray(comments.requestId, siteRequests)));
  counts.requests = (await tx.update(requests).set(erasedRequest).where(inArray(requests.id, madeIds)).returning({ id: requests.id })).length;
  counts.ratingComments = (
    await tx
      .update(requestRatings)
      .set({ comment: null })
      .where(and(inArray(requestRatings.requestId, madeIds), isNotNull(requestRatings.comment)))
      .returning({ id: requestRatings.requestId })
  ).length;
  counts.ccs = (
    await tx
      .delete(requestCcs)
      .where(or(inArray(requestCcs.endUserId, ids), inArray(requestCcs.requestId, madeIds)))
      .returning({ id: requestCcs.requestId })
  ).length;

  const aboutThem = [...new Set([...madeIds, ...written.map((comment) => comment.requestId)])];
  const mails: { id: string }[] = await tx
    .delete(outbox)
    .where(and(eq(outbox.siteId, siteId), or(sameEmail(outbox.toEmail, email), inArray(outbox.toEndUserId, ids), inArray(outbox.requestId, aboutThem))))
    .returning({ id: outbox.id });
  const digests = (
    await tx
      .select({ id: outbox.id, digest: outbox.digest })
      .from(outbox)
      .where(and(eq(outbox.siteId, siteId), isNotNull(outbox.digest)))
  ).filter((row) => digestMentions(row.digest, marks));
  await tx.delete(outbox).where(
    inArray(
      outbox.id,
      digests.map((row) => row.id),
    ),
  );
  mails.push(...digests);
  counts.outboxMails = mails.length;

  const deliveries = (
    await tx
      .select({ id: webhookDeliveries.id, payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(eq(webhooks.siteId, siteId))
  ).filter((delivery) => payloadMentions(delivery.payload, marks));
  counts.webhookDeliveries = (
    await tx
      .delete(webhookDeliveries)
      .where(
        inArray(
          webhookDeliveries.id,
          deliveries.map((delivery) => delivery.id),
        ),
      )
      .returning({ id: webhookDeliveries.id })
  ).length;

  const keys = (
    await tx
      .select({ scope: idempotencyKeys.scope, key: idempotencyKeys.key, responseBody: idempotencyKeys.responseBody })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.siteId, siteId))
  ).filter((row) => ids.includes(row.scope) || responseMentions(row.responseBody, marks));
  for (const row of keys) {
    await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.siteId, siteId), eq(idempotencyKeys.scope, row.scope), eq(idempotencyKeys.key, row.key)));
  }
  counts.idempotencyKeys = keys.length;

  counts.replyAddresses = (await tx.delete(replyAddresses).where(inArray(replyAddresses.endUserId, ids)).returning({ key: replyAddresses.key })).length;
  const accounts = (
    await tx
      .select({ id: portalAccounts.id })
      .from(portalAccounts)
      .where(and(eq(portalAccounts.siteId, siteId), sameEmail(portalAccounts.email, email)))
  ).map((account) => account.id);
  counts.helpCenterSessions = (
    await tx.delete(portalSessions).where(inArray(portalSessions.accountId, accounts)).returning({ tokenHash: portalSessions.tokenHash })
  ).length;
  counts.helpCenterAccounts = (await tx.delete(portalAccounts).where(inArray(portalAccounts.id, accounts)).returning({ id: portalAccounts.id })).length;
  counts.helpCenterLinks = (
    await tx
      .delete(portalLinks)
      .where(and(eq(portalLinks.siteId, siteId), sameEmail(portalLinks.email, email)))
      .returning({ tokenHash: portalLinks.tokenHash })
  ).length;
  counts.blockedSenders = (
    await tx
      .delete(blockedSenders)
      .where(and(eq(blockedSenders.siteId, siteId), eq(blockedSenders.pattern, email)))
      .returning({ pattern: blockedSenders.pattern })
  ).length;
  counts.identities = (await tx.update(endUsers).set(erasedIdentity(now)).where(inArray(endUsers.id, ids)).returning({ id: endUsers.id })).length;

  return {
    counts,
    files,
    mailMarks: mailMarksOf(
      email,
      madeIds,
      mails.map((mail) => mail.id),
    ),
    warnings: [],
  };
}
