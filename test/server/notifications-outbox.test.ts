/**
 * Who is told what by mail, as rows in the `outbox` table written through the HTTP API: receipts,
 * copies to CCs, agents' replies and customers' comments; the link back into the conversation and
 * the session it opens; escaped HTML; the per-recipient hourly cap; and that mail is written in the
 * same transaction as the event it tells about.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import type { MemberClaimsInput } from '../support/member-tokens.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { newId } from '../../server/store/ids.js';
import { CUSTOMER_MAILS_PER_HOUR, DIGEST_ENTRIES } from '../../server/store/rules/mail-caps.js';
import { createOutboxSender } from '../../server/mail/outbox-sender.js';
import { firstRow, lastRequestNumber, outboxRows, requestByNumber, runStatement, siteIdOf, storedCounts } from '../support/inspect.js';
import { testEngine } from '../support/test-engine.js';
import { comments, endUsers, outbox, requestCcs } from '../support/tables.js';
import { categoryIds, expectError, submit, memberSession } from './helpers.js';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;

const RILEY = 'riley@northwind.example';
const SAM = 'sam@northwind.example';
const PEBBLE = 'agent@pebble.example';
const PAT = 'pat@customer.example';
const DESCRIPTION = 'My order NW-55512 arrived broken; card ending 4242.';

const ALICE = { sub: 'n-alice', email: 'alice@customer.example', name: 'Alice Asker' } satisfies MemberClaimsInput;
const CAROL = { sub: 'n-carol', email: 'carol@customer.example', name: 'Carol Copied' } satisfies MemberClaimsInput;
const DAN = 'dan@customer.example';

let t: TestApp;
let cats: Record<string, string>;
let agentToken: string;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
  agentToken = await addAgent('demo', RILEY, 'Riley Chen');
  await addAgent('demo', SAM, 'Sam Support');
  await addAgent('starter', PEBBLE, 'Pebble Agent');
});
afterEach(async () => {
  await t.close();
});

// ---- helpers ---------------------------------------------------------------------

async function addAgent(site: string, email: string, name: string): Promise<string> {
  const id = newId('agt');
  await t.store.admin.createAgent({
    removedAt: null,
    id,
    siteId: await siteIdOf(t.db, site),
    email,
    name,
    passwordHash: null,
    createdAt: t.clock.now.toISOString(),
  });
  const token = newSecret('pat_');
  await t.store.admin.insertApiToken({
    expiresAt: null,
    id: newId('tok'),
    agentId: id,
    name: 'tests',
    tokenHash: hashSecret(token),
    createdAt: t.clock.now.toISOString(),
  });
  return token;
}

type Mail = typeof outbox.$inferSelect;
const mails = (): Promise<Mail[]> => outboxRows(t.db);
const mailsTo = async (email: string): Promise<Mail[]> => (await mails()).filter((m) => m.toEmail === email);
const outboxCount = () => t.db.$count(outbox);
/** Recipient → kinds, sorted, for the rows written since `since` rows existed. */
async function written(since = 0): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const m of (await mails()).slice(since)) (result[m.toEmail] ??= []).push(m.kind);
  for (const kinds of Object.values(result)) kinds.sort();
  return result;
}

const signIn = (claims: MemberClaimsInput & Record<string, unknown>) => memberSession(t, claims);
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function anonymous(overrides: Record<string, unknown> = {}, site = 'demo'): Promise<number> {
  const categoryId = site === 'demo' ? cats['Account & sign-in'] : (await categoryIds(t.app, site))['Question'];
  const response = await submit(
    t.app,
    { categoryId, subject: 'Cannot sign in', description: DESCRIPTION, email: PAT, name: 'Pat Rivera', ...overrides },
    { site },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}
async function asMember(token: string, overrides: Record<string, unknown> = {}): Promise<number> {
  const response = await submit(
    t.app,
    { categoryId: cats['Account & sign-in'], subject: 'Cannot sign in', description: DESCRIPTION, ...overrides },
    { headers: auth(token) },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

const agentWrite = (number: number, body: string, isPublic = true, token = agentToken) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/agent/requests/${number}/comments`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ body, public: isPublic }),
  });
async function agentReply(number: number, body: string, isPublic = true) {
  const response = await agentWrite(number, body, isPublic);
  expect(response.statusCode, response.body).toBe(201);
}
const memberComment = (token: string, number: number, body: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/demo/requests/${number}/comments`,
    headers: { ...auth(token), 'content-type': 'application/json' },
    payload: JSON.stringify({ body }),
  });
async function comment(token: string, number: number, body: string) {
  const response = await memberComment(token, number, body);
  expect(response.statusCode, response.body).toBe(201);
}

const LINK = /(\S+)#porthole=request\/(\d+)&t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;
function linkIn(mail: Mail): { base: string; number: number; token: string } {
  const match = LINK.exec(mail.text);
  expect(match, `a link in ${mail.kind} to ${mail.toEmail}`).not.toBeNull();
  return { base: match![1]!, number: Number(match![2]), token: match![3]! };
}
const exchangeLink = (token: string, site = 'demo') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${site}/session/link`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token }),
  });

/** Makes every insert into the outbox fail, as a full disk or a bug would. */
// The outbox refuses every row, in each engine's own trigger language.
const FAIL_OUTBOX = {
  sqlite: ["CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'boom'); END;"],
  postgres: [
    "CREATE FUNCTION fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$",
    'CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fail_outbox()',
  ],
};
const REPAIR_OUTBOX = { sqlite: ['DROP TRIGGER fail_outbox'], postgres: ['DROP TRIGGER fail_outbox ON outbox', 'DROP FUNCTION fail_outbox()'] };
async function breakOutbox() {
  for (const statement of FAIL_OUTBOX[testEngine]) await runStatement(t.db, statement);
}
async function repairOutbox() {
  for (const statement of REPAIR_OUTBOX[testEngine]) await runStatement(t.db, statement);
}
const tableCounts = async () => ({
  ...(await storedCounts(t.db)),
  ccs: await t.db.$count(requestCcs),
  outbox: await outboxCount(),
});
const requestRow = (number: number) => requestByNumber(t.db, number);

// ---- a new request -----------------------------------------------------------------

describe('a new request', () => {
  test('from an anonymous visitor: a receipt that echoes nothing they typed, and a mail with it all to each of the site’s agents', async () => {
    const number = await anonymous({ subject: 'Claim your prize at evil.example', name: 'Winner Notice' });
    expect(await written()).toEqual({ [PAT]: ['receipt'], [RILEY]: ['new_request'], [SAM]: ['new_request'] });

    const [receipt] = await mailsTo(PAT);
    // Nobody has verified Pat's address: the subject is neutral, and no display name goes with it.
    expect(receipt).toMatchObject({
      subject: `Your request #${number} to Northwind Outfitters`,
      toName: null,
      status: 'pending',
      requestId: (await requestRow(number)).id,
    });
    expect(receipt!.text).toContain(`We have received your request #${number} to Northwind Outfitters`);
    for (const part of [receipt!.subject, receipt!.text, receipt!.html]) {
      for (const typed of ['NW-55512', '4242', 'prize', 'evil.example', 'Winner']) expect(part).not.toContain(typed);
    }

    for (const agent of [RILEY, SAM]) {
      const [mail] = await mailsTo(agent);
      expect(mail!.subject).toBe(`[#${number}] Claim your prize at evil.example`);
      expect(mail!.text).toContain(DESCRIPTION);
      expect(mail!.html).toContain('NW-55512');
      // Agents are sent to the inbox, not given a customer's link token.
      expect(mail!.text).toContain(`${t.config.publicUrl}/agent/requests/${number}`);
      expect(mail!.text).not.toMatch(/#porthole=/);
    }
    expect(await mailsTo(PEBBLE)).toEqual([]);
  });

  test('an agent’s reply to an address nobody verified quotes the agent under the neutral subject, never the typed one', async () => {
    const number = await anonymous({ subject: 'Claim your prize at evil.example' });
    await agentReply(number, 'Which order is this about?');
    const reply = (await mailsTo(PAT)).find((m) => m.kind === 'agent_reply')!;
    expect(reply).toMatchObject({ subject: `Your request #${number} to Northwind Outfitters`, toName: null });
    expect(reply.text).toContain('Which order is this about?');
    for (const part of [reply.text, reply.html]) expect(part).not.toContain('prize');
  });

  test('from a member whose email the host verified, the receipt may quote the description; from an unverified one it may not', async () => {
    const first = await asMember(await signIn(ALICE));
    const [verified] = await mailsTo(ALICE.email);
    expect(verified).toMatchObject({ kind: 'receipt', subject: `[#${first}] Cannot sign in`, toName: 'Alice Asker' });
    expect(verified!.text).toContain(DESCRIPTION);

    const second = await asMember(await signIn({ sub: 'n-unverified', email: 'unverified@customer.example', name: 'Una', email_verified: false }));
    const [unverified] = await mailsTo('unverified@customer.example');
    expect(unverified).toMatchObject({ kind: 'receipt', subject: `Your request #${second} to Northwind Outfitters`, toName: null });
    expect(unverified!.text).not.toContain('NW-55512');
    expect(unverified!.html).not.toContain('NW-55512');
  });

  test('each CC gets a copy without the description, the subject or the requester’s name, even when the requester is verified, with a link of their own', async () => {
    const number = await asMember(await signIn({ ...ALICE, name: 'Prize Desk' }), { subject: 'Claim your prize at evil.example', ccs: [CAROL.email, DAN] });
    expect(await written()).toEqual({
      [ALICE.email]: ['receipt'],
      [CAROL.email]: ['cc_added'],
      [DAN]: ['cc_added'],
      [RILEY]: ['new_request'],
      [SAM]: ['new_request'],
    });
    const links = new Set<string>();
    for (const cc of [CAROL.email, DAN]) {
      const [mail] = await mailsTo(cc);
      expect(mail).toMatchObject({ subject: `You are copied on request #${number} to Northwind Outfitters`, toName: null });
      expect(mail!.text).toContain(`You have been copied on request #${number} to Northwind Outfitters.`);
      for (const part of [mail!.text, mail!.html]) {
        for (const typed of ['NW-55512', 'prize', 'Prize Desk']) expect(part).not.toContain(typed);
      }
      links.add(linkIn(mail!).token);
    }
    links.add(linkIn((await mailsTo(ALICE.email))[0]!).token);
    expect(links.size).toBe(3);
  });
});

// ---- replies and comments ---------------------------------------------------------------

describe('replies and comments', () => {
  test('the requester and every CC get each public agent reply, quoted; agents get no mail for it', async () => {
    const number = await asMember(await signIn(ALICE), { ccs: [CAROL.email, DAN] });
    const before = await outboxCount();
    await agentReply(number, 'Please try the new reset link.');
    await agentReply(number, 'Did that work?');
    expect(await written(before)).toEqual({
      [ALICE.email]: ['agent_reply', 'agent_reply'],
      [CAROL.email]: ['agent_reply', 'agent_reply'],
      [DAN]: ['agent_reply', 'agent_reply'],
    });
    for (const m of (await mails()).slice(before, before + 3)) {
      expect(m.text).toContain('Please try the new reset link.');
      // Who wrote it and when, then the words quoted.
      expect(m.text).toMatch(/Riley Chen wrote on \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M UTC:\n> Please try the new reset link\./);
      expect(linkIn(m).number).toBe(number);
    }
  });

  test('an anonymous requester gets each public agent reply too', async () => {
    const number = await anonymous();
    const before = await outboxCount();
    await agentReply(number, 'We sent a replacement.');
    expect(await written(before)).toEqual({ [PAT]: ['agent_reply'] });
    expect((await mailsTo(PAT))[1]!.text).toContain('We sent a replacement.');
  });

  test('an internal note sends no mail to anyone', async () => {
    const number = await asMember(await signIn(ALICE), { ccs: [CAROL.email] });
    const before = await outboxCount();
    await agentReply(number, 'Internal: refund approved by finance', false);
    const noteWithStatus = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agent/requests/${number}/comments`,
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ body: 'Internal: parking this', public: false, status: 'hold' }),
    });
    expect(noteWithStatus.statusCode).toBe(201);
    expect(await outboxCount()).toBe(before);
    for (const m of await mails()) expect(m.text + m.html).not.toContain('Internal:');
  });

  test('a customer’s comment goes to the site’s agents and to the CCs — never back to the person who wrote it', async () => {
    const alice = await signIn(ALICE);
    const number = await asMember(alice, { ccs: [CAROL.email, DAN] });

    let before = await outboxCount();
    await comment(alice, number, 'Adding a screenshot description.');
    expect(await written(before)).toEqual({ [CAROL.email]: ['cc_comment'], [DAN]: ['cc_comment'], [RILEY]: ['customer_reply'], [SAM]: ['customer_reply'] });
    expect((await mailsTo(RILEY)).at(-1)!.text).toContain('Adding a screenshot description.');

    // Carol, a CC who signs in with the verified address she was copied on, writes too.
    const carol = await signIn(CAROL);
    before = await outboxCount();
    await comment(carol, number, 'Same problem here.');
    const fromCarol = await written(before);
    expect(fromCarol[CAROL.email]).toBeUndefined();
    expect(fromCarol).toMatchObject({ [DAN]: ['cc_comment'], [RILEY]: ['customer_reply'], [SAM]: ['customer_reply'] });
  });

  test('a CC writing through the link in their mail gets no copy of their own comment', async () => {
    const number = await asMember(await signIn(ALICE), { ccs: [CAROL.email, DAN] });
    const session = await exchangeLink(linkIn((await mailsTo(DAN))[0]!).token);
    expect(session.statusCode, session.body).toBe(200);
    const before = await outboxCount();
    await comment(session.json().accessToken, number, 'Dan here.');
    const fromDan = await written(before);
    expect(fromDan[DAN]).toBeUndefined();
    expect(fromDan).toMatchObject({ [CAROL.email]: ['cc_comment'], [RILEY]: ['customer_reply'], [SAM]: ['customer_reply'] });
  });
});

// ---- the link back -------------------------------------------------------------------

describe('the link in customer mail', () => {
  test('opens the request in the Help Center for someone known only by email, at #porthole=request/N&t=…, in the text and the HTML', async () => {
    const number = await anonymous();
    const [receipt] = await mailsTo(PAT);
    const link = linkIn(receipt!);
    const page = `${t.config.publicUrl}/help/demo/requests/${number}`;
    expect(link.base).toBe(page);
    expect(link.number).toBe(number);
    expect(receipt!.html).toContain(`href="${page}#porthole=request/${number}&amp;t=${link.token}"`);
  });

  test('opens the site’s supportUrl for the host’s members, and the Help Center when the site has no host page', async () => {
    const alice = await signIn(ALICE);
    const onHost = await asMember(alice, { subject: 'On the host page' });
    expect(linkIn((await mailsTo(ALICE.email)).find((m) => m.subject.startsWith(`[#${onHost}]`))!).base).toBe(`${DEMO_ORIGIN}/`);

    await runStatement(t.db, `UPDATE sites SET support_url = '' WHERE slug = 'demo'`);
    t.clock.advance(10 * SECOND); // past what the site directory keeps
    const without = await asMember(alice, { subject: 'No host page' });
    const link = linkIn((await mailsTo(ALICE.email)).find((m) => m.subject.startsWith(`[#${without}]`))!);
    expect(link.base).toBe(`${t.config.publicUrl}/help/demo/requests/${without}`);
    // The Help Center's link is the same one-request link: it opens a session for that request only.
    const exchanged = await exchangeLink(link.token);
    expect(exchanged.statusCode, exchanged.body).toBe(200);
    expectError(await t.app.inject({ url: '/api/v1/sites/demo/requests', headers: auth(exchanged.json().accessToken) }), 403, 'link_session_scope');
  });

  test('its token exchanges for a session that reads and comments on that request, is refused everything else, and cannot solve', async () => {
    const first = await anonymous({ subject: 'First' });
    const second = await anonymous({ subject: 'Second' });
    const link = linkIn((await mailsTo(PAT)).find((m) => m.subject.includes(`#${first} `))!);

    const exchanged = await exchangeLink(link.token);
    expect(exchanged.statusCode, exchanged.body).toBe(200);
    expect(exchanged.json().member).toMatchObject({ email: PAT });
    const session = exchanged.json().accessToken;

    const read = await t.app.inject({ url: `/api/v1/sites/demo/requests/${first}`, headers: auth(session) });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().request).toMatchObject({ id: first, subject: 'First', can: { comment: true, solve: false } });
    expect(read.json().request.comments[0].body).toBe(DESCRIPTION);

    const commented = await memberComment(session, first, 'Replying from the mail link');
    expect(commented.statusCode, commented.body).toBe(201);

    // The same person's other request is not reachable through this link, nor are the lists
    // (test/server/link-session-scope.test.ts has the rest).
    expectError(await t.app.inject({ url: `/api/v1/sites/demo/requests/${second}`, headers: auth(session) }), 403, 'link_session_scope');
    expectError(await memberComment(session, second, 'Sneaking in'), 403, 'link_session_scope');
    expectError(await t.app.inject({ url: '/api/v1/sites/demo/requests', headers: auth(session) }), 403, 'link_session_scope');

    const solve = await t.app.inject({ method: 'POST', url: `/api/v1/sites/demo/requests/${first}/solve`, headers: auth(session) });
    expect(solve.statusCode).toBeGreaterThanOrEqual(400);
    expect((await requestRow(first)).status).toBe('open');
  });

  test('a tampered, expired, other-site or session token is refused with 401, and the link token is no session', async () => {
    const number = await anonymous();
    const { token } = linkIn((await mailsTo(PAT))[0]!);
    const [header, payload, signature] = token.split('.') as [string, string, string];

    const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherRequest = `${header}.${Buffer.from(JSON.stringify({ ...claims, req: number + 1 })).toString('base64url')}.${signature}`;
    for (const bad of [flipped, otherRequest, `${header}.${payload}.`, 'not-a-token']) expectError(await exchangeLink(bad), 401, 'token_invalid');

    expectError(await exchangeLink(token, 'starter'), 401, 'token_invalid');
    // It is not a member session, and a member session is not a link token.
    expectError(await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: auth(token) }), 401, 'session_expired');
    expectError(await exchangeLink(await signIn(ALICE)), 401, 'token_invalid');
    expectError(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/sites/demo/session',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ token }),
      }),
      401,
      'token_invalid',
    );

    t.clock.advance(31 * DAY);
    expectError(await exchangeLink(token), 401, 'token_expired');
  });
});

// ---- bodies ----------------------------------------------------------------------

describe('mail bodies', () => {
  test('come as text and HTML; what people wrote (subject, description, name) is escaped in the HTML, never markup', async () => {
    const subject = '<script>alert("subject")</script> & help';
    const description = '<script>alert(1)</script>\n<img src=x onerror=alert(2)> & "quotes"';
    const number = await asMember(await signIn({ ...ALICE, name: '<b>Alice</b>' }), { subject, description });
    await agentReply(number, 'Reply with <script>alert(3)</script>');

    const all = await mails();
    expect(all.length).toBe(4);
    for (const m of all) {
      expect(m.subject).toBe(`[#${number}] ${subject}`);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.html).toMatch(/^<!doctype html>/);
      expect(m.html).not.toMatch(/<script|<img|<b>Alice/i);
    }
    const receipt = (await mailsTo(ALICE.email)).find((m) => m.kind === 'receipt')!;
    expect(receipt.text).toContain('<script>alert(1)</script>');
    expect(receipt.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(receipt.html).toContain('&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;');
    const toAgent = (await mailsTo(RILEY))[0]!;
    expect(toAgent.html).toContain('&lt;b&gt;Alice&lt;/b&gt;');
    expect(toAgent.text).toContain('<b>Alice</b>');
    const replyMail = (await mailsTo(ALICE.email)).find((m) => m.kind === 'agent_reply')!;
    expect(replyMail.html).toContain('Reply with &lt;script&gt;alert(3)&lt;/script&gt;');
  });
});

// ---- at most 5 an hour ------------------------------------------------------------------

describe('the hourly cap on customer mail', () => {
  test(`at most ${CUSTOMER_MAILS_PER_HOUR} mails per recipient per hour per site: the 6th is not queued, the reply itself is kept, and mail resumes an hour later`, async () => {
    expect(CUSTOMER_MAILS_PER_HOUR).toBe(5);
    const number = await anonymous();
    for (let i = 1; i <= 5; i += 1) await agentReply(number, `Reply ${i}`);
    const toPat = await mailsTo(PAT);
    expect(toPat.map((m) => m.kind)).toEqual(['receipt', 'agent_reply', 'agent_reply', 'agent_reply', 'agent_reply']);
    expect(toPat.some((m) => m.text.includes('Reply 5'))).toBe(false);
    expect(await t.db.$count(comments, eq(comments.requestId, (await requestRow(number)).id))).toBe(6);

    // Another recipient, and the same address on another site, are counted apart.
    await anonymous({ email: 'other@customer.example' });
    expect(await mailsTo('other@customer.example')).toHaveLength(1);
    await anonymous({}, 'starter');
    const starterId = await siteIdOf(t.db, 'starter');
    expect((await mails()).filter((m) => m.toEmail === PAT && m.siteId === starterId)).toHaveLength(1);

    t.clock.advance(HOUR - SECOND);
    await agentReply(number, 'Reply 6');
    const demoId = await siteIdOf(t.db, 'demo');
    expect((await mails()).filter((m) => m.toEmail === PAT && m.siteId === demoId)).toHaveLength(5);

    t.clock.advance(2 * SECOND);
    await agentReply(number, 'Reply 7');
    const demoToPat = (await mails()).filter((m) => m.toEmail === PAT && m.siteId === demoId);
    expect(demoToPat).toHaveLength(6);
    expect(demoToPat.at(-1)!.text).toContain('Reply 7');
  });

  test('the budget is the mailbox’s: ann+1@, ANN+2@ and a.nn@ share one, and each mail still goes to the address as written', async () => {
    const addresses = [
      'pat+1@customer.example',
      'PAT+2@customer.example',
      'p.a.t@customer.example',
      'Pat@Customer.Example',
      'pat+3@customer.example',
      'pat+4@customer.example',
    ];
    for (const email of addresses) await anonymous({ email });
    const receipts = (await mails()).filter((m) => m.kind === 'receipt');
    expect(receipts.map((m) => m.toEmail)).toEqual(addresses.slice(0, 5).map((email) => email.toLowerCase()));
    // Another mailbox on the same domain keeps a budget of its own.
    await anonymous({ email: 'patricia@customer.example' });
    expect(await mailsTo('patricia@customer.example')).toHaveLength(1);
  });
});

describe('the hourly cap on agent mail', () => {
  const PER_HOUR = 3;
  beforeEach(async () => {
    await t.close();
    t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 }, agentMailsPerHour: PER_HOUR });
    cats = await categoryIds(t.app);
    await addAgent('demo', RILEY, 'Riley Chen');
    await addAgent('demo', SAM, 'Sam Support');
  });
  const digestsTo = async (email: string) => (await mailsTo(email)).filter((m) => m.kind === 'agent_digest');
  const singlesTo = async (email: string) => (await mailsTo(email)).filter((m) => m.kind !== 'agent_digest');

  test(`each agent gets ${PER_HOUR} single mails a clock hour from a site; the rest of the hour’s changes come as one digest when it ends`, async () => {
    const alice = await signIn(ALICE);
    const numbers: number[] = [];
    for (let i = 1; i <= 5; i += 1) numbers.push(await anonymous({ email: `visitor${i}@customer.example`, subject: `Claim your prize ${i}` }));
    numbers.push(await asMember(alice, { subject: 'Claim your prize 6' }));
    await comment(alice, numbers[5]!, 'Still waiting for my prize');

    for (const agent of [RILEY, SAM]) {
      expect((await singlesTo(agent)).map((m) => m.subject)).toEqual(numbers.slice(0, 3).map((n, i) => `[#${n}] Claim your prize ${i + 1}`));
      const digests = await digestsTo(agent);
      expect(digests).toHaveLength(1);
      const [digest] = digests;
      expect(digest).toMatchObject({
        status: 'pending',
        requestId: null,
        nextAttemptAt: '2026-11-23T11:00:00.000Z',
        subject: 'Requests that changed at Northwind Outfitters this hour',
      });
      expect(digest!.text).toContain(`#${numbers[3]}: new request — ${t.config.publicUrl}/agent/requests/${numbers[3]}`);
      expect(digest!.text).toContain(`#${numbers[4]}: new request`);
      expect(digest!.text).toContain(`#${numbers[5]}: new request, customer reply`);
      expect(digest!.text).toContain(`Open the inbox: ${t.config.publicUrl}/agent`);
      // Numbers and the site's words only: nothing a visitor typed.
      for (const part of [digest!.subject, digest!.text, digest!.html]) {
        expect(part).not.toContain('prize');
        expect(part).not.toContain(DESCRIPTION);
      }
    }
    // Customers are unaffected by the agents' budget.
    expect((await mailsTo('visitor5@customer.example')).map((m) => m.kind)).toEqual(['receipt']);

    // The next hour starts with a fresh budget, and its own digest once that is spent.
    t.clock.advance(HOUR);
    const later = await anonymous({ email: 'visitor7@customer.example' });
    expect((await singlesTo(RILEY)).at(-1)!.subject).toBe(`[#${later}] Cannot sign in`);
    expect(await digestsTo(RILEY)).toHaveLength(1);
  });

  test(`a digest lists ${DIGEST_ENTRIES} requests, then says “and more”`, async () => {
    const numbers: number[] = [];
    for (let i = 1; i <= PER_HOUR + DIGEST_ENTRIES + 2; i += 1) numbers.push(await anonymous({ email: `visitor${i}@customer.example` }));
    const [digest] = await digestsTo(RILEY);
    const listed = numbers.slice(PER_HOUR, PER_HOUR + DIGEST_ENTRIES);
    expect(digest!.digest).toEqual({ entries: listed.map((number) => ({ number, changes: ['new request'] })), more: true });
    expect(digest!.text).toContain(`#${listed.at(-1)}: new request`);
    expect(digest!.text).not.toContain(`#${numbers.at(-1)}:`);
    expect(digest!.text).toContain('… and more: see the inbox.');
  });

  test('the digest is one mail: the sender delivers it when the hour ends, once', async () => {
    for (let i = 1; i <= PER_HOUR + 4; i += 1) await anonymous({ email: `visitor${i}@customer.example` });
    const sent: string[] = [];
    const mailer = createOutboxSender({
      store: t.store,
      transport: { kind: 'files', send: async (mail) => void sent.push(`${mail.to.address} ${mail.subject}`), close() {} },
      clock: () => t.clock.now,
      from: t.config.mailFrom,
      log: { info() {}, warn() {}, error() {} },
    });
    await mailer.deliverDue();
    expect(sent.filter((line) => line.startsWith(RILEY))).toHaveLength(PER_HOUR);
    t.clock.advance(HOUR);
    sent.length = 0;
    await mailer.deliverDue();
    expect(sent.sort()).toEqual([
      `${RILEY} Requests that changed at Northwind Outfitters this hour`,
      `${SAM} Requests that changed at Northwind Outfitters this hour`,
    ]);
  });
});

// ---- one transaction ---------------------------------------------------------------

describe('mail is written in the same transaction as the event', () => {
  async function expectServerError(response: LightMyRequestResponse) {
    expectError(response, 500, 'internal_error');
    expect(response.body).not.toContain('boom');
  }

  test('when the outbox refuses the row, a submit answers 500 and neither the request nor any mail exists', async () => {
    await breakOutbox();
    const before = await tableCounts();
    const payload = { categoryId: cats['Account & sign-in'], subject: 'Will fail', description: DESCRIPTION, email: PAT };
    await expectServerError(await submit(t.app, payload, { headers: { 'idempotency-key': 'submit-key-0001' } }));
    await expectServerError(
      await submit(
        t.app,
        { categoryId: cats['Account & sign-in'], subject: 'Member fails', description: 'x', ccs: [DAN] },
        { headers: auth(await signIn(ALICE)) },
      ),
    );
    expect(await tableCounts()).toEqual({ ...before, endUsers: before.endUsers + 1 }); // only Alice's sign-in wrote
    expect(await firstRow(t.db.select().from(endUsers).where(eq(endUsers.email, DAN)))).toBeUndefined();
    expect(await lastRequestNumber(t.db, 'demo')).toBe(1000);

    // Once mail can be written again, the same submission (same key) goes through, numbered as if nothing happened.
    await repairOutbox();
    const retried = await submit(t.app, payload, { headers: { 'idempotency-key': 'submit-key-0001' } });
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.headers['idempotency-replayed']).toBeUndefined();
    expect(retried.json().request.id).toBe(1001);
    expect(await written()).toEqual({ [PAT]: ['receipt'], [RILEY]: ['new_request'], [SAM]: ['new_request'] });
  });

  test('a member’s comment answers 500 and leaves no comment, no status change and no mail', async () => {
    const alice = await signIn(ALICE);
    const number = await asMember(alice, { ccs: [DAN] });
    await agentReply(number, 'Pending now');
    const row = await requestRow(number);
    const before = await tableCounts();

    await breakOutbox();
    await expectServerError(await memberComment(alice, number, 'This comment must not be half-written'));
    expect(await tableCounts()).toEqual(before);
    expect(await requestRow(number)).toEqual(row);
    expect(row.status).toBe('pending');

    await repairOutbox();
    await comment(alice, number, 'Now it works');
    expect((await requestRow(number)).status).toBe('open');
  });

  test('an agent’s public reply answers 500 and leaves no comment, no status change and no mail', async () => {
    const number = await anonymous();
    const row = await requestRow(number);
    const before = await tableCounts();

    await breakOutbox();
    await expectServerError(await agentWrite(number, 'This reply must not be half-written'));
    expect(await tableCounts()).toEqual(before);
    expect(await requestRow(number)).toEqual(row);
    expect(row.status).toBe('new');

    await repairOutbox();
    await agentReply(number, 'Now it works');
    expect((await requestRow(number)).status).toBe('pending');
  });
});
