/**
 * Notifications end to end: events written through the HTTP API, delivered by the outbox sender
 * over real SMTP to a sink on loopback — who received what for each event, and that nothing is lost
 * while the mail server is down.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { MemberClaimsInput } from '../support/member-tokens.js';
import { headersOf, startSmtpSink, unusedPort, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { newId } from '../../server/store/ids.js';
import { outboxRows, siteIdOf } from '../support/inspect.js';
import { createMailTransport, type MailTransport } from '../../server/mail/transport.js';
import { createOutboxSender, type MailLog } from '../../server/mail/outbox-sender.js';
import { categoryIds, submit, memberSession } from './helpers.js';
import { csrfOf } from '../support/portal-browser.js';

const SECOND = 1000;
const RILEY = 'riley@northwind.example';
const SAM = 'sam@northwind.example';
const PAT = 'pat@customer.example';
const DAN = 'dan@customer.example';
const ALICE = { sub: 's-alice', email: 'alice@customer.example', name: 'Alice Asker' } satisfies MemberClaimsInput;

let t: TestApp;
let cats: Record<string, string>;
let agentToken: string;
let sinks: SmtpSink[];
let transports: MailTransport[];

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
  sinks = [];
  transports = [];
  const siteId = await siteIdOf(t.db, 'demo');
  for (const [email, name] of [
    [RILEY, 'Riley Chen'],
    [SAM, 'Sam Support'],
  ] as const) {
    const id = newId('agt');
    await t.store.admin.createAgent({
      removedAt: null,
      id,
      siteId,
      email,
      name,
      passwordHash: null,
      createdAt: t.clock.now.toISOString(),
    });
    if (email === RILEY) {
      agentToken = newSecret('pat_');
      await t.store.admin.insertApiToken({
        expiresAt: null,
        id: newId('tok'),
        agentId: id,
        name: 'tests',
        tokenHash: hashSecret(agentToken),
        createdAt: t.clock.now.toISOString(),
      });
    }
  }
});
afterEach(async () => {
  for (const transport of transports) transport.close();
  await Promise.all(sinks.map((sink) => sink.close()));
  await t.close();
});

// ---- helpers ---------------------------------------------------------------------

async function sink(port?: number): Promise<SmtpSink> {
  const started = await startSmtpSink(port);
  sinks.push(started);
  return started;
}

const quietLog: MailLog = { info() {}, warn() {}, error() {} };

function sender(smtpUrl: string) {
  const transport = createMailTransport({ smtpUrl, mailDir: join(tmpdir(), 'porthole-unused-mail'), timeoutMs: 2000 });
  transports.push(transport);
  return createOutboxSender({ store: t.store, transport, clock: () => t.clock.now, from: t.config.mailFrom, log: quietLog });
}

/** The raw message with quoted-printable soft breaks and escapes undone (our mails are ASCII). */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** What arrived, as "recipient kind subject" lines, sorted. */
function summary(received: ReceivedMail[]): string[] {
  return received
    .map((mail) => {
      const headers = headersOf(mail.raw);
      return `${mail.rcptTo.join(',')} ${headers['x-porthole-mail']} ${headers.subject}`;
    })
    .sort();
}

const signIn = (claims: MemberClaimsInput & Record<string, unknown>) => memberSession(t, claims);

async function agentWrite(number: number, body: string, isPublic = true) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/agent/requests/${number}/comments`,
    headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ body, public: isPublic }),
  });
  expect(response.statusCode, response.body).toBe(201);
}

// ---- delivered ---------------------------------------------------------------------

describe('notifications over SMTP', () => {
  test('each event’s mail reaches the expected recipients with the expected subjects, once', async () => {
    const server = await sink();
    const mailer = sender(server.url);
    const alice = await signIn(ALICE);

    // A member's new request with a CC.
    const created = await submit(
      t.app,
      { categoryId: cats['Account & sign-in'], subject: 'Printer on fire', description: 'Smoke everywhere.', ccs: [DAN] },
      { headers: { authorization: `Bearer ${alice}` } },
    );
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().request.id as number;
    const subject = `[#${number}] Printer on fire`;
    // Dan's address is nobody's verified one: his copies carry a neutral subject, not what Alice typed.
    const toDan = `You are copied on request #${number} to Northwind Outfitters`;
    expect(await mailer.deliverDue()).toEqual({ sent: 4, retried: 0, failed: 0 });
    expect(summary(server.received)).toEqual([
      `${ALICE.email} receipt ${subject}`,
      `${DAN} cc_added ${toDan}`,
      `${RILEY} new_request ${subject}`,
      `${SAM} new_request ${subject}`,
    ]);
    const receipt = server.received.find((mail) => mail.rcptTo[0] === ALICE.email)!;
    expect(headersOf(receipt.raw)).toMatchObject({
      to: `Alice Asker <${ALICE.email}>`,
      from: 'Northwind Outfitters <support@porthole.localhost>',
      'auto-submitted': 'auto-generated',
    });
    expect(receipt.raw).toMatch(/Content-Type: text\/plain/);
    expect(receipt.raw).toMatch(/Content-Type: text\/html/);
    expect(decoded(receipt.raw)).toContain('Smoke everywhere.');
    expect(decoded(server.received.find((mail) => mail.rcptTo[0] === DAN)!.raw)).not.toContain('Smoke everywhere.');

    // A public reply and an internal note.
    server.received.length = 0;
    await agentWrite(number, 'Unplug it, please.');
    await agentWrite(number, 'Internal: fire brigade called', false);
    expect(await mailer.deliverDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(summary(server.received)).toEqual([`${ALICE.email} agent_reply ${subject}`, `${DAN} agent_reply ${toDan}`]);
    for (const mail of server.received) {
      expect(decoded(mail.raw)).toContain('Unplug it, please.');
      expect(mail.raw).not.toContain('Internal:');
    }

    // The customer writes back.
    server.received.length = 0;
    const commented = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sites/demo/requests/${number}/comments`,
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ body: 'Done, thanks.' }),
    });
    expect(commented.statusCode, commented.body).toBe(201);
    expect(await mailer.deliverDue()).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(summary(server.received)).toEqual([`${DAN} cc_comment ${toDan}`, `${RILEY} customer_reply ${subject}`, `${SAM} customer_reply ${subject}`]);

    // The link in the delivered mail is one that works: Dan is no member of the host's, so it opens the Help Center.
    const replyMail = decoded(server.received.find((mail) => mail.rcptTo[0] === DAN)!.raw);
    const token = new RegExp(`${t.config.publicUrl}/help/demo/requests/${number}#porthole=request/${number}&t=([A-Za-z0-9_.-]+)`).exec(replyMail)?.[1];
    expect(token).toBeDefined();
    const link = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites/demo/session/link',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token }),
    });
    expect(link.statusCode, link.body).toBe(200);

    expect(await t.store.outbox.pendingCount()).toBe(0);
    expect((await outboxRows(t.db)).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    server.received.length = 0;
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(server.received).toEqual([]);
  });

  test('a request’s mails thread as one conversation: each its own Message-ID, all naming the request’s root', async () => {
    const server = await sink();
    const mailer = sender(server.url);
    const alice = await signIn(ALICE);
    const created = await submit(
      t.app,
      { categoryId: cats['Account & sign-in'], subject: 'Threaded', description: 'One conversation.', ccs: [DAN] },
      { headers: { authorization: `Bearer ${alice}` } },
    );
    expect(created.statusCode, created.body).toBe(201);
    await agentWrite(created.json().request.id, 'An answer.');
    await mailer.deliverDue();

    const domain = t.config.mailFrom.replace(/^.*@/, '').replace(/>.*$/, '');
    const threads = server.received.map((mail) => headersOf(mail.raw));
    expect(threads.length).toBeGreaterThanOrEqual(4); // receipt, CC copy, the agents', the reply to Alice and Dan
    const ids = threads.map((headers) => headers['message-id']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(new RegExp(`^<porthole\\.[\\w-]+@${domain.replace(/\./g, '\\.')}>$`));
    const root = threads[0]!['in-reply-to'];
    expect(root).toMatch(/^<porthole\.request\./);
    expect(ids).not.toContain(root);
    for (const headers of threads) expect([headers['in-reply-to'], headers.references]).toEqual([root, root]);

    // A mail about no request (a Help Center link) starts no thread.
    server.received.length = 0;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites/demo/portal/links',
      headers: { 'content-type': 'application/json', ...csrfOf(t, 'a-browser') },
      payload: JSON.stringify({ email: ALICE.email, purpose: 'sign_in' }),
    });
    await vi.waitFor(async () => expect((await mailer.deliverDue()).sent).toBe(1));
    const link = headersOf(server.received[0]!.raw);
    expect(link['message-id']).toMatch(/^<porthole\./);
    expect([link['in-reply-to'], link.references]).toEqual([undefined, undefined]);
  });

  test('while the mail server is down, mail stays pending — including mail for later events — and all of it arrives once it is back and the retry is due', async () => {
    const port = await unusedPort();
    const mailer = sender(`smtp://127.0.0.1:${port}`);

    const created = await submit(t.app, { categoryId: cats['Account & sign-in'], subject: 'Offline mail', description: 'Hello', email: PAT, name: 'Pat' });
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().request.id as number;
    const subject = `[#${number}] Offline mail`;
    const toPat = `Your request #${number} to Northwind Outfitters`;
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 3, failed: 0 });

    await agentWrite(number, 'We are looking into it.');
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const rows = await outboxRows(t.db);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1, sentAt: null, nextAttemptAt: new Date(t.clock.now.getTime() + 30 * SECOND).toISOString() });
      expect(row.lastError).toMatch(/ECONNREFUSED/);
    }
    // The request itself is unaffected by the mail trouble.
    const read = await t.app.inject({ url: `/api/v1/agent/requests/${number}`, headers: { authorization: `Bearer ${agentToken}` } });
    expect(read.json().request.status).toBe('pending');

    const server = await sink(port);
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(server.received).toEqual([]);

    t.clock.advance(30 * SECOND);
    expect(await mailer.deliverDue()).toEqual({ sent: 4, retried: 0, failed: 0 });
    expect(summary(server.received)).toEqual([
      `${PAT} agent_reply ${toPat}`,
      `${PAT} receipt ${toPat}`,
      `${RILEY} new_request ${subject}`,
      `${SAM} new_request ${subject}`,
    ]);
    expect(await t.store.outbox.pendingCount()).toBe(0);
    expect((await outboxRows(t.db)).map((row) => [row.status, row.attempts])).toEqual(Array(4).fill(['sent', 2]));

    t.clock.advance(60 * 60 * SECOND);
    expect(await mailer.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(server.received).toHaveLength(4);
  });
});
