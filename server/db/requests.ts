/**
 * Support requests ("tickets"). Each exported function is one unit of work: one synchronous
 * transaction inside, a Promise outside, so the same calls can later run on PostgreSQL.
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { enqueueMail, type MailDraft } from './outbox.js';
import { readRequestView, type RequestView } from './request-view.js';
import { newId } from './ids.js';
import { comments, endUsers, idempotencyKeys, requestCcs, requests, sites, type StoredStatus } from './schema.js';

export type RequestRow = typeof requests.$inferSelect;

export interface IdempotencyClaim {
  scope: string;
  key: string;
  bodyHash: string;
  /** Keys older than this (ISO time) are forgotten and may be used again. */
  notBefore: string;
}

export interface NewRequestRecord {
  siteId: string;
  categoryId: string;
  subject: string;
  description: string;
  fields: Record<string, string>;
  requester: Requester;
  /** Normalized addresses; each becomes a CC (a contact record found or created by email). */
  ccEmails: string[];
  now: string;
}

/**
 * Who sends it: a signed-in member (by id, with their organization), or an anonymous contact,
 * found or created by (site, email) among people without a host account.
 */
export type Requester = { kind: 'member'; id: string; organizationId: string | null } | { kind: 'contact'; email: string; name: string | null };

export type StoredResponse = { statusCode: number; body: unknown };
export type CreateOutcome =
  | ({ kind: 'created'; view: RequestView } & StoredResponse)
  | ({ kind: 'replayed' } & StoredResponse)
  | { kind: 'key_reused' };

/**
 * Creates a request with its first comment, honouring an idempotency key: a key seen before with the
 * same body returns the stored response; with another body, `key_reused`. `present` shapes the
 * response from the created row, and that response — and the mail `notify` plans — are stored in
 * the same transaction.
 */
export async function createRequest(
  db: Db,
  record: NewRequestRecord,
  claim: IdempotencyClaim | null,
  present: (row: RequestRow) => StoredResponse,
  notify: (view: RequestView) => MailDraft[],
): Promise<CreateOutcome> {
  return db.transaction((tx): CreateOutcome => {
    if (claim) {
      const keyWhere = and(
        eq(idempotencyKeys.siteId, record.siteId),
        eq(idempotencyKeys.scope, claim.scope),
        eq(idempotencyKeys.key, claim.key),
      );
      const seen = tx.select().from(idempotencyKeys).where(keyWhere).get();
      if (seen && seen.createdAt >= claim.notBefore) {
        if (seen.bodyHash !== claim.bodyHash) return { kind: 'key_reused' };
        return { kind: 'replayed', statusCode: seen.statusCode, body: JSON.parse(seen.responseBody) };
      }
      if (seen) tx.delete(idempotencyKeys).where(keyWhere).run();
    }

    const requesterId =
      record.requester.kind === 'member' ? record.requester.id : findOrCreateContact(tx, record.siteId, record.requester.email, record.requester.name, record.now);
    const site = tx
      .update(sites)
      .set({ lastRequestNumber: sql`${sites.lastRequestNumber} + 1` })
      .where(eq(sites.id, record.siteId))
      .returning({ number: sites.lastRequestNumber })
      .get();
    if (!site) throw new Error(`site ${record.siteId} vanished while creating a request`);

    const row: RequestRow = {
      id: newId('req'),
      siteId: record.siteId,
      number: site.number,
      categoryId: record.categoryId,
      requesterId,
      organizationId: record.requester.kind === 'member' ? record.requester.organizationId : null,
      subject: record.subject,
      status: 'new' satisfies StoredStatus,
      fields: record.fields,
      createdAt: record.now,
      updatedAt: record.now,
      solvedAt: null,
    };
    tx.insert(requests).values(row).run();
    tx.insert(comments)
      .values({ id: newId('cmt'), requestId: row.id, authorEndUserId: requesterId, body: record.description, public: true, createdAt: record.now })
      .run();
    for (const email of record.ccEmails) {
      const endUserId = findOrCreateContact(tx, record.siteId, email, null, record.now);
      tx.insert(requestCcs).values({ requestId: row.id, endUserId, createdAt: record.now }).onConflictDoNothing().run();
    }

    const view = readRequestView(tx, eq(requests.id, row.id), 'all')!;
    enqueueMail(tx, record.siteId, row.id, notify(view), record.now);

    const response = present(row);
    if (claim) {
      tx.insert(idempotencyKeys)
        .values({
          siteId: record.siteId,
          scope: claim.scope,
          key: claim.key,
          bodyHash: claim.bodyHash,
          statusCode: response.statusCode,
          responseBody: JSON.stringify(response.body),
          createdAt: record.now,
        })
        .run();
    }
    return { kind: 'created', view, ...response };
  });
}

function findOrCreateContact(tx: Tx, siteId: string, email: string, name: string | null, now: string): string {
  const existing = tx
    .select({ id: endUsers.id })
    .from(endUsers)
    .where(and(eq(endUsers.siteId, siteId), eq(endUsers.email, email), isNull(endUsers.externalId)))
    .get();
  if (existing) return existing.id;
  const id = newId('usr');
  tx.insert(endUsers).values({ id, siteId, externalId: null, email, name, createdAt: now, updatedAt: now }).run();
  return id;
}

/** Idempotency keys (and the answers stored with them) older than `cutoff` can no longer be replayed. */
export async function forgetIdempotencyKeysBefore(db: Db, cutoff: string): Promise<void> {
  db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).run();
}
