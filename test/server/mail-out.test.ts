/**
 * Outbound mail that looks like the site's, received over real SMTP and parsed as a mail client
 * would: the site's name as the sender, its own From address, a DKIM signature that verifies (and
 * breaks when the body is changed), the conversation latest first in the text and HTML parts, the
 * reply marker, nothing quoted to an address nobody verified, and the mail an agent's solve sends.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js';
import { siteIdOf } from '../support/inspect.js';
import { addDemoAgent } from '../support/agent-side.js';
import { createMailTransport, type MailTransport } from '../../server/mail/transport.js';
import { createOutboxSender, type MailLog } from '../../server/mail/outbox-sender.js';
import { runAdmin } from '../../server/admin/main.js';
import { EARLIER_MESSAGES_SHOWN } from '../../server/services/notifications.js';
import { composeMail } from '../../server/services/mail-text.js';
import { mailMessages } from '../../widget/i18n/en/mail.js';
import { categoryIds, memberSession, submit } from './helpers.js';

// Customers get a few mails an hour (rules/mail-caps.ts): steps this far apart stay under the cap.
const STEP = 20 * 60_000;
const RILEY = 'riley@northwind.example';
const PAT = 'pat@customer.example';
const DAN = 'dan@customer.example';
const ALICE = { sub: 'mo-alice', email: 'alice@customer.example', name: 'Alice Asker' };

let t: TestApp;
let cats: Record<string, string>;
let agentToken: string;
let smtp: SmtpSink;
let transport: MailTransport;
let dir: string;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
  agentToken = await addDemoAgent(t, RILEY, 'Riley Chen');
  smtp = await startSmtpSink();
  transport = createMailTransport({ smtpUrl: smtp.url, mailDir: '/nonexistent' });
  dir = mkdtempSync(join(tmpdir(), 'porthole-mail-out-'));
});
afterEach(async () => {
  transport.close();
  await smtp.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---- helpers ---------------------------------------------------------------------

const quietLog: MailLog = { info() {}, warn() {}, error() {} };
async function deliver() {
  const sender = createOutboxSender({ store: t.store, transport, clock: () => t.clock.now, from: t.config.mailFrom, log: quietLog });
  const report = await sender.deliverDue();
  expect(report.retried + report.failed, 'every mail delivered').toBe(0);
}

/** Delivers what the outbox holds and returns, parsed, what reached `to` (newest last) of `kind`. */
async function received(to: string, kind?: string): Promise<(ParsedMail & { raw: string })[]> {
  await deliver();
  const mails: (ParsedMail & { raw: string })[] = [];
  for (const mail of smtp.received.filter((m: ReceivedMail) => m.rcptTo.includes(to))) {
    const parsed = await simpleParser(mail.raw);
    if (!kind || parsed.headers.get('x-porthole-mail') === kind) mails.push(Object.assign(parsed, { raw: mail.raw }));
  }
  return mails;
}
const lastTo = async (to: string, kind?: string) => (await received(to, kind)).at(-1)!;

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATABASE_PATH: t.config.databasePath, ...(t.config.databaseUrl && { DATABASE_URL: t.config.databaseUrl }) };
  const code = await runAdmin(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env, { clock: () => t.clock.now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const post = (url: string, token: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

async function agent(number: number, payload: { body: string; public?: boolean; status?: string }) {
  const response = await post(`/api/v1/agent/requests/${number}/comments`, agentToken, { public: true, ...payload });
  expect(response.statusCode, response.body).toBe(201);
  t.clock.advance(STEP);
}
async function setStatus(number: number, status: string) {
  const response = await post(`/api/v1/agent/requests/${number}/status`, agentToken, { status });
  expect(response.statusCode, response.body).toBe(200);
}
// A fresh session each time: the clock moves on further between steps than a member session lives.
async function memberComment(number: number, body: string) {
  const response = await post(`/api/v1/sites/demo/requests/${number}/comments`, await memberSession(t, ALICE), { body });
  expect(response.statusCode, response.body).toBe(201);
  t.clock.advance(STEP);
}

async function aliceRequest(description: string, ccs: string[] = []): Promise<{ number: number }> {
  const token = await memberSession(t, ALICE);
  const created = await submit(
    t.app,
    { categoryId: cats['Account & sign-in'], subject: 'Cannot sign in', description, ccs },
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(created.statusCode, created.body).toBe(201);
  t.clock.advance(STEP);
  return { number: created.json().request.id };
}
async function patRequest(description: string): Promise<number> {
  const created = await submit(t.app, { categoryId: cats['Account & sign-in'], subject: 'Claim your prize', description, email: PAT, name: 'Pat Rivera' });
  expect(created.statusCode, created.body).toBe(201);
  t.clock.advance(STEP);
  return created.json().request.id;
}

/** Each of `texts` appears in `part`, in this order. */
function expectInOrder(part: string, texts: string[]) {
  const positions = texts.map((text) => part.indexOf(text));
  expect(
    positions.every((at) => at >= 0),
    `all of ${JSON.stringify(texts)} in the mail`,
  ).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

// ---- the sender ------------------------------------------------------------------

describe('who the mail is from', () => {
  test('the site’s name is the sender’s name, at MAIL_FROM’s address; set-mail-from gives the site its own address, and "default" takes it back', async () => {
    await patRequest('Hello there.');
    expect((await lastTo(PAT)).headers.get('from')).toMatchObject({ text: '"Northwind Outfitters" <support@porthole.localhost>' });
    expect(smtp.received.at(-1)!.mailFrom).toBe('support@porthole.localhost');

    const set = await admin('set-mail-from', '--site', 'demo', '--address', 'Support@Northwind.example');
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('support@northwind.example');
    await patRequest('Second one.');
    const from = (await lastTo(PAT)).from!;
    expect(from.value).toEqual([{ name: 'Northwind Outfitters', address: 'support@northwind.example' }]);
    expect(smtp.received.at(-1)!.mailFrom).toBe('support@northwind.example');
    // The threading ids stay under MAIL_FROM's domain, as the inbound side expects.
    expect((await lastTo(PAT)).messageId).toMatch(/^<porthole\..+@porthole\.localhost>$/);

    expect((await admin('set-mail-from', '--site', 'demo', '--address', 'default')).code).toBe(0);
    await patRequest('Third one.');
    expect((await lastTo(PAT)).from!.value).toEqual([{ name: 'Northwind Outfitters', address: 'support@porthole.localhost' }]);
  });

  test('set-mail-from refuses what is not one address (usage, exit 2) and a site that does not exist (exit 1)', async () => {
    for (const address of ['support', 'a@b.example, c@d.example', 'Boss <boss@x.example>']) {
      expect((await admin('set-mail-from', '--site', 'demo', '--address', address)).code, address).toBe(2);
    }
    expect((await admin('set-mail-from', '--site', 'nowhere', '--address', 'a@b.example')).code).toBe(1);
    expect(await t.store.siteMail.identity(await siteIdOf(t.db, 'demo'))).toMatchObject({ fromAddress: null });
  });
});

describe('DKIM', () => {
  function keyFile(): string {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const path = join(dir, 'key.pem');
    writeFileSync(path, privateKey.export({ type: 'pkcs1', format: 'pem' }));
    return path;
  }
  /** The resolver the verifier asks instead of DNS: the one record set-dkim said to publish. */
  function resolverFor(output: string) {
    const match = /^(\S+)\. TXT "([^"]+)"$/m.exec(output);
    expect(match, output).not.toBeNull();
    const [, name, value] = match!;
    return async (query: string, type: string) => {
      if (type === 'TXT' && query === name) return [[value!]];
      throw Object.assign(new Error(`no ${type} for ${query}`), { code: 'ENOTFOUND' });
    };
  }

  test('a site with a key signs its mail: the signature verifies against the printed DNS record, and fails once the body is changed', async () => {
    const path = keyFile();
    expect((await admin('set-mail-from', '--site', 'demo', '--address', 'support@northwind.example')).code).toBe(0);
    const set = await admin('set-dkim', '--site', 'demo', '--domain', 'northwind.example', '--selector', 's1', '--key-file', path);
    expect(set.code, set.err).toBe(0);
    expect(set.err).toBe(''); // From is at the signing domain: no alignment warning
    expect(set.out).toMatch(/^s1\._domainkey\.northwind\.example\. TXT "v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+"$/m);
    // The private key is never printed back: no PEM, and the one key in the output is the public half.
    expect(set.out + set.err).not.toContain('PRIVATE KEY');
    const publicKey = createPublicKey(readFileSync(path, 'utf8')).export({ type: 'spki', format: 'der' }).toString('base64');
    expect([...(set.out + set.err).matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)].map((m) => m[0])).toEqual([publicKey]);
    const resolver = resolverFor(set.out);

    await patRequest('Please sign this.');
    const raw = (await lastTo(PAT)).raw;
    expect(raw).toMatch(/^DKIM-Signature: .*d=northwind\.example/m);
    const verified = await dkimVerify(raw, { resolver });
    expect(verified.results).toHaveLength(1);
    expect(verified.results[0]).toMatchObject({ signingDomain: 'northwind.example', selector: 's1', status: { result: 'pass' } });

    // One word of the body changed (the headers, From among them, left alone).
    const split = raw.indexOf('\r\n\r\n');
    const tampered = raw.slice(0, split) + raw.slice(split).replace('Northwind', 'Southwind');
    expect(tampered).not.toBe(raw);
    // mailauth reports a body that no longer matches its signed hash as "neutral" (RFC 6376 6.3: not a pass).
    expect((await dkimVerify(tampered, { resolver })).results[0]!.status).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });
    // And a changed signed header fails the signature itself.
    const renamed = raw.replace(/^Subject: .*$/m, 'Subject: Your refund is ready');
    expect((await dkimVerify(renamed, { resolver })).results[0]!.status.result).toBe('fail');
  });

  test('set-dkim warns when the From address is not at the signing domain, refuses a bad key, and "none" stops signing', async () => {
    const path = keyFile();
    const misaligned = await admin('set-dkim', '--site', 'demo', '--domain', 'northwind.example', '--selector', 's1', '--key-file', path);
    expect(misaligned.code).toBe(0);
    expect(misaligned.err).toContain('warning');

    const ed25519 = join(dir, 'ed25519.pem');
    writeFileSync(ed25519, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const notRsa = await admin('set-dkim', '--site', 'demo', '--domain', 'northwind.example', '--selector', 's2', '--key-file', ed25519);
    expect(notRsa.code).toBe(1);
    expect(notRsa.err).toContain('RSA');
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a key');
    const refused = await admin('set-dkim', '--site', 'demo', '--domain', 'northwind.example', '--selector', 's2', '--key-file', junk);
    expect(refused.code).toBe(1);
    expect(refused.err).not.toContain('not a key');
    expect((await admin('set-dkim', '--site', 'demo', '--domain', 'northwind.example', '--selector', 'bad selector', '--key-file', path)).code).toBe(2);
    expect((await t.store.siteMail.identity(await siteIdOf(t.db, 'demo')))!.dkim).toMatchObject({ selector: 's1' });

    expect((await admin('set-dkim', '--site', 'demo', '--key-file', 'none')).code).toBe(0);
    await patRequest('Unsigned now.');
    expect((await lastTo(PAT)).raw).not.toMatch(/^DKIM-Signature:/m);
  });
});

// ---- what the mail says -----------------------------------------------------------

describe('the conversation in the mail', () => {
  test('to a verified requester: the marker first, the latest message, then the earlier public ones, in the text and the HTML — internal notes never', async () => {
    const { number } = await aliceRequest('My password reset link is broken.');
    await agent(number, { body: 'Which browser do you use?' });
    await memberComment(number, 'Firefox, on a laptop.');
    await agent(number, { body: 'Internal: known Firefox bug', public: false });
    await agent(number, { body: 'Please try this new link.' });

    const mail = await lastTo(ALICE.email, 'agent_reply');
    const text = mail.text!;
    const html = mail.html as string;
    expect(text.startsWith(mailMessages.replyAbove)).toBe(true);
    expect(html).toContain(`<p style="margin:0 0 12px;color:#52525b;font-size:13px">${mailMessages.replyAbove}</p>`);
    expect(html.indexOf(mailMessages.replyAbove)).toBeLessThan(html.indexOf('Northwind Outfitters support replied'));
    const order = [
      'Northwind Outfitters support replied',
      'Please try this new link.',
      mailMessages.viewConversation,
      mailMessages.earlierMessages,
      'Firefox, on a laptop.',
      'Which browser do you use?',
      'My password reset link is broken.',
    ];
    expectInOrder(text, order);
    expectInOrder(html, order);
    for (const part of [text, html]) expect(part).not.toContain('Internal:');
    // Each message says who wrote it and when, the time through Intl.
    expect(text).toMatch(/Riley Chen wrote on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M UTC:\n> Please try this new link\./);
    expect(text).toContain('Alice Asker wrote on');
    // The plain-text part is a real one, not stripped HTML.
    expect(text).not.toMatch(/<[a-z]/);
    // A mail of its own: the site's colour, no remote images, nothing to run.
    const site = await t.store.sites.findBySlug('demo');
    expect(html).toContain(`background:${site!.color}`);
    expect(html).not.toMatch(/<img|<script|url\(/i);
  });

  test('a long conversation shows the latest and a few earlier messages, and says how many more there are', async () => {
    const { number } = await aliceRequest('Message 0.');
    for (let i = 1; i <= 8; i++) await agent(number, { body: `Message ${i}.` });
    const mail = await lastTo(ALICE.email, 'agent_reply');
    const shown = [...mail.text!.matchAll(/> Message (\d)\./g)].map((m) => Number(m[1]));
    expect(shown).toEqual([8, 7, 6, 5, 4, 3].slice(0, 1 + EARLIER_MESSAGES_SHOWN));
    expect(mail.text).toContain(mailMessages.olderNotShown(9 - 1 - EARLIER_MESSAGES_SHOWN));
  });

  test('what people wrote is escaped in the HTML, never markup', async () => {
    const { number } = await aliceRequest('<img src=x onerror=alert(1)> & <b>bold</b>');
    await agent(number, { body: '<script>alert("agent")</script>' });
    const html = (await lastTo(ALICE.email, 'agent_reply')).html as string;
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;agent&quot;)&lt;/script&gt;');
    expect(html).not.toMatch(/<img|<script|<b>/i);
  });

  test('an address nobody verified gets the agent’s latest reply and the marker, but nothing earlier and nothing a customer typed', async () => {
    const number = await patRequest('My card ending 4242 was charged twice.');
    await agent(number, { body: 'Which order is it?' });
    await agent(number, { body: 'We refunded one charge.' });
    const mail = await lastTo(PAT, 'agent_reply');
    for (const part of [mail.text!, mail.html as string]) {
      expect(part).toContain(mailMessages.replyAbove);
      expect(part).toContain('We refunded one charge.');
      expect(part).not.toContain('Which order is it?');
      expect(part).not.toContain('4242');
      expect(part).not.toContain(mailMessages.earlierMessages);
      expect(part).not.toContain('Claim your prize');
    }
    const receipt = (await received(PAT, 'receipt'))[0]!;
    expect(receipt.text).toContain(mailMessages.replyAbove);
    expect(receipt.text).not.toContain('4242');
  });

  test('agents’ mails carry the conversation but no reply marker', async () => {
    const { number } = await aliceRequest('First words.');
    await agent(number, { body: 'An answer.' });
    await memberComment(number, 'A follow-up.');
    const mail = await lastTo(RILEY, 'customer_reply');
    expect(mail.text).not.toContain(mailMessages.replyAbove);
    expectInOrder(mail.text!, ['Alice Asker replied', 'A follow-up.', mailMessages.openInInbox, 'An answer.', 'First words.']);
  });
});

describe('when an agent solves a request', () => {
  test('the requester and each CC get a mail saying so, with the way to reopen by replying and the link to the conversation', async () => {
    const { number } = await aliceRequest('It is broken.', [DAN]);
    await agent(number, { body: 'Fixed on our side.' });
    await setStatus(number, 'solved');
    for (const to of [ALICE.email, DAN]) {
      const [solved, ...more] = await received(to, 'request_solved');
      expect(more, to).toEqual([]);
      expect(solved!.text).toContain(mailMessages.solved('Northwind Outfitters', number));
      expect(solved!.text).toContain(mailMessages.reopenByReply);
      expect(solved!.text).toMatch(new RegExp(`${mailMessages.viewConversation}: \\S+#porthole=request/${number}&t=`));
      expect(solved!.html).toContain(mailMessages.reopenByReply);
      expect(solved!.text!.startsWith(mailMessages.replyAbove)).toBe(true);
    }
    // Dan's address is nobody's verified one: the agent's words, never Alice's.
    const toDan = await lastTo(DAN, 'request_solved');
    expect(toDan.text).toContain('Fixed on our side.');
    expect(toDan.text).not.toContain('It is broken.');
    expect((await lastTo(ALICE.email, 'request_solved')).text).toContain('It is broken.');

    // Solved again, or another status: nobody is told twice.
    const before = smtp.received.length;
    await setStatus(number, 'solved');
    await setStatus(number, 'hold');
    await deliver();
    expect(smtp.received.length).toBe(before);
  });

  test('a reply that solves is one mail saying both; a note that solves tells customers without quoting the note', async () => {
    const { number } = await aliceRequest('Help.');
    await agent(number, { body: 'Done — it works now.', status: 'solved' });
    expect(await received(ALICE.email, 'agent_reply')).toEqual([]);
    const solved = await lastTo(ALICE.email, 'request_solved');
    expectInOrder(solved.text!, [mailMessages.solved('Northwind Outfitters', number), mailMessages.reopenByReply, 'Done — it works now.']);

    const second = await aliceRequest('Help again.');
    await agent(second.number, { body: 'Internal: closing as duplicate', public: false, status: 'solved' });
    const fromNote = (await received(ALICE.email, 'request_solved')).at(-1)!;
    expect(fromNote.text).toContain(mailMessages.solved('Northwind Outfitters', second.number));
    expect(fromNote.text + (fromNote.html as string)).not.toContain('Internal:');
  });

  test('a member who solves their own request in the widget is sent nothing', async () => {
    const { number } = await aliceRequest('Never mind.');
    await deliver();
    const before = smtp.received.length;
    const token = await memberSession(t, ALICE);
    const solved = await t.app.inject({ method: 'POST', url: `/api/v1/sites/demo/requests/${number}/solve`, headers: { authorization: `Bearer ${token}` } });
    expect(solved.statusCode, solved.body).toBe(200);
    await deliver();
    expect(smtp.received.length).toBe(before);
  });
});

describe('the mail’s looks', () => {
  const layout = (site: { name: string; color: string }) =>
    composeMail({
      locale: 'en',
      subject: '[#1] <i>typed</i>',
      site,
      replyMarker: false,
      paragraphs: ['Hello.'],
      conversation: [],
      link: { label: mailMessages.viewConversation, url: 'https://example.com/?a=1&b="2"' },
    });

  test('text on the site’s colour is white or near-black, whichever reads better; a colour that is not #rrggbb never reaches a style', () => {
    expect(layout({ name: 'Dark', color: '#0f766e' }).html).toContain('background:#0f766e;color:#ffffff');
    expect(layout({ name: 'Light', color: '#fde047' }).html).toContain('background:#fde047;color:#111111');
    const odd = layout({ name: 'Odd', color: 'red;background:url(https://evil.example/x.png)' }).html;
    expect(odd).not.toContain('evil.example');
    expect(odd).toContain('background:#334155');
  });

  test('the site’s name, the subject and the link are escaped like everything else', () => {
    const { html, text } = layout({ name: 'Shop <b>&</b> Co', color: '#0f766e' });
    expect(html).toContain('Shop &lt;b&gt;&amp;&lt;/b&gt; Co');
    expect(html).toContain('<title>[#1] &lt;i&gt;typed&lt;/i&gt;</title>');
    expect(html).toContain('href="https://example.com/?a=1&amp;b=&quot;2&quot;"');
    expect(text).toContain(`${mailMessages.viewConversation}: https://example.com/?a=1&b="2"`);
  });
});
