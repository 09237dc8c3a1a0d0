/**
 * Privacy on SQLite (rules/privacy.ts says what is exported and erased). The erasure is one
 * transaction with `secure_delete` on, so the pages it frees are zeroed, not just unlinked; then the
 * WAL is checkpointed and truncated, the file vacuumed (rebuilt without free pages) and the WAL
 * truncated again — so the erased text is in none of porthole.db, -wal or -shm afterwards. It runs
 * outside group commit: the admin command's own connection, and nothing else's work in its transaction.
 */
import { and, eq, inArray, isNotNull, or, sql, type Column } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import {
  agents,
  attachments,
  blockedSenders,
  categories,
  comments,
  endUsers,
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

function personIds(db: Db | Tx, siteId: string, email: string): string[] {
  return db
    .select({ id: endUsers.id })
    .from(endUsers)
    .where(and(eq(endUsers.siteId, siteId), sameEmail(endUsers.email, email)))
    .all()
    .map((row) => row.id);
}

export async function exportPerson(db: Db, siteId: string, address: string): Promise<PersonExport> {
  const email = normalizedEmail(address);
  // One read transaction: one snapshot of everything.
  return db.transaction((tx) => {
    const people = tx
      .select()
      .from(endUsers)
      .where(and(eq(endUsers.siteId, siteId), sameEmail(endUsers.email, email)))
      .all();
    const ids = people.map((person) => person.id);
    const made = tx
      .select()
      .from(requests)
      .where(and(eq(requests.siteId, siteId), inArray(requests.requesterId, ids)))
      .all();
    const madeIds = made.map((request) => request.id);
    const ccd = tx
      .select({ request: requests, cc: requestCcs })
      .from(requestCcs)
      .innerJoin(requests, eq(requests.id, requestCcs.requestId))
      .where(and(eq(requests.siteId, siteId), inArray(requestCcs.endUserId, ids)))
      .all()
      .filter((entry) => !madeIds.includes(entry.request.id));
    const visible = tx
      .select()
      .from(comments)
      .where(
        and(
          eq(comments.public, true),
          or(
            inArray(comments.requestId, madeIds),
            and(
              inArray(comments.authorEndUserId, ids),
              inArray(comments.requestId, tx.select({ id: requests.id }).from(requests).where(eq(requests.siteId, siteId))),
            ),
          ),
        ),
      )
      .all();
    const files = tx
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
      )
      .all();
    const accounts = tx
      .select()
      .from(portalAccounts)
      .where(and(eq(portalAccounts.siteId, siteId), sameEmail(portalAccounts.email, email)))
      .all();
    const orgIds = people.map((person) => person.organizationId).filter((id): id is string => id !== null);
    return buildExport({
      email,
      endUsers: people,
      organizations: tx.select().from(organizations).where(inArray(organizations.id, orgIds)).all(),
      requests: made,
      ccd,
      comments: visible,
      attachments: files,
      ratings: tx.select().from(requestRatings).where(inArray(requestRatings.requestId, madeIds)).all(),
      ccEmails: tx
        .select({ requestId: requestCcs.requestId, email: endUsers.email })
        .from(requestCcs)
        .innerJoin(endUsers, eq(endUsers.id, requestCcs.endUserId))
        .where(inArray(requestCcs.requestId, madeIds))
        .all(),
      categoryNames: Object.fromEntries(
        tx
          .select({ id: categories.id, name: categories.name })
          .from(categories)
          .where(eq(categories.siteId, siteId))
          .all()
          .map((row) => [row.id, row.name]),
      ),
      agentNames: Object.fromEntries(
        tx
          .select({ id: agents.id, name: agents.name })
          .from(agents)
          .where(eq(agents.siteId, siteId))
          .all()
          .map((row) => [row.id, row.name]),
      ),
      portalAccounts: accounts,
      portalSessions: tx
        .select()
        .from(portalSessions)
        .where(
          inArray(
            portalSessions.accountId,
            accounts.map((account) => account.id),
          ),
        )
        .all(),
      portalLinks: tx
        .select()
        .from(portalLinks)
        .where(and(eq(portalLinks.siteId, siteId), sameEmail(portalLinks.email, email)))
        .all(),
      outbox: tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.siteId, siteId), or(sameEmail(outbox.toEmail, email), inArray(outbox.toEndUserId, ids))))
        .all(),
      blocked: tx
        .select()
        .from(blockedSenders)
        .where(and(eq(blockedSenders.siteId, siteId), eq(blockedSenders.pattern, email)))
        .all(),
    });
  });
}

export async function erasePerson(db: Db, siteId: string, address: string, now: string): Promise<PersonErasure> {
  const email = normalizedEmail(address);
  const pragma = (statement: string) => db.run(sql.raw(`PRAGMA ${statement}`));
  const before = db.get<{ secure_delete: number }>(sql`PRAGMA secure_delete`)?.secure_delete ?? 0;
  pragma('secure_delete = ON');
  try {
    const erasure = db.transaction((tx) => eraseRows(tx, siteId, email, now), { behavior: 'immediate' });
    // The planner's statistics keep sample index keys (sqlite_stat4: addresses, names): taken anew.
    db.run(sql`ANALYZE`);
    // The old text may still be in WAL frames and in pages of the main file: write the WAL back and
    // empty it, rebuild the file, and empty the WAL the rebuild went through.
    const checkpoint = () => db.get<{ busy: number }>(sql`PRAGMA wal_checkpoint(TRUNCATE)`)?.busy === 0;
    const emptied = checkpoint();
    db.run(sql`VACUUM`);
    if (!(checkpoint() && emptied)) {
      erasure.warnings.push(
        'Another connection was reading the database, so its write-ahead log (-wal) could not be emptied: run the same command again with the server stopped.',
      );
    }
    return erasure;
  } finally {
    pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}

function eraseRows(tx: Tx, siteId: string, email: string, now: string): PersonErasure {
  const counts = noCounts();
  const ids = personIds(tx, siteId, email);
  const siteRequests = tx.select({ id: requests.id }).from(requests).where(eq(requests.siteId, siteId));
  const made = tx
    .select({ id: requests.id, number: requests.number })
    .from(requests)
    .where(and(eq(requests.siteId, siteId), inArray(requests.requesterId, ids)))
    .all();
  const madeIds = made.map((request) => request.id);
  const written = tx
    .select({ id: comments.id, requestId: comments.requestId })
    .from(comments)
    .where(and(inArray(comments.authorEndUserId, ids), inArray(comments.requestId, siteRequests)))
    .all();
  const madeComments = tx.select({ id: comments.id }).from(comments).where(inArray(comments.requestId, madeIds)).all();
  const marks: PersonMarks = {
    email,
    requestNumbers: new Set(made.map((request) => request.number)),
    commentIds: new Set([...written, ...madeComments].map((comment) => comment.id)),
  };

  const files = tx
    .select({ id: attachments.id, siteId: attachments.siteId, storageKey: attachments.storageKey })
    .from(attachments)
    .where(and(eq(attachments.siteId, siteId), or(inArray(attachments.requestId, madeIds), inArray(attachments.uploaderEndUserId, ids))))
    .all();
  counts.attachments = tx
    .delete(attachments)
    .where(
      inArray(
        attachments.id,
        files.map((file) => file.id),
      ),
    )
    .run().changes;
  counts.messages = tx
    .update(comments)
    .set({ body: ERASED_TEXT, sentFrom: null })
    .where(or(inArray(comments.requestId, madeIds), inArray(comments.id, [...marks.commentIds])))
    .run().changes;
  tx.update(comments)
    .set({ sentFrom: null })
    .where(and(sameEmail(comments.sentFrom, email), inArray(comments.requestId, siteRequests)))
    .run();
  counts.requests = tx.update(requests).set(erasedRequest).where(inArray(requests.id, madeIds)).run().changes;
  counts.ratingComments = tx
    .update(requestRatings)
    .set({ comment: null })
    .where(and(inArray(requestRatings.requestId, madeIds), isNotNull(requestRatings.comment)))
    .run().changes;
  counts.ccs = tx
    .delete(requestCcs)
    .where(or(inArray(requestCcs.endUserId, ids), inArray(requestCcs.requestId, madeIds)))
    .run().changes;

  const aboutThem = [...new Set([...madeIds, ...written.map((comment) => comment.requestId)])];
  const mails: { id: string }[] = tx
    .delete(outbox)
    .where(and(eq(outbox.siteId, siteId), or(sameEmail(outbox.toEmail, email), inArray(outbox.toEndUserId, ids), inArray(outbox.requestId, aboutThem))))
    .returning({ id: outbox.id })
    .all();
  const digests = tx
    .select({ id: outbox.id, digest: outbox.digest })
    .from(outbox)
    .where(and(eq(outbox.siteId, siteId), isNotNull(outbox.digest)))
    .all()
    .filter((row) => digestMentions(row.digest, marks));
  tx.delete(outbox)
    .where(
      inArray(
        outbox.id,
        digests.map((row) => row.id),
      ),
    )
    .run();
  mails.push(...digests);
  counts.outboxMails = mails.length;

  const deliveries = tx
    .select({ id: webhookDeliveries.id, payload: webhookDeliveries.payload })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhooks.siteId, siteId))
    .all()
    .filter((delivery) => payloadMentions(delivery.payload, marks));
  counts.webhookDeliveries = tx
    .delete(webhookDeliveries)
    .where(
      inArray(
        webhookDeliveries.id,
        deliveries.map((delivery) => delivery.id),
      ),
    )
    .run().changes;

  const keys = tx
    .select({ scope: idempotencyKeys.scope, key: idempotencyKeys.key, responseBody: idempotencyKeys.responseBody })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.siteId, siteId))
    .all()
    .filter((row) => ids.includes(row.scope) || responseMentions(row.responseBody, marks));
  for (const row of keys) {
    tx.delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.siteId, siteId), eq(idempotencyKeys.scope, row.scope), eq(idempotencyKeys.key, row.key)))
      .run();
  }
  counts.idempotencyKeys = keys.length;

  counts.replyAddresses = tx.delete(replyAddresses).where(inArray(replyAddresses.endUserId, ids)).run().changes;
  const accounts = tx
    .select({ id: portalAccounts.id })
    .from(portalAccounts)
    .where(and(eq(portalAccounts.siteId, siteId), sameEmail(portalAccounts.email, email)))
    .all()
    .map((account) => account.id);
  counts.helpCenterSessions = tx.delete(portalSessions).where(inArray(portalSessions.accountId, accounts)).run().changes;
  counts.helpCenterAccounts = tx.delete(portalAccounts).where(inArray(portalAccounts.id, accounts)).run().changes;
  counts.helpCenterLinks = tx
    .delete(portalLinks)
    .where(and(eq(portalLinks.siteId, siteId), sameEmail(portalLinks.email, email)))
    .run().changes;
  counts.blockedSenders = tx
    .delete(blockedSenders)
    .where(and(eq(blockedSenders.siteId, siteId), eq(blockedSenders.pattern, email)))
    .run().changes;
  counts.identities = tx.update(endUsers).set(erasedIdentity(now)).where(inArray(endUsers.id, ids)).run().changes;

  return {
    counts,
    files: files.map(({ siteId: fileSite, storageKey }) => ({ siteId: fileSite, storageKey })),
    mailMarks: mailMarksOf(
      email,
      madeIds,
      mails.map((mail) => mail.id),
    ),
    warnings: [],
  };
}
