/**
 * Writing mail to the outbox, inside the transaction of the event it tells about. Customers get at
 * most a few mails an hour per site, whatever happens on their requests: beyond that, notifications
 * to them are dropped rather than queued (the conversation itself is always in the widget).
 */
import { and, count, eq, gt } from 'drizzle-orm';
import type { Tx } from './client.js';
import { newId } from './ids.js';
import { outbox } from './schema.js';

export const CUSTOMER_MAILS_PER_HOUR = 5;

export interface MailDraft {
  kind: string;
  to: { email: string; name: string | null };
  /** Customers are rate limited per address; agents are not. */
  audience: 'customer' | 'agent';
  subject: string;
  text: string;
  html: string;
}

export function enqueueMail(tx: Tx, siteId: string, requestId: string | null, drafts: MailDraft[], now: string): void {
  const hourAgo = new Date(Date.parse(now) - 60 * 60 * 1000).toISOString();
  for (const draft of drafts) {
    if (draft.audience === 'customer') {
      const recent = tx
        .select({ n: count() })
        .from(outbox)
        .where(and(eq(outbox.siteId, siteId), eq(outbox.toEmail, draft.to.email), gt(outbox.createdAt, hourAgo)))
        .get();
      if ((recent?.n ?? 0) >= CUSTOMER_MAILS_PER_HOUR) continue;
    }
    tx.insert(outbox)
      .values({
        id: newId('mail'),
        siteId,
        requestId,
        kind: draft.kind,
        toEmail: draft.to.email,
        toName: draft.to.name,
        subject: draft.subject,
        text: draft.text,
        html: draft.html,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      })
      .run();
  }
}
