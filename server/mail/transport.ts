/**
 * Where outgoing mail goes: an SMTP server when `SMTP_URL` is set, otherwise `.eml` files in
 * `MAIL_DIR`, so a laptop run needs no mail server and a newcomer can open what was "sent".
 *
 * Addresses reach nodemailer only as `{ name, address }` objects, never as strings we put together,
 * so a display name can never be read as more recipients. Control characters in a recipient or a
 * subject are refused outright (the API refuses them too; this is the second line).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { lineProblem } from '../contract/rules.js';
import type { DkimKey } from '../store/types.js';
import type { Threading } from './threading.js';

export interface OutgoingMail {
  /** The site's name and its address (site-sender.ts), as one mailbox: a name is never put into a string with the address. */
  from: { name: string; address: string };
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Message-ID, In-Reply-To and References (threading.ts). */
  thread?: Threading;
  /** Signs the mail (nodemailer's per-message `dkim`) when the site has a key. */
  dkim?: DkimKey | null;
  /** One plain address we made (reply-address.ts). */
  replyTo?: string;
}

export interface MailTransport {
  kind: 'smtp' | 'files';
  /** Resolves once the SMTP server accepted the mail, or the file is written. */
  send(message: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailTransportConfig {
  smtpUrl?: string;
  mailDir: string;
  /** Connection, greeting and socket timeouts for SMTP, so a dead server fails fast. */
  timeoutMs?: number;
}

/** Thrown for a mail that must never be sent as it is; retrying cannot help. */
export class MailRefusedError extends Error {
  readonly permanent = true;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// One plain addr-spec: no spaces, quotes, brackets, commas or anything else that could start a second address.
const PLAIN_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;
const HEADER_NAME = /^[!-9;-~]+$/;
// The single-line rule the API applies (contract/rules.ts): header values are single lines.
const hasControls = (value: string) => lineProblem(value) === 'control_characters';

/** Reads `MAIL_FROM` as exactly one mailbox; throws when it is anything else. */
export function parseMailFrom(value: string): { name: string; address: string } {
  const parsed = addressparser(value, { flatten: true });
  const [mailbox] = parsed;
  if (parsed.length !== 1 || !mailbox || !PLAIN_ADDRESS.test(mailbox.address) || hasControls(mailbox.name)) {
    throw new Error(`MAIL_FROM must be one address such as "Support <support@example.com>", got "${value}"`);
  }
  return { name: mailbox.name, address: mailbox.address };
}

export function createMailTransport(config: MailTransportConfig): MailTransport {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (config.smtpUrl) {
    const mailer = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
      // Our mails are strings; nothing in them may make the mailer read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return {
      kind: 'smtp',
      async send(message) {
        await mailer.sendMail(toNodemailer(message));
      },
      close: () => mailer.close(),
    };
  }

  const renderer = nodemailer.createTransport({ streamTransport: true, buffer: true, disableFileAccess: true, disableUrlAccess: true });
  return {
    kind: 'files',
    async send(message) {
      const info = await renderer.sendMail(toNodemailer(message));
      const raw = Buffer.isBuffer(info.message) ? info.message : await readAll(info.message);
      await mkdir(config.mailDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/:/g, '-'); // colons are not allowed in Windows file names
      const recipient = message.to.address.replace(/[^a-zA-Z0-9._@+-]/g, '_').slice(0, 64);
      const path = join(config.mailDir, `${stamp}-${recipient}-${randomBytes(4).toString('hex')}.eml`);
      // Written aside and renamed, so whoever watches the folder never opens half a mail.
      await writeFile(`${path}.partial`, raw, { flag: 'wx' });
      await rename(`${path}.partial`, path);
    },
    close() {},
  };
}

function toNodemailer(message: OutgoingMail) {
  const { from, to, subject, dkim } = message;
  if (hasControls(to.name ?? '') || hasControls(to.address) || hasControls(subject) || hasControls(from.name)) {
    throw new MailRefusedError('refused a mail with control characters in its sender, recipient or subject');
  }
  if (!PLAIN_ADDRESS.test(to.address)) throw new MailRefusedError('refused a mail whose recipient is not one plain address');
  if (!PLAIN_ADDRESS.test(from.address)) throw new MailRefusedError('refused a mail whose sender is not one plain address');
  if (message.replyTo !== undefined && !PLAIN_ADDRESS.test(message.replyTo))
    throw new MailRefusedError('refused a mail whose Reply-To is not one plain address');
  const headers = message.headers ?? {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || hasControls(value)) throw new MailRefusedError(`refused a mail with a malformed ${JSON.stringify(name)} header`);
  }
  return {
    from: { name: from.name, address: from.address },
    to: { name: to.name ?? '', address: to.address },
    subject,
    text: message.text,
    html: message.html,
    headers,
    ...(message.replyTo && { replyTo: message.replyTo }),
    ...(message.thread && { messageId: message.thread.messageId, inReplyTo: message.thread.inReplyTo, references: message.thread.references }),
    ...(dkim && { dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey: dkim.privateKey } }),
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
