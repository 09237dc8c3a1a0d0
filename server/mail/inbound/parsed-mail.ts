/**
 * Raw RFC 822 in, the parts the pipeline decides on out: mailparser reads the MIME, HTML-only mail
 * becomes text there (mailparser's html-to-text; no HTML is kept, so nothing from a mail is ever
 * rendered as HTML), and attachments are collected with their declared name and type.
 */
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';

export interface InboundAttachment {
  /** As the mail names it; never used as a file name on disk. */
  name: string | null;
  /** As the mail declares it; the files service sniffs the bytes itself. */
  declaredType: string;
  content: Buffer;
}

/** What the SMTP conversation said (the HTTP route has none): the envelope beats the headers. */
export interface Envelope {
  /** MAIL FROM; '' is the null sender `<>` of bounces. */
  mailFrom: string;
  rcptTo: string[];
}

export interface ParsedMail {
  from: { address: string; name: string | null } | null;
  /** Where it was delivered, lower case: the envelope's recipients, or (by HTTP) To, Cc and Delivered-To. */
  recipients: string[];
  subject: string;
  text: string;
  messageId: string | null;
  /** Lower-case header names to their values as mailparser read them. */
  headers: Map<string, HeaderValue>;
  /** The envelope or the Return-Path says `<>`. */
  nullSender: boolean;
  attachments: InboundAttachment[];
}

export async function parseMail(raw: Buffer, envelope?: Envelope): Promise<ParsedMail> {
  const mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  const from = addressesOf(mail.from)[0];
  const returnPath = headerText(mail.headers.get('return-path'));
  return {
    from: from ? { address: from.address, name: from.name || null } : null,
    recipients: (envelope?.rcptTo ?? [...addressesOf(mail.to), ...addressesOf(mail.cc), ...deliveredTo(mail.headers)].map((a) => a.address)).map((a) =>
      a.toLowerCase(),
    ),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    messageId: mail.messageId ?? null,
    headers: mail.headers,
    nullSender: envelope ? envelope.mailFrom === '' : returnPath.trim() === '<>',
    attachments: mail.attachments.map((a) => ({ name: a.filename ?? null, declaredType: a.contentType, content: a.content })),
  };
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((o) => o.value.flatMap((a) => (a.group ? a.group : [a]))).flatMap((a) => (a.address ? [{ address: a.address, name: a.name }] : []));
}

const deliveredTo = (headers: Map<string, HeaderValue>) =>
  ['delivered-to', 'x-original-to'].flatMap((name) => {
    const value = headerText(headers.get(name)).trim();
    return value ? [{ address: value.replace(/^<|>$/g, ''), name: '' }] : [];
  });

/** A header's value as text, whatever shape mailparser gave it (string, address object, structured). */
export function headerText(value: HeaderValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (value instanceof Date) return value.toISOString();
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('value' in value && typeof value.value === 'string') return value.value;
  return '';
}
