/**
 * Support requests ("tickets"). Each exported function is one unit of work: one synchronous
 * transaction inside (a group commit, group-commit.ts), a Promise outside.
 *
 * An idempotency key is claimed first, before anything else is written — the same order as on
 * PostgreSQL, where two instances racing on one key meet at its primary key and the second then
 * finds the first's committed answer. The claim is written with no answer yet and gets the answer
 * at the end of the same unit, so nobody ever reads a claim without one.
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { enqueueMail } from './outbox.js';
import { enqueueWebhooks } from './webhooks.js';
import { requestCreated } from '../rules/webhook-events.js';
import { readRequestById } from './request-view.js';
import { claimAttachments } from './attachments.js';
import { orUnclaimable } from '../rules/attachment-claims.js';
import { preparedOnce } from './prepared.js';
import { newId } from '../ids.js';
import { comments, endUsers, idempotencyKeys, requestCcs, requests, sites } from './schema.js';
import type { RequestRow, StoredStatus } from '../rows.js';
import type { CreateOutcome, DecoyOutcome, IdempotencyClaim, NewRequestRecord, Notify, StoredResponse } from '../types.js';

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
  notify: Notify,
): Promise<CreateOutcome> {
  // Statements prepared once (prepared.ts) on `db`: they run on the one connection, inside the unit.
  const s = statements(db);
  return orUnclaimable(
    commitWithOthers(db, (): CreateOutcome => {
      const earlier = claim && claimKey(db, record.siteId, claim, record.now);
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
        // A member sends as themselves; an address typed into the form is proven later, or never (rules/visibility.ts).
        senderVerifiedAt: record.requester.kind === 'member' ? record.now : null,
        channel: record.channel ?? 'web',
        followUpOf: record.followUpOf ?? null,
        locale: record.locale,
        assigneeAgentId: null,
      };
      s.insertRequest.run({ ...row });
      s.rememberLocale.run({ id: requesterId, locale: record.locale });
      const commentId = newId('cmt');
      s.insertComment.run({ id: commentId, requestId: row.id, authorEndUserId: requesterId, body: record.description, createdAt: record.now });
      if (record.files) claimAttachments(db, { siteId: record.siteId, ...record.files }, { requestId: row.id, number: row.number, commentId }, record.now);
      for (const email of record.ccEmails) {
        s.insertCc.run({ requestId: row.id, endUserId: findOrCreateContact(db, record.siteId, email, null, record.now), createdAt: record.now });
      }

      const view = readRequestById(db, row.id, 'all')!;
      enqueueMail(db, record.siteId, row.id, notify(view), record.now);
      enqueueWebhooks(db, record.siteId, requestCreated(view), record.now);

      const response = present(row);
      if (claim) keepAnswer(db, record.siteId, claim, response);
      return { kind: 'created', view, ...response };
    }),
  );
}

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
    const earlier = claim && claimKey(db, siteId, claim, now);
    if (earlier) return earlier;
    const site = statements(db).nextNumber.get({ siteId });
    if (!site) throw new Error(`site ${siteId} vanished while answering a decoy`);
    const response = present(site.number);
    if (claim) keepAnswer(db, siteId, claim, response);
    return { kind: 'answered', ...response };
  });
}

/**
 * Claims `claim`'s key for this unit — undefined: go on, and store the answer with keepAnswer — or
 * answers from its earlier use: the stored response for the same body, `key_reused` for another.
 * A key older than `notBefore` is forgotten, and claimed anew.
 */
function claimKey(db: Db, siteId: string, claim: IdempotencyClaim, now: string): ({ kind: 'replayed' } & StoredResponse) | { kind: 'key_reused' } | undefined {
  const s = statements(db);
  const key = { siteId, scope: claim.scope, key: claim.key };
  if (s.claimKey.get({ ...key, bodyHash: claim.bodyHash, createdAt: now })) return undefined;
  const seen = s.findKey.get(key)!;
  if (seen.createdAt < claim.notBefore) {
    s.reclaimKey.run({ ...key, bodyHash: claim.bodyHash, createdAt: now });
    return undefined;
  }
  if (seen.bodyHash !== claim.bodyHash) return { kind: 'key_reused' };
  return { kind: 'replayed', statusCode: seen.statusCode, body: JSON.parse(seen.responseBody) };
}

function keepAnswer(db: Db, siteId: string, claim: IdempotencyClaim, response: StoredResponse): void {
  statements(db).answerKey.run({
    siteId,
    scope: claim.scope,
    key: claim.key,
    statusCode: response.statusCode,
    responseBody: JSON.stringify(response.body),
  });
}

const p = sql.placeholder;

/** The statements of a submission, prepared once per database. */
const statements = (db: Db) =>
  preparedOnce(db, 'create-request', () => {
    const keyWhere = and(eq(idempotencyKeys.siteId, p('siteId')), eq(idempotencyKeys.scope, p('scope')), eq(idempotencyKeys.key, p('key')));
    return {
      // A claim without its answer yet (status 0); keepAnswer fills it in before the unit ends.
      claimKey: db
        .insert(idempotencyKeys)
        .values({
          siteId: p('siteId'),
          scope: p('scope'),
          key: p('key'),
          bodyHash: p('bodyHash'),
          statusCode: 0,
          responseBody: 'null',
          createdAt: p('createdAt'),
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key })
        .prepare(),
      findKey: db.select().from(idempotencyKeys).where(keyWhere).prepare(),
      reclaimKey: db
        .update(idempotencyKeys)
        .set({ bodyHash: sql`${p('bodyHash')}`, statusCode: 0, responseBody: 'null', createdAt: sql`${p('createdAt')}` })
        .where(keyWhere)
        .prepare(),
      answerKey: db
        .update(idempotencyKeys)
        .set({ statusCode: sql`${p('statusCode')}`, responseBody: sql`${p('responseBody')}` })
        .where(keyWhere)
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
          channel: p('channel'),
          followUpOf: p('followUpOf'),
          locale: p('locale'),
        })
        .prepare(),
      // The requester's latest language: mail about requests that do not say one (a CC's) speaks it.
      rememberLocale: db
        .update(endUsers)
        .set({ locale: sql`${p('locale')}` })
        .where(eq(endUsers.id, p('id')))
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

/** The address's contact record (someone known only by email), made if there is none. Inside a unit: SQLite has one writer. */
export function findOrCreateContact(db: Db, siteId: string, email: string, name: string | null, now: string): string {
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
