/**
 * Writing mail to the outbox, inside the transaction of the event it tells about. Customers get at
 * most a few mails an hour per site, whatever happens on their requests: beyond that, notifications
 * to them are dropped rather than queued (the conversation itself is always in the widget).
 */
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { preparedOnce } from './prepared.js';
import { newId } from './ids.js';
import { outbox } from './schema.js';

export const CUSTOMER_MAILS_PER_HOUR = 5;

const p = sql.placeholder;

export interface MailDraft {
  kind: string;
  to: { email: string; name: string | null };
  /** Customers are rate limited per address; agents are not. */
  audience: 'customer' | 'agent';
  subject: string;
  text: string;
  html: string;
}

/** Called inside the transaction of the event (with `db`: prepared statements run on its connection). */
export function enqueueMail(db: Db, siteId: string, requestId: string | null, drafts: MailDraft[], now: string): void {
  const hourAgo = new Date(Date.parse(now) - 60 * 60 * 1000).toISOString();
  for (const draft of drafts) {
    if (draft.audience === 'customer') {
      const recent = preparedOnce(db, 'outbox-recent', () =>
        db
          .select({ n: count() })
          .from(outbox)
          .where(and(eq(outbox.siteId, p('siteId')), eq(outbox.toEmail, p('toEmail')), gt(outbox.createdAt, p('since'))))
          .prepare(),
      ).get({ siteId, toEmail: draft.to.email, since: hourAgo });
      if ((recent?.n ?? 0) >= CUSTOMER_MAILS_PER_HOUR) continue;
    }
    const insert = preparedOnce(db, 'outbox-insert', () =>
      db
        .insert(outbox)
        .values({
          id: p('id'),
          siteId: p('siteId'),
          requestId: p('requestId'),
          kind: p('kind'),
          toEmail: p('toEmail'),
          toName: p('toName'),
          subject: p('subject'),
          text: p('text'),
          html: p('html'),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: p('now'),
          createdAt: p('now'),
        })
        .prepare(),
    );
    insert.run({ id: newId('mail'), siteId, requestId, kind: draft.kind, toEmail: draft.to.email, toName: draft.to.name, subject: draft.subject, text: draft.text, html: draft.html, now });
  }
}
