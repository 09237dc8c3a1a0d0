import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import addressparser from 'nodemailer/lib/addressparser';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { headersOf, startSmtpSink, unusedPort, type SmtpSink } from '../support/smtp-sink.js';
import { firstRow, siteIdOf } from '../support/inspect.js';
import { outbox, requests } from '../support/tables.js';
import { newId } from '../../server/store/ids.js';
import { mailboxOf } from '../../server/store/rules/mail-caps.js';
import { createMailTransport, MailRefusedError, parseMailFrom, type MailTransport, type OutgoingMail } from '../../server/mail/transport.js';
import { createOutboxSender, type MailLog } from '../../server/mail/outbox-sender.js';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;

let t: TestApp;
let sinks: SmtpSink[];
let transports: MailTransport[];
let dirs: string[];

beforeEach(async () => {
  t = await createTestApp();
  sinks = [];
  transports = [];
  dirs = [];
});
afterEach(async () => {
  for (const transport of transports) transport.close();
  await Promise.all(sinks.map((sink) => sink.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await t.close();
});

async function sink(port?: number) {
  const started = await startSmtpSink(port);
  sinks.push(started);
  return started;
}

function transport(config: { smtpUrl?: string; mailDir?: string }) {
  const created = createMailTransport({ mailDir: config.mailDir ?? join(tmpdir(), 'porthole-unused-mail'), smtpUrl: config.smtpUrl, timeoutMs: 2000 });
  transports.push(created);
  return created;
}

/** A log that keeps what it is told, so tests can see a failure was reported. */
function recordingLog() {
  const lines: { level: string; details: object; message: string }[] = [];
  const log: MailLog = {
    info: (details, message) => lines.push({ level: 'info', details, message }),
    warn: (details, message) => lines.push({ level: 'warn', details, message }),
    error: (details, message) => lines.push({ level: 'error', details, message }),
  };
  return { log, lines };
}

function sender(mailTransport: MailTransport, log: MailLog = recordingLog().log) {
  return createOutboxSender({ store: t.store, transport: mailTransport, clock: () => t.clock.now, from: t.config.mailFrom, log });
}

/**
 * Writes a mail to an agent into the outbox, due now, as the outbox writes a single (not digest) mail,
 * and returns its id. What the outbox decides to write is notifications-outbox.test.ts's subject; these
 * tests are about delivering what it wrote.
 */
async function enqueue(overrides: { to?: { email: string; name: string | null }; subject?: string } = {}, requestId: string | null = null): Promise<string> {
  const to = overrides.to ?? { email: 'ada@example.com', name: 'Ada Lovelace' };
  const id = newId('mail');
  const now = t.clock.now.toISOString();
  await t.db.insert(outbox).values({
    id,
    siteId: await siteIdOf(t.db, 'demo'),
    requestId,
    kind: 'receipt',
    toEmail: to.email,
    toMailbox: mailboxOf(to.email),
    toName: to.name,
    subject: overrides.subject ?? '[#1001] I cannot sign in',
    text: 'We have received your request #1001.\nView the conversation: http://localhost:8080/',
    html: '<p>We have received your request <b>#1001</b>.</p>',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  });
  return id;
}

const row = async (id: string) => (await firstRow(t.db.select().from(outbox).where(eq(outbox.id, id))))!;
const allRequests = () => t.db.select().from(requests).orderBy(asc(requests.id));
const later = (ms: number) => new Date(t.clock.now.getTime() + ms).toISOString();

describe('delivering the outbox over SMTP', () => {
  test('a due mail reaches the mail server addressed to the recipient by name, with subject, text and HTML, and is marked sent', async () => {
    const server = await sink();
    const id = await enqueue();

    // Fastify's own logger is what the server hands the sender.
    const report = await sender(transport({ smtpUrl: server.url }), t.app.log).deliverDue();

    expect(report).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail!.rcptTo).toEqual(['ada@example.com']);
    expect(mail!.mailFrom).toBe('support@porthole.localhost');
    const headers = headersOf(mail!.raw);
    expect(headers.to).toBe('Ada Lovelace <ada@example.com>');
    // The site's name is the sender's, at MAIL_FROM's address (the site has no From address of its own).
    expect(headers.from).toBe('Northwind Outfitters <support@porthole.localhost>');
    expect(headers.subject).toBe('[#1001] I cannot sign in');
    expect(headers['auto-submitted']).toBe('auto-generated');
    expect(headers['x-porthole-mail']).toBe('receipt');
    expect(headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(mail!.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail!.raw).toContain('We have received your request #1001.');
    expect(mail!.raw).toMatch(/Content-Type: text\/html/);
    expect(mail!.raw).toContain('<b>#1001</b>');

    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: t.clock.now.toISOString(), lastError: null });
    expect(await t.store.outbox.pendingCount()).toBe(0);
    expect(await sender(transport({ smtpUrl: server.url })).deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(server.received).toHaveLength(1);
  });

  test('a recipient name with quotes, commas and <addresses> cannot add a recipient', async () => {
    const server = await sink();
    const name = 'Eve "the boss", <evil@attacker.example>, Mallory <mallory@attacker.example>;';
    await enqueue({ to: { email: 'ada@example.com', name } });

    await sender(transport({ smtpUrl: server.url })).deliverDue();

    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.rcptTo).toEqual(['ada@example.com']);
    const headers = headersOf(server.received[0]!.raw);
    expect(addressparser(headers.to)).toEqual([{ name, address: 'ada@example.com' }]);
    expect(headers.cc).toBeUndefined();
    expect(headers.bcc).toBeUndefined();
  });

  test('while the mail server is down the mail stays pending, and it goes out once the server is back and its retry is due', async () => {
    const port = await unusedPort();
    const mailer = sender(transport({ smtpUrl: `smtp://127.0.0.1:${port}` }));
    const id = await enqueue();

    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const afterFailure = await row(id);
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: later(30 * SECOND), sentAt: null });
    expect(afterFailure.lastError).toMatch(/ECONNREFUSED/);
    expect(await t.store.outbox.pendingCount()).toBe(1);

    const server = await sink(port);
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(server.received).toHaveLength(0);

    t.clock.advance(30 * SECOND);
    expect(await mailer.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.rcptTo).toEqual(['ada@example.com']);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, sentAt: t.clock.now.toISOString() });
  });

  test('after 8 failed attempts, backing off from 30 s, the mail is marked failed and kept, and its request is untouched', async () => {
    const port = await unusedPort();
    const { log, lines } = recordingLog();
    const mailer = sender(transport({ smtpUrl: `smtp://127.0.0.1:${port}` }), log);
    const request = await firstRow(t.db.select().from(requests).limit(1));
    const requestsBefore = await allRequests();
    const id = await enqueue({}, request?.id ?? null);

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
      const pending = await row(id);
      expect(pending).toMatchObject({ status: 'pending', attempts: attempt });
      waits.push((Date.parse(pending.nextAttemptAt) - t.clock.now.getTime()) / SECOND);
      t.clock.advance(HOUR);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920]);

    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 8, sentAt: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(lines.filter((line) => line.level === 'error')).toHaveLength(1);

    t.clock.advance(24 * HOUR);
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect((await row(id)).attempts).toBe(8);
    expect(await allRequests()).toEqual(requestsBefore);
  });
});

describe('refusing mail that could smuggle headers', () => {
  test('the transport refuses control characters, U+0085, line separators and bidi controls in a subject or recipient, and sends nothing', async () => {
    const server = await sink();
    const mailTransport = transport({ smtpUrl: server.url });
    const base: OutgoingMail = {
      from: parseMailFrom(t.config.mailFrom),
      to: { name: 'Ada', address: 'ada@example.com' },
      subject: 'Hello',
      text: 'x',
      html: '<p>x</p>',
    };

    await expect(mailTransport.send({ ...base, subject: 'Hello\r\nBcc: evil@attacker.example' })).rejects.toBeInstanceOf(MailRefusedError);
    await expect(mailTransport.send({ ...base, subject: 'Hello\u0000' })).rejects.toBeInstanceOf(MailRefusedError);
    for (const subject of ['Hello\u0085Bcc: evil@attacker.example', 'Hello\u2028world', 'Invoice \u202efdp.exe', 'Hi \u2066there\u2069']) {
      await expect(mailTransport.send({ ...base, subject })).rejects.toBeInstanceOf(MailRefusedError);
    }
    await expect(mailTransport.send({ ...base, to: { name: 'Ada \u202eevil', address: 'ada@example.com' } })).rejects.toBeInstanceOf(MailRefusedError);
    await expect(mailTransport.send({ ...base, to: { name: 'Ada\nBcc: evil@attacker.example', address: 'ada@example.com' } })).rejects.toBeInstanceOf(
      MailRefusedError,
    );
    await expect(mailTransport.send({ ...base, to: { name: null, address: 'ada@example.com,evil' } })).rejects.toBeInstanceOf(MailRefusedError);
    // The sender's name is a site's name: it may not smuggle headers either, nor its address a second one.
    await expect(mailTransport.send({ ...base, from: { name: 'Shop\r\nBcc: evil@attacker.example', address: 'shop@example.com' } })).rejects.toBeInstanceOf(
      MailRefusedError,
    );
    await expect(mailTransport.send({ ...base, from: { name: 'Shop', address: 'shop@example.com, evil@attacker.example' } })).rejects.toBeInstanceOf(
      MailRefusedError,
    );
    expect(server.received).toHaveLength(0);
  });

  test('an outbox mail the transport refuses fails at once instead of being retried', async () => {
    const server = await sink();
    const id = await enqueue({ subject: 'Hello\r\nBcc: evil@attacker.example' });

    expect(await sender(transport({ smtpUrl: server.url })).deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1 });

    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await row(id)).lastError).toMatch(/control characters/);
    expect(server.received).toHaveLength(0);
  });

  test('a MAIL_FROM that is not exactly one address stops the sender from being created', () => {
    const make = (from: string) => () =>
      createOutboxSender({ store: t.store, transport: transport({}), clock: () => t.clock.now, from, log: recordingLog().log });
    expect(make('support@example.com, boss@example.com')).toThrow(/MAIL_FROM/);
    expect(make('Support')).toThrow(/MAIL_FROM/);
    expect(make('Support <support@example.com>')).not.toThrow();
  });
});

describe('writing mail to files when no SMTP server is configured', () => {
  test('each mail becomes a readable .eml file in MAIL_DIR, created when missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-mail-'));
    dirs.push(dir);
    const mailDir = join(dir, 'data', 'mail');
    const mailTransport = transport({ mailDir });
    expect(mailTransport.kind).toBe('files');
    const id = await enqueue();

    expect(await sender(mailTransport).deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });

    const files = readdirSync(mailDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-ada@example\.com-[0-9a-f]{8}\.eml$/);
    const raw = readFileSync(join(mailDir, files[0]!), 'utf8');
    const headers = headersOf(raw);
    expect(headers.to).toBe('Ada Lovelace <ada@example.com>');
    expect(headers.from).toBe('Northwind Outfitters <support@porthole.localhost>');
    expect(headers.subject).toBe('[#1001] I cannot sign in');
    expect(headers['x-porthole-mail']).toBe('receipt');
    expect(raw).toContain('We have received your request #1001.');
    expect((await row(id)).status).toBe('sent');
  });
});

describe('running the sender', () => {
  /** A transport whose sends wait until the test lets them finish. */
  function gatedTransport() {
    const sent: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    let release = () => {};
    let gate = new Promise<void>((resolve) => (release = resolve));
    const mailTransport: MailTransport = {
      kind: 'smtp',
      async send(message) {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await gate;
        inFlight -= 1;
        sent.push(message.to.address);
      },
      close() {},
    };
    return {
      mailTransport,
      sent,
      mostInFlight: () => mostInFlight,
      inFlight: () => inFlight,
      open() {
        release();
        gate = Promise.resolve();
      },
    };
  }

  test('runs never overlap, and stop waits for the mail being sent', async () => {
    const gated = gatedTransport();
    const mailer = sender(gated.mailTransport);
    const first = await enqueue({ to: { email: 'ada@example.com', name: 'Ada' } });
    const second = await enqueue({ to: { email: 'grace@example.com', name: 'Grace' } });

    mailer.start(5);
    await vi.waitFor(() => expect(gated.inFlight()).toBe(1));
    const direct = mailer.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 30)); // several ticks pass while the first send hangs
    let stopped = false;
    const stopping = mailer.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    expect(gated.mostInFlight()).toBe(1);

    gated.open();
    await stopping;
    await direct;
    // The batch stopped after the mail it was sending; the other waits for the next run.
    expect(gated.sent).toEqual(['ada@example.com']);
    expect((await row(first)).status).toBe('sent');
    expect((await row(second)).status).toBe('pending');

    expect(await mailer.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(gated.sent).toEqual(['ada@example.com', 'grace@example.com']);
    expect(gated.mostInFlight()).toBe(1);
  });

  test('a backlog of several batches is sent batch after batch, not one batch per tick', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-backlog-'));
    dirs.push(dir);
    for (let n = 0; n < 45; n++) await enqueue({ to: { email: `reader${n}@example.com`, name: null } });
    const mailer = createOutboxSender({
      store: t.store,
      transport: transport({ mailDir: dir }),
      clock: () => t.clock.now,
      from: t.config.mailFrom,
      log: recordingLog().log,
      batchSize: 20,
    });

    // Exactly one tick, whatever the machine's load: the interval is fake and moved on once, so any
    // batch after the first can only come from that tick going on. (Not vi.waitFor: with fake timers
    // it moves them on at every check; setTimeout stays real here.)
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      mailer.start(1000);
      vi.advanceTimersByTime(1000);
      for (let waited = 0; readdirSync(dir).length < 45 && waited < 4_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      await mailer.stop();
    } finally {
      vi.useRealTimers();
    }
    expect(readdirSync(dir)).toHaveLength(45);
    expect(await t.store.outbox.pendingCount()).toBe(0);
  });

  test('a transport that throws is logged and retried, never thrown out of deliverDue', async () => {
    const { log, lines } = recordingLog();
    const broken: MailTransport = {
      kind: 'smtp',
      send() {
        throw new Error('the mail library blew up');
      },
      close() {},
    };
    const id = await enqueue();

    await expect(sender(broken, log).deliverDue()).resolves.toEqual({ sent: 0, retried: 1, failed: 0 });

    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'the mail library blew up' });
    expect(lines.some((line) => line.level === 'warn' && JSON.stringify(line.details).includes(id))).toBe(true);
  });
});
