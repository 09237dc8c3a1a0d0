/**
 * Support requests ("tickets"). Each exported function is one unit of work: one synchronous
 * transaction inside, a Promise outside, so the same calls can later run on PostgreSQL.
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { enqueueMail, type MailDraft } from './outbox.js';
import { readRequestById, type RequestView } from './request-view.js';
import { preparedOnce } from './prepared.js';
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
export type CreateOutcome = ({ kind: 'created'; view: RequestView } & StoredResponse) | ({ kind: 'replayed' } & StoredResponse) | { kind: 'key_reused' };

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
  // Statements run on `db` inside the transaction: prepared once, see prepared.ts.
  const s = statements(db);
  return commitWithOthers(db, (): CreateOutcome => {
    const earlier = claim && answerOf(db, record.siteId, claim);
    if (earlier) return earlier;

    const requesterId =
      record.requester.kind === 'member'
        ? record.requester.id
        : findOrCreateContact(db, record.siteId, record.requester.email, record.requester.name, record.now);
    const site = s.nextNumber.get({ siteId: record.siteId });
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
      // A member sends as themselves; an address typed into the form is proven later, or never (sender-proof.ts).
      senderVerifiedAt: record.requester.kind === 'member' ? record.now : null,
    };
    s.insertRequest.run(row);
    s.insertComment.run({ id: newId('cmt'), requestId: row.id, authorEndUserId: requesterId, body: record.description, createdAt: record.now });
    for (const email of record.ccEmails) {
      s.insertCc.run({ requestId: row.id, endUserId: findOrCreateContact(db, record.siteId, email, null, record.now), createdAt: record.now });
    }

    const view = readRequestById(db, row.id, 'all')!;
    enqueueMail(db, record.siteId, row.id, notify(view), record.now);

    const response = present(row);
    if (claim) keepAnswer(db, record.siteId, claim, response, record.now);
    return { kind: 'created', view, ...response };
  });
}

export type DecoyOutcome = ({ kind: 'answered' | 'replayed' } & StoredResponse) | { kind: 'key_reused' };

/**
 * The answer to a submission caught by the honeypot, made the way a real one is: a number taken
 * from the site's sequence (a gap nobody sees as a request) in the same group commit, and the same
 * idempotency rules — but no request, contact or mail. `present` shapes the answer from the number.
 */
export async function answerDecoy(
  db: Db,
  siteId: string,
  now: string,
  claim: IdempotencyClaim | null,
  present: (number: number) => StoredResponse,
): Promise<DecoyOutcome> {
  return commitWithOthers(db, (): DecoyOutcome => {
    const earlier = claim && answerOf(db, siteId, claim);
    if (earlier) return earlier;
    const site = statements(db).nextNumber.get({ siteId });
    if (!site) throw new Error(`site ${siteId} vanished while answering a decoy`);
    const response = present(site.number);
    if (claim) keepAnswer(db, siteId, claim, response, now);
    return { kind: 'answered', ...response };
  });
}

/** The stored answer to an earlier use of `claim`'s key (forgotten once too old), or `key_reused` for another body. */
function answerOf(db: Db, siteId: string, claim: IdempotencyClaim): ({ kind: 'replayed' } & StoredResponse) | { kind: 'key_reused' } | undefined {
  const s = statements(db);
  const key = { siteId, scope: claim.scope, key: claim.key };
  const seen = s.findKey.get(key);
  if (seen && seen.createdAt >= claim.notBefore) {
    if (seen.bodyHash !== claim.bodyHash) return { kind: 'key_reused' };
    return { kind: 'replayed', statusCode: seen.statusCode, body: JSON.parse(seen.responseBody) };
  }
  if (seen) s.forgetKey.run(key);
  return undefined;
}

function keepAnswer(db: Db, siteId: string, claim: IdempotencyClaim, response: StoredResponse, now: string): void {
  statements(db).insertKey.run({
    siteId,
    scope: claim.scope,
    key: claim.key,
    bodyHash: claim.bodyHash,
    statusCode: response.statusCode,
    responseBody: JSON.stringify(response.body),
    createdAt: now,
  });
}

const p = sql.placeholder;

/** The statements of a submission, prepared once per database. */
const statements = (db: Db) =>
  preparedOnce(db, 'create-request', () => {
    const keyWhere = and(eq(idempotencyKeys.siteId, p('siteId')), eq(idempotencyKeys.scope, p('scope')), eq(idempotencyKeys.key, p('key')));
    return {
      findKey: db.select().from(idempotencyKeys).where(keyWhere).prepare(),
      forgetKey: db.delete(idempotencyKeys).where(keyWhere).prepare(),
      insertKey: db
        .insert(idempotencyKeys)
        .values({
          siteId: p('siteId'),
          scope: p('scope'),
          key: p('key'),
          bodyHash: p('bodyHash'),
          statusCode: p('statusCode'),
          responseBody: p('responseBody'),
          createdAt: p('createdAt'),
        })
        .prepare(),
      nextNumber: db
        .update(sites)
        .set({ lastRequestNumber: sql`${sites.lastRequestNumber} + 1` })
        .where(eq(sites.id, p('siteId')))
        .returning({ number: sites.lastRequestNumber })
        .prepare(),
      insertRequest: db
        .insert(requests)
        .values({
          id: p('id'),
          siteId: p('siteId'),
          number: p('number'),
          categoryId: p('categoryId'),
          requesterId: p('requesterId'),
          organizationId: p('organizationId'),
          subject: p('subject'),
          status: p('status'),
          fields: p('fields'),
          createdAt: p('createdAt'),
          updatedAt: p('updatedAt'),
          solvedAt: p('solvedAt'),
          senderVerifiedAt: p('senderVerifiedAt'),
        })
        .prepare(),
      insertComment: db
        .insert(comments)
        .values({ id: p('id'), requestId: p('requestId'), authorEndUserId: p('authorEndUserId'), body: p('body'), public: true, createdAt: p('createdAt') })
        .prepare(),
      insertCc: db
        .insert(requestCcs)
        .values({ requestId: p('requestId'), endUserId: p('endUserId'), createdAt: p('createdAt') })
        .onConflictDoNothing()
        .prepare(),
      findContact: db
        .select({ id: endUsers.id })
        .from(endUsers)
        .where(and(eq(endUsers.siteId, p('siteId')), eq(endUsers.email, p('email')), isNull(endUsers.externalId)))
        .prepare(),
      insertContact: db
        .insert(endUsers)
        .values({ id: p('id'), siteId: p('siteId'), externalId: null, email: p('email'), name: p('name'), createdAt: p('now'), updatedAt: p('now') })
        .prepare(),
    };
  });

function findOrCreateContact(db: Db, siteId: string, email: string, name: string | null, now: string): string {
  const s = statements(db);
  const existing = s.findContact.get({ siteId, email });
  if (existing) return existing.id;
  const id = newId('usr');
  s.insertContact.run({ id, siteId, email, name, now });
  return id;
}

/** Idempotency keys (and the answers stored with them) older than `cutoff` can no longer be replayed. */
export async function forgetIdempotencyKeysBefore(db: Db, cutoff: string): Promise<void> {
  db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).run();
}
