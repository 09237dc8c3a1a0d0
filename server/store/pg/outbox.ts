/**
 * The outbox on PostgreSQL: mail written inside the transaction of the event it tells about (with
 * the caps of rules/mail-caps.ts), and delivery claims that let senders on several instances share
 * it without sending a mail twice.
 */
import { and, asc, count, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { capWindows, CUSTOMER_MAILS_PER_HOUR, listInDigest, mailboxOf } from '../rules/mail-caps.js';
import { draftedMail, mailSince, type DraftedMail } from '../rules/outbox-mail.js';
import type { OutboxRow } from '../rows.js';
import type { MailDraft } from '../types.js';
import { newId } from '../ids.js';
import type { PgSession, PgTx } from './client.js';
import { placeholders, preparedOnce } from './prepared.js';
import { outbox } from './schema.js';

/**
 * Writes the mail a change causes, inside its transaction. The caps count rows, and two units
 * counting the same mailbox at once would both see room for one more: so each unit first takes a
 * transaction-scoped advisory lock per (site, mailbox) it writes to — in sorted order, so two units
 * mailing the same people cannot deadlock — and the count, the digest read and its write then see
 * every committed mail of that mailbox and none in flight. (The unique digest index still backs the
 * one-digest-per-hour rule; an `ON CONFLICT DO UPDATE` instead of the lock would overwrite the
 * other unit's entries, since the digest's new content is computed from the one read.)
 */
export async function enqueueMail(tx: PgTx, siteId: string, requestId: string | null, drafts: MailDraft[], now: string): Promise<void> {
  if (!drafts.length) return;
  const mailboxes = [...new Set(drafts.map((draft) => mailboxOf(draft.to.email)))].sort();
  // One statement for all of them, taken in the order the subquery sorts them (the same in every unit).
  const keys = mailboxes.map((mailbox) => `porthole:mail:${siteId}:${mailbox}`);
  await tx.execute(
    sql`SELECT count(pg_advisory_xact_lock(hashtextextended(key, 0))) FROM (SELECT key FROM unnest(${sql.param(keys)}::text[]) AS key ORDER BY key COLLATE "C") AS sorted`,
  );

  const { hourAgo, hour, hourEnds } = capWindows(now);
  for (const draft of drafts) {
    const single = draftedMail(siteId, requestId, draft);
    if (draft.audience === 'customer') {
      if ((await mailsSince(tx, siteId, single.toMailbox, hourAgo)) < CUSTOMER_MAILS_PER_HOUR) await insertMail(tx, { ...single, due: now, now });
      continue;
    }
    // A digest is begun only once the hour's single mails are spent, so finding it answers the cap
    // without counting: during a flood, each event costs this one read.
    const [digest] = await preparedOnce(tx, 'outbox-digest', (db, name) =>
      db
        .select({ id: outbox.id, digest: outbox.digest })
        .from(outbox)
        .where(and(eq(outbox.siteId, p('siteId')), eq(outbox.toMailbox, p('toMailbox')), eq(outbox.digestHour, p('hour'))))
        .prepare(name),
    ).execute({ siteId, toMailbox: single.toMailbox, hour });
    if (!digest && (await mailsSince(tx, siteId, single.toMailbox, hour)) < draft.digest.perHour) {
      await insertMail(tx, { ...single, due: now, now });
      continue;
    }
    const listed = listInDigest(digest?.digest ?? null, draft.digest);
    if (!listed) continue;
    const body = draft.digest.compose(listed);
    if (digest)
      await tx
        .update(outbox)
        .set({ ...body, digest: listed })
        .where(eq(outbox.id, digest.id));
    else await insertMail(tx, { ...single, ...body, requestId: null, kind: 'agent_digest', due: hourEnds, now, digestHour: hour, digest: listed });
  }
}

// The cap's count and the insert run for every mail: prepared once per connection (prepared.ts).
const p = sql.placeholder;

async function mailsSince(tx: PgTx, siteId: string, toMailbox: string, since: string): Promise<number> {
  const statement = preparedOnce(tx, 'outbox-mail-since', (db, name) =>
    db
      .select({ n: count() })
      .from(outbox)
      .where(mailSince(outbox, p('siteId'), p('toMailbox'), p('since')))
      .prepare(name),
  );
  const [row] = await statement.execute({ siteId, toMailbox, since });
  return row!.n;
}

type NewMail = DraftedMail & Partial<Pick<OutboxRow, 'digestHour' | 'digest'>> & { due: string; now: string };

const MAIL_COLUMNS = [
  'id',
  'siteId',
  'requestId',
  'kind',
  'toEmail',
  'toMailbox',
  'toName',
  'toEndUserId',
  'subject',
  'text',
  'html',
  'nextAttemptAt',
  'createdAt',
  'digestHour',
  'digest',
] as const satisfies readonly (keyof OutboxRow)[];

async function insertMail(tx: PgTx, { due, now, ...mail }: NewMail): Promise<void> {
  const statement = preparedOnce(tx, 'outbox-insert', (db, name) =>
    db
      .insert(outbox)
      // Bound as it is, not through the jsonb column's encoder, which would store a missing digest as JSON null.
      .values({ ...placeholders(MAIL_COLUMNS), digest: sql`${p('digest')}`, status: 'pending', attempts: 0 })
      .prepare(name),
  );
  await statement.execute({ digestHour: null, digest: null, ...mail, id: newId('mail'), nextAttemptAt: due, createdAt: now });
}

/**
 * Claims up to `limit` due mails until `now + leaseMs`, oldest first. SKIP LOCKED: a sender on
 * another instance claiming at the same moment takes other rows instead of waiting for these; the
 * claim itself keeps them from every sender until it lapses (a crashed sender's mail comes due again).
 */
export async function claimDue(tx: PgTx, now: string, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const due = tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now))))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  const claimed = await tx.update(outbox).set({ claimedUntil }).where(inArray(outbox.id, due)).returning();
  // RETURNING keeps no order: put the oldest first again, as the sender delivers them.
  return claimed.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}

// What became of an attempt; only pending rows move, so a sent or failed mail stays so. Each ends the claim.
const pendingMail = (id: string) => and(eq(outbox.id, id), eq(outbox.status, 'pending'));

export async function markSent(tx: PgSession, id: string, now: string): Promise<void> {
  await tx
    .update(outbox)
    .set({ status: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1`, claimedUntil: null })
    .where(pendingMail(id));
}

export async function scheduleRetry(tx: PgSession, id: string, attempts: number, nextAttemptAt: string, error: string): Promise<void> {
  await tx.update(outbox).set({ attempts, nextAttemptAt, lastError: error, claimedUntil: null }).where(pendingMail(id));
}

export async function markFailed(tx: PgSession, id: string, attempts: number, error: string): Promise<void> {
  await tx.update(outbox).set({ status: 'failed', attempts, lastError: error, claimedUntil: null }).where(pendingMail(id));
}

/** Ends claims on mails a sender did not try (it stopped mid-batch), so they are due again at once. */
export async function release(tx: PgSession, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(outbox)
    .set({ claimedUntil: null })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, 'pending')));
}

export async function pendingCount(tx: PgSession): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
  return row!.n;
}
