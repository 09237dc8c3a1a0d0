/**
 * Mail in over real SMTP: nodemailer sends to the inbound listener (on a free port), customers'
 * mail goes out with their reply address to a sink, and what each mail became is read back through
 * the store — on both engines (the HTTP suite runs on each).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { headersOf, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { newId } from '../../server/store/ids.js';
import { siteIdOf } from '../support/inspect.js';
import { createMailTransport, type MailTransport } from '../../server/mail/transport.js';
import { createOutboxSender, type MailLog } from '../../server/mail/outbox-sender.js';
import { replyToOf } from '../../server/mail/reply-address.js';
import { startSmtpListener, type SmtpListener } from '../../server/mail/inbound/smtp-listener.js';
import { readConfig } from '../../server/config.js';
import { parseMail } from '../../server/mail/inbound/parsed-mail.js';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
// smtp-server's own pregenerated localhost certificate: a test's, never a server's.
import tlsDefaults from 'smtp-server/lib/tls-options.js';
import { categoryIds, submit } from './helpers.js';
import { PNG } from '../support/files.js';

const DAY = 24 * 60 * 60 * 1000;
const PAT = 'pat@customer.example';
const DAN = 'dan@customer.example';
const RILEY = 'riley@northwind.example';
const quiet: MailLog = { info() {}, warn() {}, error() {} };

let t: TestApp;
let siteId: string;
let sink: SmtpSink;
let transport: MailTransport;
let listener: SmtpListener;
let mailer: Transporter;

beforeEach(async () => {
  t = await createTestApp({ inbound: { ...readConfig({}).inbound, maxBytes: 64 * 1024 } });
  siteId = await siteIdOf(t.db, 'demo');
  await t.store.admin.createAgent({
    id: newId('agt'),
    siteId,
    email: RILEY,
    name: 'Riley Chen',
    passwordHash: null,
    createdAt: t.clock.now.toISOString(),
    removedAt: null,
  });
  sink = await startSmtpSink();
  transport = createMailTransport({ smtpUrl: sink.url, mailDir: join(tmpdir(), 'porthole-unused-mail'), timeoutMs: 2000 });
  listener = (await startSmtpListener({
    inbound: t.config.inbound,
    connections: t.config.connections,
    host: '127.0.0.1',
    port: 0,
    receive: t.app.porthole.receiveMail,
    log: quiet,
  }))!;
  mailer = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
});

afterEach(async () => {
  mailer.close();
  transport.close();
  await listener.close();
  await sink.close();
  await t.close();
});

/** Delivers the outbox to the sink; returns the Reply-To each recipient got this time (undefined: none). */
async function deliverOutbox(): Promise<Map<string, string | undefined>> {
  const sender = createOutboxSender({
    store: t.store,
    transport,
    clock: () => t.clock.now,
    from: t.config.mailFrom,
    log: quiet,
    replyTo: replyToOf(t.store, t.app.porthole.replyAddresses, () => t.clock.now),
  });
  const before = sink.received.length;
  await sender.deliverDue();
  return new Map(sink.received.slice(before).map((mail) => [mail.rcptTo[0]!, headersOf(mail.raw)['reply-to']]));
}

/** Pat's anonymous request through the widget's API, and the reply address her receipt carried. */
async function patsRequest(): Promise<{ number: number; replyTo: string }> {
  const cats = await categoryIds(t.app);
  const created = await submit(t.app, {
    categoryId: cats['Account & sign-in'],
    subject: 'Locked out',
    description: 'I cannot sign in.',
    email: PAT,
    name: 'Pat',
  });
  expect(created.statusCode, created.body).toBe(201);
  const replyTos = await deliverOutbox();
  return { number: created.json().request.id, replyTo: replyTos.get(PAT)! };
}

const send = (mail: SendMailOptions) => mailer.sendMail(mail);
const comments = async (number: number) => (await t.store.agentRequests.find(siteId, number))!.comments;

const QUOTED_REPLY = [
  'Thanks, that worked!',
  '',
  '--',
  'Pat',
  'Customer Example Ltd.',
  '',
  'On Mon, Nov 23, 2026 at 10:00 AM Northwind Outfitters <support@porthole.localhost> wrote:',
  '> We have received your request.',
  '> ##- Please type your reply above this line -##',
].join('\n');

describe('reply addresses on outbound mail', () => {
  test('each customer mail carries a reply address for its recipient and request; agents’ mail none', async () => {
    const { number, replyTo } = await patsRequest();
    expect(replyTo).toMatch(/^reply\+[a-z2-7]+@inbound\.localhost$/);
    expect(replyTo.split('@')[0]!.length).toBeLessThanOrEqual(64);
    const reading = t.app.porthole.replyAddresses.read(replyTo);
    expect(reading?.kind).toBe('valid');
    const target = await t.store.inbound.findReplyTarget((reading as { key: string }).key);
    expect(target).toMatchObject({ siteId, number, recipient: { email: PAT } });

    // An agent's reply goes to Pat again with the same address; a CC would get one of their own.
    const agentMails = sink.received.filter((mail) => mail.rcptTo[0] === RILEY);
    expect(agentMails).toHaveLength(1);
    expect(headersOf(agentMails[0]!.raw)['reply-to']).toBeUndefined();
  });
});

describe('replies by mail', () => {
  test('a reply with quoted history, a signature and a file becomes a clean comment by that person with the file, and proves her address', async () => {
    const { number, replyTo } = await patsRequest();
    await send({
      from: `Pat <${PAT}>`,
      to: replyTo,
      subject: 'Re: Your request',
      text: QUOTED_REPLY,
      attachments: [{ filename: 'screenshot.png', content: PNG }],
    });
    const thread = await comments(number);
    expect(thread.map((c) => c.body)).toEqual(['I cannot sign in.', 'Thanks, that worked!']);
    expect(thread[1]!.attachments).toMatchObject([{ name: 'screenshot.png', contentType: 'image/png', size: PNG.length }]);
    expect(thread[1]).toMatchObject({ authorName: 'Pat', byAgent: false, sentFrom: null });
    expect((await t.store.agentRequests.find(siteId, number))!.request.senderVerifiedAt).not.toBeNull();
  });

  test('HTML-only mail is stored as text, never HTML', async () => {
    const { number, replyTo } = await patsRequest();
    await send({ from: PAT, to: replyTo, subject: 'Re', html: '<p>Hello <b>there</b></p><script>alert(1)</script><img src=x onerror=alert(2)>' });
    const { body } = (await comments(number)).at(-1)!;
    expect(body).toMatch(/^Hello there\b/);
    expect(body).not.toMatch(/[<>]|alert|script/);
  });

  test('a forged token, an expired one and a mismatched sender make no comment', async () => {
    const { number, replyTo } = await patsRequest();
    const [local, domain] = replyTo.split('@') as [string, string];
    // One character changed in the middle (a MAC byte), and one at the end (only spare bits: not our spelling either).
    const at = 20;
    const swap = (char: string) => (char === 'a' ? 'b' : 'a');
    await send({ from: PAT, to: `${local.slice(0, at)}${swap(local[at]!)}${local.slice(at + 1)}@${domain}`, subject: 'Re', text: 'Forged' });
    await send({ from: PAT, to: `${local.slice(0, -1)}${swap(local.at(-1)!)}@${domain}`, subject: 'Re', text: 'Forged too' });
    await send({ from: 'mallory@elsewhere.example', to: replyTo, subject: 'Re', text: 'Not Pat' });
    t.clock.advance(181 * DAY);
    await send({ from: PAT, to: replyTo, subject: 'Re', text: 'Too late' });
    expect((await comments(number)).map((c) => c.body)).toEqual(['I cannot sign in.']);
  });

  test('a site that allows other senders takes their reply, marked with their address', async () => {
    const { number, replyTo } = await patsRequest();
    await t.store.inbound.saveSettings({ siteId, allowOtherSenders: true, address: null });
    // Pat's own reply proves the request first: a comment by someone else needs a request Pat is known to own.
    await send({ from: PAT, to: replyTo, subject: 'Re', text: 'From me' });
    await send({ from: DAN, to: replyTo, subject: 'Re', text: 'From my colleague' });
    expect((await comments(number)).at(-1)).toMatchObject({ body: 'From my colleague', sentFrom: DAN });
  });

  test('auto-replies and bounces make no comment', async () => {
    const { number, replyTo } = await patsRequest();
    await send({ from: PAT, to: replyTo, subject: 'Out of office', text: 'I am away', headers: { 'Auto-Submitted': 'auto-replied' } });
    await send({ from: PAT, to: replyTo, subject: 'Away', text: 'Away', headers: { Precedence: 'auto_reply' } });
    await send({ from: PAT, to: replyTo, subject: 'Away', text: 'Away', headers: { 'X-Autoreply': 'yes' } });
    await send({ from: 'MAILER-DAEMON@mx.customer.example', to: replyTo, subject: 'Undelivered Mail Returned to Sender', text: 'Delivery failed' });
    await send({ envelope: { from: '', to: replyTo }, from: PAT, to: replyTo, subject: 'Bounce', text: 'Null sender' });
    await send({ from: PAT, to: replyTo, subject: 'Echo', text: 'Our own mail', messageId: '<porthole.mail_x@porthole.localhost>' });
    expect((await comments(number)).map((c) => c.body)).toEqual(['I cannot sign in.']);
  });

  test('a reply to a solved request reopens it; to a closed one it opens a follow-up linked to it', async () => {
    const { number, replyTo } = await patsRequest();
    await t.store.agentRequests.setStatus(
      siteId,
      number,
      () => 'solved',
      t.clock.now.toISOString(),
      () => [],
    );
    await send({ from: PAT, to: replyTo, subject: 'Re', text: 'Still broken' });
    expect((await t.store.agentRequests.find(siteId, number))!.request.status).toBe('open');

    await t.store.agentRequests.setStatus(
      siteId,
      number,
      () => 'closed',
      t.clock.now.toISOString(),
      () => [],
    );
    await send({ from: PAT, to: replyTo, subject: 'Locked out again', text: 'It happened again.' });
    const closed = (await t.store.agentRequests.find(siteId, number))!;
    expect(closed.comments).toHaveLength(2);
    const followUp = (await t.store.agentRequests.find(siteId, number + 1))!;
    expect(followUp.request).toMatchObject({ followUpOf: closed.request.id, channel: 'email', subject: 'Locked out again', status: 'new' });
    expect(followUp.followUpOfNumber).toBe(number);
    expect(followUp.requester.email).toBe(PAT);
    expect(followUp.comments.map((c) => c.body)).toEqual(['It happened again.']);
  });
});

describe('new requests by mail', () => {
  test('a mail to the support address opens an unverified email request, in the unverified view only, with a receipt quoting nothing', async () => {
    await send({ from: `Quinn <quinn@new.example>`, to: 'demo@inbound.localhost', subject: 'Where is my order?', text: 'Order 1234 has not arrived.' });
    const queue = (view: 'main' | 'unverified_mail') =>
      t.store.agentRequests.queue(siteId, { view, statuses: null, categoryId: null, unanswered: false, search: null, after: null, limit: 50 });
    const [row] = await queue('unverified_mail');
    expect(row).toMatchObject({ subject: 'Where is my order?', requesterEmail: 'quinn@new.example', requesterName: 'Quinn', senderVerifiedAt: null });
    expect((await queue('main')).map((r) => r.number)).not.toContain(row!.number);
    const view = (await t.store.agentRequests.find(siteId, row!.number))!;
    expect(view.request.channel).toBe('email');
    expect(view.comments.map((c) => c.body)).toEqual(['Order 1234 has not arrived.']);

    const receipt = sink.received.length;
    await deliverOutbox();
    const toQuinn = sink.received.slice(receipt).find((mail) => mail.rcptTo[0] === 'quinn@new.example')!;
    expect(toQuinn.raw).not.toContain('Order 1234');
    expect(headersOf(toQuinn.raw).subject).not.toContain('Where is my order');
  });

  test('blocked senders and domains open nothing', async () => {
    await t.store.inbound.block(siteId, 'spam@bad.example', t.clock.now.toISOString());
    await t.store.inbound.block(siteId, '@worse.example', t.clock.now.toISOString());
    await send({ from: 'spam@bad.example', to: 'demo@inbound.localhost', subject: 'Buy', text: 'Buy now' });
    await send({ from: 'anyone@worse.example', to: 'demo@inbound.localhost', subject: 'Buy', text: 'Buy now' });
    expect(await t.store.inbound.countUnverifiedMail(siteId)).toBe(0);
  });
});

describe('the listener', () => {
  test('refuses mail over INBOUND_MAX_BYTES with 552', async () => {
    const refused = await send({ from: PAT, to: 'demo@inbound.localhost', subject: 'Big', text: 'x'.repeat(100 * 1024) }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ responseCode: 552 });
    expect(await t.store.inbound.countUnverifiedMail(siteId)).toBe(0);
  });

  test('refuses recipients at another domain: it relays nothing', async () => {
    const refused = await send({ from: PAT, to: 'someone@elsewhere.example', subject: 'Relay?', text: 'Please' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ responseCode: 550 });
  });
});

/** What the listener says to EHLO, as a client would read it. */
async function ehlo(port: number): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let said = '';
  socket.on('data', (chunk) => {
    said += chunk.toString();
    if (said.startsWith('220') && !said.includes('EHLO sent')) {
      said += 'EHLO sent\n';
      socket.write('EHLO client.example\r\n');
    }
  });
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (/^250 /m.test(said)) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
  socket.end('QUIT\r\n');
  return said;
}

describe('the listener, more', () => {
  test('offers SIZE, and neither AUTH nor STARTTLS without a certificate', async () => {
    const said = await ehlo(listener.port);
    expect(said).toContain(`SIZE ${64 * 1024}`);
    expect(said).not.toMatch(/AUTH|STARTTLS/);
  });

  test('a busy port is logged, not thrown: the support server runs on without mail in', async () => {
    const warnings: string[] = [];
    const log = { ...quiet, warn: (_details: object, message: string) => warnings.push(message) };
    const second = await startSmtpListener({
      inbound: t.config.inbound,
      connections: t.config.connections,
      host: '127.0.0.1',
      port: listener.port,
      receive: t.app.porthole.receiveMail,
      log,
    });
    expect(second).toBeUndefined();
    expect(warnings.join()).toContain('EADDRINUSE');
  });

  test('attachments are collected with their name, declared type and bytes for the files service', async () => {
    const raw = await new Promise<Buffer>((resolve, reject) =>
      nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(
        {
          from: PAT,
          to: 'demo@inbound.localhost',
          subject: 'With a file',
          text: 'See attached.',
          attachments: [{ filename: 'notes.txt', content: 'hello', contentType: 'text/plain' }],
        },
        (error, info) => (error ? reject(error) : resolve(info.message as Buffer)),
      ),
    );
    const parsed = await parseMail(raw);
    expect(parsed.attachments).toEqual([{ name: 'notes.txt', declaredType: 'text/plain', content: Buffer.from('hello') }]);
    expect(parsed.recipients).toEqual(['demo@inbound.localhost']);
  });
});

describe('STARTTLS', () => {
  test('is offered with INBOUND_TLS_CERT and INBOUND_TLS_KEY, and mail then arrives encrypted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-tls-'));
    const { cert, key } = tlsDefaults() as { cert: string; key: string };
    writeFileSync(join(dir, 'cert.pem'), cert);
    writeFileSync(join(dir, 'key.pem'), key);
    const inbound = { ...t.config.inbound, tls: { certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') } };
    const secured = (await startSmtpListener({
      inbound,
      connections: t.config.connections,
      host: '127.0.0.1',
      port: 0,
      receive: t.app.porthole.receiveMail,
      log: quiet,
    }))!;
    try {
      expect(await ehlo(secured.port)).toContain('STARTTLS');
      const tlsMailer = nodemailer.createTransport({
        host: '127.0.0.1',
        port: secured.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      await tlsMailer.sendMail({ from: 'quinn@new.example', to: 'demo@inbound.localhost', subject: 'Over TLS', text: 'Encrypted.' });
      tlsMailer.close();
      expect(await t.store.inbound.countUnverifiedMail(siteId)).toBe(1);
    } finally {
      await secured.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
