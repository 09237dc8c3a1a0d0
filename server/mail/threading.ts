/**
 * Threading headers, so mail clients show a request's mails as one conversation whatever their
 * subjects (an address nobody verified gets a neutral one): each mail's own Message-ID comes from
 * its outbox row (a resend after a crash is the same message, not a second one), and every mail
 * about a request names one root for that request in In-Reply-To and References — a message no
 * mail is, which clients thread by all the same. Ids live under MAIL_FROM's domain and begin with
 * `porthole.`, so a reply's headers can say which request it answers and mail that is ours can be
 * told from a person's.
 */
import type { OutboxRow } from '../store/rows.js';

export interface Threading {
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

export const requestRootId = (requestId: string, domain: string) => `<porthole.request.${requestId}@${domain}>`;

export function threadingOf(row: Pick<OutboxRow, 'id' | 'requestId'>, domain: string): Threading {
  const messageId = `<porthole.${row.id}@${domain}>`;
  if (row.requestId === null) return { messageId };
  const root = requestRootId(row.requestId, domain);
  return { messageId, inReplyTo: root, references: [root] };
}
