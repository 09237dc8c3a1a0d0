/**
 * Writing mail to the outbox, inside the transaction of the event it tells about. What is written
 * is decided here, once, by the caps in rules/mail-caps.ts, so the sender only delivers rows.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { preparedOnce } from './prepared.js';
import { newId } from '../ids.js';
import { outbox } from './schema.js';
import { capWindows, CUSTOMER_MAILS_PER_HOUR, listInDigest } from '../rules/mail-caps.js';
import { draftedMail, mailSince, type DraftedMail } from '../rules/outbox-mail.js';
import type { MailDigest } from '../rows.js';
import type { AgentDigest, MailDraft } from '../types.js';

const p = sql.placeholder;

/**
 * Called inside a unit of work. Its statements are prepared on `db` and run on the one connection,
 * so they write in the unit's savepoint (group-commit.ts) — SQLite's, never the port's, business.
 */
export function enqueueMail(db: Db, siteId: string, requestId: string | null, drafts: MailDraft[], now: string): void {
  const s = statements(db);
  const { hourAgo, hour, hourEnds } = capWindows(now);
  for (const draft of drafts) {
    const single = draftedMail(siteId, requestId, draft);
    const { toMailbox } = single;
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
      addToDigest(db, { ...single, requestId: null, kind: 'agent_digest' }, digest, { hour, due: hourEnds }, draft.digest, now);
    }
  }
}

// A mail of its own (not a digest), due at once.
const singleMail = (now: string) => ({ id: newId('mail'), now, due: now, digestHour: null, digest: null });

/**
 * Lists the change in the agent's digest for this hour (`found`, when begun), written anew with it.
 * The digest is one row, due when the hour ends, found by its unique (site, mailbox, hour).
 */
function addToDigest(
  db: Db,
  row: DraftedMail,
  found: { id: string; digest: MailDigest | null } | undefined,
  window: { hour: string; due: string },
  change: AgentDigest,
  now: string,
): void {
  const s = statements(db);
  const digest = listInDigest(found?.digest ?? null, change);
  if (!digest) return;
  const body = change.compose(digest);
  if (found) s.updateDigest.run({ id: found.id, ...body, digest: JSON.stringify(digest) });
  else s.insert.run({ ...row, ...body, id: newId('mail'), now, due: window.due, digestHour: window.hour, digest });
}

/** The statements of enqueueMail, prepared once per database. */
const statements = (db: Db) =>
  preparedOnce(db, 'outbox-enqueue', () => ({
    mailsSince: db
      .select({ n: count() })
      .from(outbox)
      .where(mailSince(outbox, p('siteId'), p('toMailbox'), p('since')))
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
        toEndUserId: p('toEndUserId'),
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
