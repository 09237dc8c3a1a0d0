/**
 * export-person and erase-person (issue 14) on the run's engine: a person with requests, messages,
 * a CC, a file and mail is exported whole and alone; erased, nothing of them is found again — not
 * by an export, the queue search, a download link, a mail file, nor (SQLite) in the database files.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngine } from '../support/test-engine.js';
import { addDemoAgent } from '../support/agent-side.js';
import { PNG, download, upload } from '../support/files.js';
import { outboxRows, siteIdOf } from '../support/inspect.js';
import { requests } from '../support/tables.js';
import { runAdmin } from '../../server/admin/main.js';
import { createOutboxSender, type MailLog } from '../../server/mail/outbox-sender.js';
import { createMailTransport } from '../../server/mail/transport.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';

const ALICE = { sub: 'privacy-alice', email: 'alice.privacy@customer.example', name: 'Alice Privacy' };
const BOB = { sub: 'privacy-bob', email: 'bob.other@customer.example', name: 'Bob Other' };
/** Words only Alice's messages hold, and Bob's. */
const ALICE_WORD = 'quokkafandango';
const BOB_WORD = 'wombatcalypso';
const NOTE_WORD = 'internalnotepangolin';
const CC = 'carol.cc@customer.example';
const quietLog: MailLog = { info() {}, warn() {}, error() {} };

let t: TestApp;
let mailDir: string;
let agent: string;

beforeEach(async () => {
  mailDir = mkdtempSync(join(tmpdir(), 'porthole-privacy-mail-'));
  t = await createTestApp({ mailDir });
  agent = await addDemoAgent(t, 'riley@northwind.example');
});
afterEach(async () => {
  await t.close();
  rmSync(mailDir, { recursive: true, force: true });
});

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = {
    DATABASE_PATH: t.config.databasePath,
    MAIL_DIR: mailDir,
    FILES_DIR: t.config.filesDir,
    ...(t.config.databaseUrl && { DATABASE_URL: t.config.databaseUrl }),
  };
  const code = await runAdmin(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env, { clock: () => t.clock.now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const agentWrite = (number: number, body: string, isPublic: boolean) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/agent/requests/${number}/comments`,
    headers: { 'content-type': 'application/json', ...bearer(agent) },
    payload: JSON.stringify({ body, public: isPublic }),
  });

/** Alice: a request with a file and a CC, the team's reply and a note; Bob: a request of his own. Mail delivered to MAIL_DIR. */
async function seedPeople() {
  const cats = await categoryIds(t.app);
  const alice = await memberSession(t, ALICE);
  const file = await upload(t, PNG, { filename: 'alice-receipt.png', headers: bearer(alice) });
  expect(file.statusCode, file.body).toBe(201);
  const created = await submit(
    t.app,
    {
      categoryId: cats['Account & sign-in'],
      subject: `Locked out (${ALICE_WORD} subject)`,
      description: `My account says ${ALICE_WORD} when I sign in.`,
      ccs: [CC],
      attachmentIds: [file.json().attachment.id],
    },
    // A retry's cached answer holds what she wrote too.
    { headers: { ...bearer(alice), 'idempotency-key': 'alice-first-request' } },
  );
  expect(created.statusCode, created.body).toBe(201);
  const number: number = created.json().request.id;
  expect((await agentWrite(number, 'Thanks Alice, we are looking into it.', true)).statusCode).toBe(201);
  expect((await agentWrite(number, `Note: ${NOTE_WORD}`, false)).statusCode).toBe(201);

  const bob = await memberSession(t, BOB);
  const other = await submit(
    t.app,
    { categoryId: cats['Account & sign-in'], subject: `Bob's question`, description: `Something ${BOB_WORD} happened.` },
    { headers: bearer(bob) },
  );
  expect(other.statusCode, other.body).toBe(201);
  const bobNumber: number = other.json().request.id;
  expect((await agentWrite(bobNumber, 'Hello Bob.', true)).statusCode).toBe(201);

  const view = await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(alice) });
  const fileUrl: string = view.json().request.comments[0].attachments[0].url;
  const sender = createOutboxSender({
    store: t.store,
    transport: createMailTransport({ mailDir }),
    clock: () => t.clock.now,
    from: t.config.mailFrom,
    log: quietLog,
  });
  expect((await sender.deliverDue()).sent).toBeGreaterThan(0);
  return { number, bobNumber, fileUrl };
}

const mailFiles = () => readdirSync(mailDir).filter((name) => name.endsWith('.eml'));
const mailsMentioning = (text: string) => mailFiles().filter((name) => readFileSync(join(mailDir, name), 'latin1').toLowerCase().includes(text.toLowerCase()));

async function queueSearch(text: string) {
  return t.store.agentRequests.queue(await siteIdOf(t.db, 'demo'), {
    statuses: null,
    categoryId: null,
    unanswered: false,
    search: text,
    after: null,
    limit: 50,
  });
}

test('export-person prints their identity, requests, public messages, CC, file and mail as JSON — and nothing of anyone else', async () => {
  const { number } = await seedPeople();
  const exported = await admin('export-person', '--site', 'demo', '--email', 'Alice.Privacy@customer.example');
  expect(exported.code, exported.err).toBe(0);
  const data = JSON.parse(exported.out);
  expect(data).toMatchObject({ format: 'porthole.person-export/1', site: { slug: 'demo' }, email: ALICE.email });
  expect(data.identities).toEqual([expect.objectContaining({ kind: 'member', externalId: ALICE.sub, name: ALICE.name, email: ALICE.email })]);
  expect(data.requests).toHaveLength(1);
  const [request] = data.requests;
  expect(request).toMatchObject({ number, subject: `Locked out (${ALICE_WORD} subject)`, category: 'Account & sign-in', ccs: [CC] });
  expect(request.messages.map((message: { author: { kind: string } }) => message.author.kind)).toEqual(['you', 'team']);
  expect(request.messages[0].attachments).toEqual([expect.objectContaining({ name: 'alice-receipt.png', contentType: 'image/png', size: PNG.length })]);
  expect(data.attachments).toEqual([expect.objectContaining({ name: 'alice-receipt.png', requestNumber: number })]);
  expect(data.mailToThem.length).toBeGreaterThan(0);
  expect(data.mailToThem.every((mail: { requestNumber: number }) => mail.requestNumber === number)).toBe(true);
  // What the person may see: the team's internal note is not theirs; Bob is not in it at all.
  expect(exported.out).not.toContain(NOTE_WORD);
  expect(exported.out).not.toContain(BOB_WORD);
  expect(exported.out).not.toContain(BOB.email);
  expect(exported.err).toMatch(
    /^Site "demo": exported alice\.privacy@customer\.example: 1 identity record, 1 request, 2 messages, 0 CCs, 1 file, \d+ mails? to them\.$/,
  );
});

test('erase-person refuses without --yes and changes nothing', async () => {
  await seedPeople();
  const refused = await admin('erase-person', '--site', 'demo', '--email', ALICE.email);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain('add --yes to go ahead');
  expect(JSON.parse((await admin('export-person', '--site', 'demo', '--email', ALICE.email)).out).requests).toHaveLength(1);
});

test('erase-person leaves an anonymised request the team still counts, and nothing that finds or names the person', async () => {
  const { number, bobNumber, fileUrl } = await seedPeople();
  const before = await t.db.$count(requests);
  expect(await queueSearch(ALICE_WORD)).toHaveLength(1);
  expect((await download(t, fileUrl)).statusCode).toBe(200);
  expect(mailsMentioning(ALICE.email).length).toBeGreaterThan(0);
  const bobMails = mailsMentioning(BOB.email);
  expect(bobMails.length).toBeGreaterThan(0);

  const erased = await admin('erase-person', '--site', 'demo', '--email', ALICE.email, '--yes');
  expect(erased.code, erased.err).toBe(0);
  expect(erased.err).toContain('Site "demo": erased alice.privacy@customer.example: 1 identities, 1 requests, 3 messages');
  expect(erased.err).toContain('1 attachments');
  expect(erased.err).toContain('1 ccs');
  expect(erased.err).toContain('1 idempotency keys');

  const again = JSON.parse((await admin('export-person', '--site', 'demo', '--email', ALICE.email)).out);
  expect(again).toMatchObject({ identities: [], requests: [], ccRequests: [], attachments: [], mailToThem: [] });
  expect(await t.db.$count(requests)).toBe(before);
  // The team's record: the same number and status, an erased requester and text.
  const view = (await t.store.agentRequests.find(await siteIdOf(t.db, 'demo'), number))!;
  expect(view.request).toMatchObject({ number, subject: '[erased]', fields: {} });
  expect(view.requester).toMatchObject({ name: 'Erased person', email: '' });
  expect(view.comments.map((comment) => comment.body)).toEqual(['[erased]', '[erased]', '[erased]']);
  expect(view.ccs).toEqual([]);
  expect(await queueSearch(ALICE_WORD)).toEqual([]);
  expect(await queueSearch(ALICE.email)).toEqual([]);
  expect((await download(t, fileUrl)).statusCode).toBe(404);
  expect(mailsMentioning(ALICE.email)).toEqual([]);
  expect(mailsMentioning(ALICE_WORD)).toEqual([]);
  // The team may still answer the record; nobody is mailed for it (the requester has no address left).
  const mailsBefore = (await outboxRows(t.db)).length;
  expect((await agentWrite(number, 'Closing this one.', true)).statusCode).toBe(201);
  expect((await outboxRows(t.db)).filter((mail) => mail.toEmail === '')).toEqual([]);
  expect((await outboxRows(t.db)).length).toBe(mailsBefore);
  // Bob is untouched.
  expect(mailsMentioning(BOB.email)).toEqual(bobMails);
  expect((await t.store.agentRequests.find(await siteIdOf(t.db, 'demo'), bobNumber))!.comments[0]!.body).toContain(BOB_WORD);
  expect(await queueSearch(BOB_WORD)).toHaveLength(1);
});

/** SQLite: their words and address are in none of the database's files (db, -wal, -shm). */
async function goneFromSqliteFiles() {
  await seedPeople();
  const files = [t.config.databasePath, `${t.config.databasePath}-wal`, `${t.config.databasePath}-shm`];
  const holding = (marker: string) => files.filter((path) => existsSync(path) && readFileSync(path).includes(Buffer.from(marker)));
  expect(holding(ALICE_WORD).length, 'the marker is there before').toBeGreaterThan(0);
  expect(holding(ALICE.email).length).toBeGreaterThan(0);

  const erased = await admin('erase-person', '--site', 'demo', '--email', ALICE.email, '--yes');
  expect(erased.code).toBe(0);
  expect(erased.err).not.toContain('warning');
  expect(holding(ALICE_WORD)).toEqual([]);
  expect(holding(ALICE.email)).toEqual([]);
  expect(holding(ALICE.name)).toEqual([]);
  expect(holding(BOB_WORD).length, 'the rest is still there').toBeGreaterThan(0);
}

/** PostgreSQL: no row holds their words, and the touched tables were rewritten (VACUUM FULL), so no dead tuple does either. */
async function goneFromPostgresTables() {
  await seedPeople();
  const pg = t.db as unknown as { execute(query: ReturnType<typeof sql>): Promise<{ rows: Record<string, unknown>[] }> };
  const fileNode = async (table: string) => (await pg.execute(sql`SELECT pg_relation_filenode(${table}::regclass)::text AS node`)).rows[0]!.node;
  const holding = async (marker: string) => {
    const like = `%${marker}%`;
    const { rows } = await pg.execute(sql`
      SELECT (SELECT count(*) FROM comments WHERE body ILIKE ${like}) + (SELECT count(*) FROM requests WHERE subject ILIKE ${like})
        + (SELECT count(*) FROM outbox WHERE text ILIKE ${like} OR to_email ILIKE ${like}) + (SELECT count(*) FROM end_users WHERE email ILIKE ${like}) AS n`);
    return Number(rows[0]!.n);
  };
  expect(await holding(ALICE_WORD)).toBeGreaterThan(0);
  const nodes = { comments: await fileNode('comments'), endUsers: await fileNode('end_users') };

  expect((await admin('erase-person', '--site', 'demo', '--email', ALICE.email, '--yes')).code).toBe(0);
  expect(await holding(ALICE_WORD)).toBe(0);
  expect(await holding(ALICE.email)).toBe(0);
  expect(await holding(BOB_WORD)).toBeGreaterThan(0);
  // VACUUM FULL writes each table anew: a new file under it.
  expect(await fileNode('comments')).not.toBe(nodes.comments);
  expect(await fileNode('end_users')).not.toBe(nodes.endUsers);
}

// One test on each engine's project: what "gone from the files" means depends on how the engine keeps them.
test(
  `after erase-person their words are gone from what the database keeps on disk (${testEngine})`,
  testEngine === 'sqlite' ? goneFromSqliteFiles : goneFromPostgresTables,
);
