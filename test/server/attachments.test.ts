/**
 * Attachments through the API (issue 12), on both engines: uploads sniffed by their bytes, claimed
 * by new requests, comments and agent replies in the same unit, listed with signed short-lived URLs
 * only to whoever may see them, and downloaded with headers under which nothing can run.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent } from '../support/agent-side.js';
import { openMailedLink } from '../support/mail-links.js';
import { siteIdOf } from '../support/inspect.js';
import { attachments, comments } from '../support/tables.js';
import { DOCX, ELF, HTML, JS, PDF, PNG, SVG, TEXT, XML_SVG, download, upload } from '../support/files.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';
import { runMaintenance } from '../../server/services/maintenance.js';
import type { Config } from '../../server/config.js';
import { CSRF_HEADER } from '../../server/contract/rules.js';

const MINUTE = 60_000;
const DANA = { sub: 'files-dana', email: 'dana@files.example', name: 'Dana' };
const ERIK = { sub: 'files-erik', email: 'erik@files.example', name: 'Erik' };

let t: TestApp;
let cats: Record<string, string>;

async function start(attachmentLimits: Partial<Config['attachments']> = {}) {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  t.config.attachments = { ...t.config.attachments, ...attachmentLimits };
  cats = await categoryIds(t.app);
}
afterEach(async () => {
  await t.close();
});

const newRequest = (extra: Record<string, unknown> = {}) => ({
  categoryId: cats['Account & sign-in'],
  subject: 'Screenshot of the error',
  description: 'See the attached screenshot.',
  ...extra,
});

async function uploaded(body: Buffer, options: Parameters<typeof upload>[2] = {}): Promise<string> {
  const response = await upload(t, body, options);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().attachment.id;
}

async function memberRequestWith(token: string, attachmentIds: string[]): Promise<number> {
  const response = await submit(t.app, newRequest({ attachmentIds }), { headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

const readAsMember = (token: string, number: number) => t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(token) });
const readAsAgent = (token: string, number: number) => t.app.inject({ url: `/api/v1/agent/requests/${number}`, headers: bearer(token) });
const reply = (token: string, number: number, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/agent/requests/${number}/comments`,
    headers: { 'content-type': 'application/json', ...bearer(token) },
    payload: JSON.stringify(payload),
  });
const addComment = (token: string, number: number, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/demo/requests/${number}/comments`,
    headers: { 'content-type': 'application/json', ...bearer(token) },
    payload: JSON.stringify(payload),
  });

const storedFiles = () => t.db.select().from(attachments);

describe('upload, claim, list, download', () => {
  beforeEach(() => start());

  test('a member attaches a screenshot to a new request; its URL downloads it as an inline image with safe headers', async () => {
    const dana = await memberSession(t, DANA);
    const response = await upload(t, PNG, { filename: 'Screenshot 2026-12-03 — error.png', headers: bearer(dana) });
    expect(response.statusCode, response.body).toBe(201);
    const { attachment } = response.json();
    expect(attachment).toEqual({ id: expect.stringMatching(/^att_/), name: 'Screenshot 2026-12-03 — error.png', size: PNG.length, contentType: 'image/png' });

    const number = await memberRequestWith(dana, [attachment.id]);
    const detail = (await readAsMember(dana, number)).json().request;
    const [file] = detail.comments[0].attachments;
    expect(file).toMatchObject(attachment);
    expect(file.url.startsWith(`${t.config.publicUrl}/api/v1/files/${attachment.id}/`)).toBe(true);

    const got = await download(t, file.url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toBe(
      `inline; filename="Screenshot 2026-12-03 _ error.png"; filename*=UTF-8''Screenshot%202026-12-03%20%E2%80%94%20error.png`,
    );
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(got.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(String(got.headers['cache-control']))?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(t.config.attachments.urlMinutes * 60);
  });

  test('a comment and an agent reply carry files; a PDF is a download, served same-site only', async () => {
    const dana = await memberSession(t, DANA);
    const agent = await addDemoAgent(t, 'riley@files.example');
    const number = await memberRequestWith(dana, []);

    const pdf = await uploaded(PDF, { filename: 'invoice.pdf', type: 'application/pdf', headers: bearer(dana) });
    const commented = await addComment(dana, number, { body: 'The invoice.', attachmentIds: [pdf] });
    expect(commented.statusCode, commented.body).toBe(201);
    expect(commented.json().comment.attachments).toEqual([expect.objectContaining({ id: pdf, contentType: 'application/pdf' })]);

    const fromAgent = await uploaded(PNG, { filename: 'fixed.png', agent: true, headers: bearer(agent) });
    const replied = await reply(agent, number, { body: 'Fixed, see the screenshot.', public: true, attachmentIds: [fromAgent] });
    expect(replied.statusCode, replied.body).toBe(201);

    const comments = (await readAsMember(dana, number)).json().request.comments;
    expect(comments.map((c: { attachments: { id: string }[] }) => c.attachments.map((a) => a.id))).toEqual([[], [pdf], [fromAgent]]);
    const got = await download(t, comments[1].attachments[0].url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^attachment; /);
    expect(got.headers['cross-origin-resource-policy']).toBe('same-site');
  });

  test('another member gets 404 for the request and never a URL; a forged signature is 404; an expired URL is 410 link_expired', async () => {
    const dana = await memberSession(t, DANA);
    const erik = await memberSession(t, ERIK);
    const number = await memberRequestWith(dana, [await uploaded(PNG, { headers: bearer(dana) })]);
    expectError(await readAsMember(erik, number), 404, 'not_found');

    const { url } = (await readAsMember(dana, number)).json().request.comments[0].attachments[0];
    const forged = new URL(url);
    forged.searchParams.set(
      's',
      forged.searchParams.get('s')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
    );
    expectError(await download(t, forged.href), 404, 'not_found');
    const unsigned = new URL(url);
    unsigned.search = '';
    expectError(await download(t, unsigned.href), 404, 'not_found');
    const extended = new URL(url);
    extended.searchParams.set('e', String(Number(extended.searchParams.get('e')) + 3600));
    expectError(await download(t, extended.href), 404, 'not_found');

    t.clock.advance(t.config.attachments.urlMinutes * MINUTE + MINUTE);
    expectError(await download(t, url), 410, 'link_expired');
    // A fresh read gives a fresh URL that works.
    const fresh = (await readAsMember(dana, number)).json().request.comments[0].attachments[0].url;
    expect((await download(t, fresh)).statusCode).toBe(200);
  });

  test("an internal note's files are listed to agents only", async () => {
    const dana = await memberSession(t, DANA);
    const agent = await addDemoAgent(t, 'riley@files.example');
    const number = await memberRequestWith(dana, []);
    const note = await uploaded(PNG, { filename: 'internal.png', agent: true, headers: bearer(agent) });
    expect((await reply(agent, number, { body: 'Looks like a known bug.', public: false, attachmentIds: [note] })).statusCode).toBe(201);

    const forAgent = (await readAsAgent(agent, number)).json().request.comments;
    expect(forAgent.at(-1)).toMatchObject({ public: false, attachments: [expect.objectContaining({ id: note, url: expect.any(String) })] });
    const forMember = (await readAsMember(dana, number)).body;
    expect(forMember).not.toContain(note);
  });

  test('a long or odd name does not stand in the way of its download (the name in the URL is only for saving)', async () => {
    const dana = await memberSession(t, DANA);
    const long = `${'Überweisungsbestätigung '.repeat(10)}.png`;
    const ids = [await uploaded(PNG, { filename: long, headers: bearer(dana) }), await uploaded(PNG, { filename: '..', headers: bearer(dana) })];
    const number = await memberRequestWith(dana, ids);
    for (const file of (await readAsMember(dana, number)).json().request.comments[0].attachments) {
      const got = await download(t, file.url);
      expect(got.statusCode, file.url).toBe(200);
      expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(file.name)}`);
    }
  });

  test('a file whose bytes are gone is 404, not a failure halfway through an answer', async () => {
    const dana = await memberSession(t, DANA);
    const id = await uploaded(PNG, { headers: bearer(dana) });
    const number = await memberRequestWith(dana, [id]);
    const [row] = await t.db.select().from(attachments).where(eq(attachments.id, id));
    await t.app.porthole.files.storage.remove(row!.siteId, row!.storageKey);
    const { url } = (await readAsMember(dana, number)).json().request.comments[0].attachments[0];
    expectError(await download(t, url), 404, 'not_found');
  });

  test('an office document is kept as what its bytes are, and is a download', async () => {
    const dana = await memberSession(t, DANA);
    const response = await upload(t, DOCX, { filename: 'notes.docx', type: 'application/octet-stream', headers: bearer(dana) });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().attachment.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  test('a PNG named .html is served as image/png; a text file as text/plain, a download', async () => {
    const dana = await memberSession(t, DANA);
    const png = await uploaded(PNG, { filename: 'page.html', type: 'text/html', headers: bearer(dana) });
    const text = await uploaded(TEXT, { filename: 'orders.csv', type: 'text/csv', headers: bearer(dana) });
    const number = await memberRequestWith(dana, [png, text]);
    const [asPng, asText] = (await readAsMember(dana, number)).json().request.comments[0].attachments;
    expect(asPng.contentType).toBe('image/png');

    const image = await download(t, asPng.url);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toMatch(/^inline; filename="page.html"/);

    expect(asText.contentType).toBe('text/plain; charset=utf-8');
    const csv = await download(t, asText.url);
    expect(csv.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; /);
    expect(csv.headers['cross-origin-resource-policy']).toBe('same-site');
    expect(csv.rawPayload.equals(TEXT)).toBe(true);
  });
});

describe('what is refused', () => {
  test('HTML, SVG and JavaScript bytes are 415, whatever they are named or declared', async () => {
    await start();
    const dana = await memberSession(t, DANA);
    const cases: [Buffer, string, string][] = [
      [HTML, 'page.html', 'text/html'],
      [HTML, 'page.png', 'image/png'],
      [HTML, 'page.txt', 'text/plain'],
      [SVG, 'drawing.svg', 'image/svg+xml'],
      [SVG, 'drawing.png', 'image/png'],
      [JS, 'app.js', 'text/javascript'],
      [JS, 'app.png', 'image/png'],
      [XML_SVG, 'drawing.xml', 'text/plain'],
      [XML_SVG, 'drawing.png', 'image/png'],
      [ELF, 'tool.pdf', 'application/pdf'],
      [Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]), 'setup.pdf', 'application/pdf'],
      [Buffer.from([0x66, 0x6f, 0xff, 0xfe, 0x6f]), 'broken.txt', 'text/plain'],
      [Buffer.from('a\0b'), 'nul.txt', 'text/plain'],
    ];
    for (const [bytes, filename, type] of cases) {
      expectError(await upload(t, bytes, { filename, type, headers: bearer(dana) }), 415, 'unsupported_file_type');
    }
    expect(await storedFiles()).toEqual([]);
  });

  test('a file over ATTACHMENT_MAX_BYTES is 413 and leaves nothing behind', async () => {
    await start({ maxBytes: 64 * 1024 });
    const dana = await memberSession(t, DANA);
    const big = Buffer.concat([PNG, Buffer.alloc(200 * 1024, 7)]);
    expectError(await upload(t, big, { headers: bearer(dana) }), 413, 'file_too_large');
    expect(await storedFiles()).toEqual([]);
    expect(await leftOnDisk()).toEqual([]);
  });

  test("the site's quota is 413 site_quota_exceeded", async () => {
    await start({ siteQuotaBytes: PNG.length * 2 + 1 });
    const dana = await memberSession(t, DANA);
    await uploaded(PNG, { headers: bearer(dana) });
    await uploaded(PNG, { headers: bearer(dana) });
    expectError(await upload(t, PNG, { headers: bearer(dana) }), 413, 'site_quota_exceeded');
    expect(await storedFiles()).toHaveLength(2);
    expect(await leftOnDisk()).toHaveLength(t.store.engine === 'sqlite' ? 2 : 0);
  });

  test('only the uploader claims, once; more than ATTACHMENTS_PER_MESSAGE is too_many_attachments; nothing is half-stored', async () => {
    await start({ perMessage: 2 });
    const dana = await memberSession(t, DANA);
    const erik = await memberSession(t, ERIK);
    const agent = await addDemoAgent(t, 'riley@files.example');
    const erikFile = await uploaded(PNG, { headers: bearer(erik) });
    const number = await memberRequestWith(dana, []);
    const commentsBefore = await t.db.$count(comments);

    expectError(await addComment(dana, number, { body: 'Not mine', attachmentIds: [erikFile] }), 400, 'attachment_not_found');
    expectError(await reply(agent, number, { body: 'Not mine either', public: true, attachmentIds: [erikFile] }), 400, 'attachment_not_found');
    expectError(await addComment(dana, number, { body: 'Made up', attachmentIds: ['att_nothing'] }), 400, 'attachment_not_found');
    const danaFile = await uploaded(PNG, { headers: bearer(dana) });
    // One good and one bad: neither is claimed, and the comment is not stored.
    expectError(await addComment(dana, number, { body: 'Mixed', attachmentIds: [danaFile, erikFile] }), 400, 'attachment_not_found');
    expect(await t.db.$count(comments)).toBe(commentsBefore);
    expect((await storedFiles()).every((file) => file.claimedAt === null)).toBe(true);

    const three = [danaFile, await uploaded(PNG, { headers: bearer(dana) }), await uploaded(PNG, { headers: bearer(dana) })];
    expectError(await addComment(dana, number, { body: 'Three', attachmentIds: three }), 400, 'too_many_attachments');
    expect((await addComment(dana, number, { body: 'Two', attachmentIds: three.slice(0, 2) })).statusCode).toBe(201);
    expectError(await addComment(dana, number, { body: 'Again', attachmentIds: [danaFile] }), 400, 'attachment_not_found');
    expectError(await submit(t.app, newRequest({ attachmentIds: [erikFile] }), { headers: bearer(dana) }), 400, 'attachment_not_found');
  });
});

test('two messages racing for one upload: one claims it, the other is attachment_not_found and stores nothing', async () => {
  await start();
  const dana = await memberSession(t, DANA);
  const number = await memberRequestWith(dana, []);
  const file = await uploaded(PNG, { headers: bearer(dana) });
  const before = await t.db.$count(comments);
  const answers = await Promise.all([1, 2, 3].map((n) => addComment(dana, number, { body: `Try ${n}`, attachmentIds: [file] })));
  expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 400, 400]);
  expect(await t.db.$count(comments)).toBe(before + 1);
});

describe('who uploads', () => {
  test('anonymous uploads are counted per address and claimable only by an anonymous new request', async () => {
    await start({ anonymousPerHour: 2 });
    const anonymous = await uploaded(PNG, { remoteAddress: '203.0.113.7' });
    await uploaded(PNG, { remoteAddress: '203.0.113.7' });
    expectError(await upload(t, PNG, { remoteAddress: '203.0.113.7' }), 429, 'rate_limited');
    await uploaded(PNG, { remoteAddress: '203.0.113.8' });

    const dana = await memberSession(t, DANA);
    expectError(await submit(t.app, newRequest({ attachmentIds: [anonymous] }), { headers: bearer(dana) }), 400, 'attachment_not_found');
    const created = await submit(t.app, newRequest({ email: 'visitor@files.example', attachmentIds: [anonymous] }));
    expect(created.statusCode, created.body).toBe(201);
    const [file] = await t.db.select().from(attachments).where(eq(attachments.id, anonymous));
    expect(file!.claimedAt).not.toBeNull();
  });

  test('an email-link session uploads for its one request, and what it uploads is claimable there only', async () => {
    await start();
    const created = await submit(t.app, newRequest({ email: 'visitor@files.example' }));
    const first = created.json().request.id;
    const second = (await submit(t.app, newRequest({ email: 'visitor@files.example' }))).json().request.id;
    const link = await openMailedLink(t, 'visitor@files.example', first);
    const file = await uploaded(PNG, { headers: bearer(link) });
    expectError(await addComment(link, second, { body: 'Elsewhere', attachmentIds: [file] }), 403, 'link_session_scope');
    const secondLink = await openMailedLink(t, 'visitor@files.example', second);
    expectError(await addComment(secondLink, second, { body: 'Elsewhere', attachmentIds: [file] }), 400, 'attachment_not_found');
    const commented = await addComment(link, first, { body: 'Here it is', attachmentIds: [file] });
    expect(commented.statusCode, commented.body).toBe(201);
    expect(commented.json().comment.attachments[0].id).toBe(file);
  });

  test('an agent upload needs agent credentials: an API token, or the inbox cookie with its origin and CSRF token', async () => {
    await start();
    expectError(await upload(t, PNG, { agent: true }), 401, 'session_expired');
    await addDemoAgent(t, 'riley@files.example');
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agent/session',
      headers: { 'content-type': 'application/json', origin: new URL(t.config.publicUrl).origin },
      payload: JSON.stringify({ email: 'riley@files.example', password: 'correct horse battery staple' }),
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const inbox = { cookie, origin: new URL(t.config.publicUrl).origin };
    expectError(await upload(t, PNG, { agent: true, headers: inbox }), 403, 'csrf_token_missing');
    expect((await upload(t, PNG, { agent: true, headers: { ...inbox, [CSRF_HEADER]: signedIn.json().csrfToken } })).statusCode).toBe(201);
  });
});

test('an upload unclaimed after 24 hours is deleted, record and bytes; claimed files stay', async () => {
  await start();
  const dana = await memberSession(t, DANA);
  const kept = await uploaded(PNG, { headers: bearer(dana) });
  await memberRequestWith(dana, [kept]);
  const dropped = await uploaded(PNG, { headers: bearer(dana) });
  const maintain = () =>
    runMaintenance({ store: t.store, clock: () => t.clock.now, events: t.app.porthole.events, autoCloseAfterHours: 1000, files: t.app.porthole.files.storage });

  t.clock.advance(23 * 60 * MINUTE);
  await maintain();
  expect((await storedFiles()).map((file) => file.id).sort()).toEqual([kept, dropped].sort());
  t.clock.advance(2 * 60 * MINUTE);
  await maintain();
  const left = await storedFiles();
  expect(left.map((file) => file.id)).toEqual([kept]);
  if (t.store.engine === 'sqlite') expect(await leftOnDisk()).toEqual([left[0]!.storageKey]);
});

/** Files in the site's folder of FILES_DIR (SQLite keeps them there; PostgreSQL in the database). */
async function leftOnDisk(): Promise<string[]> {
  const folder = join(t.config.filesDir, await siteIdOf(t.db, 'demo'));
  return existsSync(folder) ? readdirSync(folder) : [];
}
