/**
 * Writing mail to the outbox, inside the transaction of the event it tells about. What is written
 * is decided here, once, so the sender only delivers rows (and several senders can later share the
 * outbox by claiming rows, digests included, one at a time):
 * - customers get at most CUSTOMER_MAILS_PER_HOUR mails an hour per site and mailbox (any 60
 *   minutes); beyond that, notifications to them are dropped rather than queued — the
 *   conversation itself is always in the widget;
 * - agents get at most their draft's `perHour` single mails per site and mailbox in a clock hour;
 *   beyond that, each change is listed in one digest per agent, due when the hour ends.
 */
import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { preparedOnce } from './prepared.js';
import { newId } from './ids.js';
import { outbox, type MailDigest } from './schema.js';

export const CUSTOMER_MAILS_PER_HOUR = 5;
/** A digest lists this many requests at most; beyond them it says "and more". */
export const DIGEST_ENTRIES = 20;

const HOUR_MS = 60 * 60 * 1000;
const p = sql.placeholder;

export interface MailBody {
  subject: string;
  text: string;
  html: string;
}

interface Draft extends MailBody {
  kind: string;
  to: { email: string; name: string | null };
}

/** Where an agent's mail goes once the hour's single mails are spent, and how the digest reads. */
export interface AgentDigest {
  /** Single mails one mailbox gets from the site in a clock hour. */
  perHour: number;
  /** This change, as the digest lists it. */
  number: number;
  change: string;
  compose(digest: MailDigest): MailBody;
}

export type MailDraft = (Draft & { audience: 'customer' }) | (Draft & { audience: 'agent'; digest: AgentDigest });

/**
 * The mailbox an address delivers to, as the hourly caps count it: lower-cased, without a `+tag`
 * and without dots in the part before the `@` (Gmail ignores them; most providers deliver
 * `ann+1@` to `ann@`). Reading too much as one mailbox only makes two people of one domain share
 * a budget; reading too little would give `a.nn+1@`, `an.n+2@`, … a budget each.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, Math.max(at, 0)).split('+')[0]!.replaceAll('.', '');
  return `${local}${email.slice(Math.max(at, 0))}`.toLowerCase();
}

/** Called inside the transaction of the event (with `db`: prepared statements run on its connection). */
export function enqueueMail(db: Db, siteId: string, requestId: string | null, drafts: MailDraft[], now: string): void {
  const s = statements(db);
  const hourAgo = new Date(Date.parse(now) - HOUR_MS).toISOString();
  const hour = new Date(Math.floor(Date.parse(now) / HOUR_MS) * HOUR_MS).toISOString();
  for (const draft of drafts) {
    const toMailbox = mailboxOf(draft.to.email);
    const single: MailRow = {
      siteId,
      requestId,
      kind: draft.kind,
      toEmail: draft.to.email,
      toMailbox,
      toName: draft.to.name,
      subject: draft.subject,
      text: draft.text,
      html: draft.html,
    };
    if (draft.audience === 'customer') {
      if (s.mailsSince.get({ siteId, toMailbox, since: hourAgo })!.n < CUSTOMER_MAILS_PER_HOUR) s.insert.run({ ...single, ...singleMail(now) });
      continue;
    }
    // A digest is begun only once the hour's single mails are spent, so finding it answers the cap
    // without counting: during a flood, each event costs this one read.
    const digest = s.findDigest.get({ siteId, toMailbox, hour });
    if (!digest && s.mailsSince.get({ siteId, toMailbox, since: hour })!.n < draft.digest.perHour) {
      s.insert.run({ ...single, ...singleMail(now) });
    } else {
      addToDigest(db, { ...single, requestId: null, kind: 'agent_digest' }, digest, hour, draft.digest, now);
    }
  }
}

type MailRow = MailBody & { siteId: string; requestId: string | null; kind: string; toEmail: string; toMailbox: string; toName: string | null };
// A mail of its own (not a digest), due at once.
const singleMail = (now: string) => ({ id: newId('mail'), now, due: now, digestHour: null, digest: null });

/**
 * Lists the change in the agent's digest for this hour (`found`, when begun), written anew with it.
 * The digest is one row, due when the hour ends, found by its unique (site, mailbox, hour): on
 * PostgreSQL the read becomes SELECT … FOR UPDATE, and two transactions that both start the hour's
 * digest meet at the unique index, so one retries and adds to the other's. A change the digest
 * already shows, or one beyond its last entry once it says "and more", writes nothing: a flood
 * costs a read per event.
 */
function addToDigest(db: Db, row: MailRow, found: { id: string; digest: MailDigest | null } | undefined, hour: string, change: AgentDigest, now: string): void {
  const s = statements(db);
  const digest: MailDigest = found?.digest ?? { entries: [], more: false };
  const entry = digest.entries.find((e) => e.number === change.number);
  if (entry) {
    if (entry.changes.includes(change.change)) return;
    entry.changes.push(change.change);
  } else if (digest.entries.length < DIGEST_ENTRIES) {
    digest.entries.push({ number: change.number, changes: [change.change] });
  } else {
    if (digest.more) return;
    digest.more = true;
  }
  const body = change.compose(digest);
  if (found) s.updateDigest.run({ id: found.id, ...body, digest: JSON.stringify(digest) });
  else s.insert.run({ ...row, ...body, id: newId('mail'), now, due: new Date(Date.parse(hour) + HOUR_MS).toISOString(), digestHour: hour, digest });
}

/** The statements of enqueueMail, prepared once per database. */
const statements = (db: Db) =>
  preparedOnce(db, 'outbox-enqueue', () => ({
    // The caps themselves keep this short: a mailbox holds at most a cap's worth of rows (and one
    // digest) in its window, since whatever comes beyond is dropped or goes into the digest.
    mailsSince: db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.siteId, p('siteId')), eq(outbox.toMailbox, p('toMailbox')), gte(outbox.createdAt, p('since'))))
      .prepare(),
    findDigest: db
      .select({ id: outbox.id, digest: outbox.digest })
      .from(outbox)
      .where(and(eq(outbox.siteId, p('siteId')), eq(outbox.toMailbox, p('toMailbox')), eq(outbox.digestHour, p('hour'))))
      .prepare(),
    updateDigest: db
      .update(outbox)
      .set({ subject: sql`${p('subject')}`, text: sql`${p('text')}`, html: sql`${p('html')}`, digest: sql`${p('digest')}` })
      .where(eq(outbox.id, p('id')))
      .prepare(),
    insert: db
      .insert(outbox)
      .values({
        id: p('id'),
        siteId: p('siteId'),
        requestId: p('requestId'),
        kind: p('kind'),
        toEmail: p('toEmail'),
        toMailbox: p('toMailbox'),
        toName: p('toName'),
        subject: p('subject'),
        text: p('text'),
        html: p('html'),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: p('due'),
        createdAt: p('now'),
        digestHour: p('digestHour'),
        digest: p('digest'),
      })
      .prepare(),
  }));
