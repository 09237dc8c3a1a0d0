/** New requests (and the honeypot's decoy answers) on PostgreSQL: one transaction each. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { RequestRow } from '../rows.js';
import type { CreateOutcome, DecoyOutcome, IdempotencyClaim, NewRequestRecord, Notify, StoredResponse } from '../types.js';
import { newId } from '../ids.js';
import type { PgTx } from './client.js';
import { placeholders, preparedOnce } from './prepared.js';
import { claimKey, keepAnswer } from './idempotency.js';
import { enqueueMail } from './outbox.js';
import { enqueueWebhooks } from './webhooks.js';
import { requestCreated } from '../rules/webhook-events.js';
import { byId, readView } from './request-view.js';
import { claimAttachments } from './attachments.js';
import { comments, endUsers, requestCcs, requests, sites } from './schema.js';

export async function createRequest(
  tx: PgTx,
  record: NewRequestRecord,
  claim: IdempotencyClaim | null,
  present: (row: RequestRow) => StoredResponse,
  notify: Notify,
): Promise<CreateOutcome> {
  if (claim) {
    const earlier = await claimKey(tx, record.siteId, claim, record.now);
    if (earlier !== 'claimed') return earlier;
  }
  // Taking the number locks the site's row until commit, which also serialises the contact
  // lookups below per site: two submissions from one new address make one contact, not two.
  const number = await nextNumber(tx, record.siteId);
  const { requester } = record;
  const requesterId = requester.kind === 'member' ? requester.id : await findOrCreateContact(tx, record.siteId, requester.email, requester.name, record.now);

  const row: RequestRow = {
    id: newId('req'),
    siteId: record.siteId,
    number,
    categoryId: record.categoryId,
    requesterId,
    organizationId: requester.kind === 'member' ? requester.organizationId : null,
    subject: record.subject,
    status: 'new',
    fields: record.fields,
    createdAt: record.now,
    updatedAt: record.now,
    solvedAt: null,
    // A member sends as themselves; an address typed into the form is proven later, or never (rules/visibility.ts).
    senderVerifiedAt: requester.kind === 'member' ? record.now : null,
    channel: record.channel ?? 'web',
    followUpOf: record.followUpOf ?? null,
    locale: record.locale,
    assigneeAgentId: null,
  };
  await insertRequest(tx, row);
  // The requester's latest language: mail about requests that do not say one (a CC's) speaks it.
  await tx.update(endUsers).set({ locale: record.locale }).where(eq(endUsers.id, requesterId));
  const commentId = newId('cmt');
  await insertComment(tx, { id: commentId, requestId: row.id, authorEndUserId: requesterId, body: record.description, createdAt: record.now });
  if (record.files) await claimAttachments(tx, { siteId: record.siteId, ...record.files }, { requestId: row.id, number, commentId }, record.now);
  for (const email of record.ccEmails) {
    const endUserId = await findOrCreateContact(tx, record.siteId, email, null, record.now);
    await tx.insert(requestCcs).values({ requestId: row.id, endUserId, createdAt: record.now }).onConflictDoNothing();
  }

  const view = (await readView(tx, byId(row.id), 'all'))!;
  await enqueueMail(tx, record.siteId, row.id, notify(view), record.now);
  await enqueueWebhooks(tx, record.siteId, requestCreated(view), record.now);
  const response = present(row);
  if (claim) await keepAnswer(tx, record.siteId, claim, response);
  return { kind: 'created', view, ...response };
}

/**
 * A honeypot submission's answer, made the way a real one is: a number from the site's sequence
 * (a gap nobody sees as a request) and the same idempotency rules — but nothing else stored.
 */
export async function answerDecoy(
  tx: PgTx,
  siteId: string,
  now: string,
  claim: IdempotencyClaim | null,
  present: (number: number) => StoredResponse,
): Promise<DecoyOutcome> {
  if (claim) {
    const earlier = await claimKey(tx, siteId, claim, now);
    if (earlier !== 'claimed') return earlier;
  }
  const response = present(await nextNumber(tx, siteId));
  if (claim) await keepAnswer(tx, siteId, claim, response);
  return { kind: 'answered', ...response };
}

// What every submission writes runs on statements prepared once per connection (prepared.ts).
const p = sql.placeholder;
const REQUEST_COLUMNS = [
  'id',
  'siteId',
  'number',
  'categoryId',
  'requesterId',
  'organizationId',
  'subject',
  'status',
  'fields',
  'createdAt',
  'updatedAt',
  'solvedAt',
  'senderVerifiedAt',
  'channel',
  'followUpOf',
  'locale',
] as const satisfies readonly (keyof RequestRow)[];

const insertRequest = (tx: PgTx, row: RequestRow) =>
  preparedOnce(tx, 'request-insert', (db, name) => db.insert(requests).values(placeholders(REQUEST_COLUMNS)).prepare(name)).execute({ ...row });

/** A requester's public first comment. */
const insertComment = (tx: PgTx, comment: { id: string; requestId: string; authorEndUserId: string; body: string; createdAt: string }) =>
  preparedOnce(tx, 'first-comment-insert', (db, name) =>
    db
      .insert(comments)
      .values({ ...placeholders(['id', 'requestId', 'authorEndUserId', 'body', 'createdAt']), public: true })
      .prepare(name),
  ).execute(comment);

/** The site's next request number; the row stays locked until commit, so concurrent units number one after another. */
async function nextNumber(tx: PgTx, siteId: string): Promise<number> {
  const statement = preparedOnce(tx, 'next-number', (db, name) =>
    db
      .update(sites)
      .set({ lastRequestNumber: sql`${sites.lastRequestNumber} + 1` })
      .where(eq(sites.id, p('siteId')))
      .returning({ number: sites.lastRequestNumber })
      .prepare(name),
  );
  const [site] = await statement.execute({ siteId });
  if (!site) throw new Error(`site ${siteId} vanished while numbering a request`);
  return site.number;
}

/** The address's contact record, made if there is none. Under the site row's lock (nextNumber, or lockSiteForContacts), so two units make one. */
export async function findOrCreateContact(tx: PgTx, siteId: string, email: string, name: string | null, now: string): Promise<string> {
  const find = preparedOnce(tx, 'contact-by-email', (db, statementName) =>
    db
      .select({ id: endUsers.id })
      .from(endUsers)
      .where(and(eq(endUsers.siteId, p('siteId')), eq(endUsers.email, p('email')), isNull(endUsers.externalId)))
      .prepare(statementName),
  );
  const [existing] = await find.execute({ siteId, email });
  if (existing) return existing.id;
  const id = newId('usr');
  const insert = preparedOnce(tx, 'contact-insert', (db, statementName) =>
    db
      .insert(endUsers)
      .values({ ...placeholders(['id', 'siteId', 'email', 'name', 'createdAt']), externalId: null, updatedAt: p('createdAt') })
      .prepare(statementName),
  );
  await insert.execute({ id, siteId, email, name, createdAt: now });
  return id;
}
