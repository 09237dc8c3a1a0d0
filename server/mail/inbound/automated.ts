/**
 * Mail no person wrote, which must never become a comment or a request (and whose answer would be
 * another mail: a loop): auto-replies, bounces and list mail, by the headers RFC 3834 and common
 * mailers set, and our own outbound mail coming back (its Message-ID is ours: mail/threading.ts).
 */
import { headerText, type ParsedMail } from './parsed-mail.js';

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);
const DAEMONS = new Set(['mailer-daemon', 'postmaster']);
const OURS = /^<porthole\.[^@>]+@[^>]+>$/i;

/** Why the mail is automatic, or undefined when a person may have written it. */
export function automaticReason(mail: ParsedMail): string | undefined {
  const header = (name: string) => headerText(mail.headers.get(name)).trim().toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_submitted';
  if (BULK_PRECEDENCE.has(header('precedence'))) return 'bulk_precedence';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'auto_reply';
  if (mail.nullSender) return 'null_sender';
  const fromLocal = mail.from?.address.split('@')[0]?.toLowerCase();
  if (fromLocal && DAEMONS.has(fromLocal)) return 'mailer_daemon';
  if (header('content-type').startsWith('multipart/report')) return 'report';
  if (mail.messageId && OURS.test(mail.messageId.trim())) return 'own_mail';
  return undefined;
}
