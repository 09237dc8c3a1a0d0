/**
 * The outbox rows the caps (mail-caps.ts) decide on, written once: the row a draft is written as,
 * and which rows count against a mailbox's cap. Values may be placeholders, so SQLite prepares
 * its count once (sqlite/outbox.ts).
 */
import { and, eq, gte, type Column, type Placeholder, type SQL, type Table } from 'drizzle-orm';
import type { MailBody, MailDraft } from '../types.js';
import { mailboxOf } from './mail-caps.js';

/** A draft as the outbox stores it, before the caps say when (or whether) it goes. */
export type DraftedMail = MailBody & {
  siteId: string;
  requestId: string | null;
  kind: string;
  toEmail: string;
  toMailbox: string;
  toName: string | null;
  toEndUserId: string | null;
};

export const draftedMail = (siteId: string, requestId: string | null, draft: MailDraft): DraftedMail => ({
  siteId,
  requestId,
  kind: draft.kind,
  toEmail: draft.to.email,
  toMailbox: mailboxOf(draft.to.email),
  toName: draft.to.name,
  // Only a customer's mail about a request gets a reply address (mail/reply-address.ts).
  toEndUserId: draft.audience === 'customer' && requestId !== null ? (draft.to.endUserId ?? null) : null,
  subject: draft.subject,
  text: draft.text,
  html: draft.html,
});

export type OutboxTable = Table & { siteId: Column; toMailbox: Column; createdAt: Column };

/**
 * The site's mail to the mailbox written since `since`. The caps themselves keep this short: a
 * mailbox holds at most a cap's worth of rows (and one digest) in its window, since whatever comes
 * beyond is dropped or goes into the digest.
 */
export const mailSince = (outbox: OutboxTable, siteId: string | Placeholder, toMailbox: string | Placeholder, since: string | Placeholder): SQL =>
  and(eq(outbox.siteId, siteId), eq(outbox.toMailbox, toMailbox), gte(outbox.createdAt, since))!;
