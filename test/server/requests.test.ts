import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { asc } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { firstRow, lastRequestNumber, siteIdOf, storedCounts } from '../support/inspect.js';
import { comments, endUsers, idempotencyKeys, requests } from '../support/tables.js';
import { categoryIds, DEMO_ORIGIN, expectError, submit } from './helpers.js';

const HOUR = 60 * 60 * 1000;

let t: TestApp;
let cats: Record<string, string>;
let starterCats: Record<string, string>;

async function start(overrides: Parameters<typeof createTestApp>[0] = {}) {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 }, ...overrides });
  cats = await categoryIds(t.app, 'demo');
  starterCats = await categoryIds(t.app, 'starter');
}
afterEach(async () => {
  await t.close();
});

const fromDemoPage = { origin: DEMO_ORIGIN };

function validRequest(overrides: Record<string, unknown> = {}) {
  return {
    categoryId: cats['Account & sign-in'],
    subject: 'I cannot sign in',
    description: 'I reset my password twice\nand the link still says it has expired.',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    ...overrides,
  };
}

describe('submitting a request anonymously', () => {
  beforeEach(() => start());

  test('a visitor submits the form and gets request #1001, shown as Open', async () => {
    const response = await submit(t.app, validRequest(), { headers: fromDemoPage });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['access-control-allow-origin']).toBe(DEMO_ORIGIN);
    expect(response.json()).toEqual({
      request: {
        id: 1001,
        subject: 'I cannot sign in',
        status: 'open',
        statusLabel: 'Open',
        createdAt: '2026-11-23T10:00:00.000Z',
        updatedAt: '2026-11-23T10:00:00.000Z',
      },
    });
  });

  test('the request, its description as the first public comment, and the contact are stored', async () => {
    const body = validRequest({ subject: '  I cannot sign in  ', email: '  Ada@Example.COM ', name: ' Ada Lovelace ' });
    expect((await submit(t.app, body, { headers: fromDemoPage })).statusCode).toBe(201);

    const [request] = await t.db.select().from(requests);
    expect(request).toMatchObject({
      siteId: await siteIdOf(t.db, 'demo'),
      number: 1001,
      categoryId: cats['Account & sign-in'],
      subject: 'I cannot sign in',
      status: 'new',
      fields: {},
    });
    const [contact] = await t.db.select().from(endUsers);
    expect(contact).toMatchObject({
      id: request.requesterId,
      siteId: await siteIdOf(t.db, 'demo'),
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      externalId: null,
      emailVerified: false,
    });
    const [comment] = await t.db.select().from(comments);
    expect(comment).toMatchObject({ requestId: request.id, authorEndUserId: contact.id, authorAgentId: null, body: body.description, public: true });
  });

  test('extra category fields are stored trimmed, and a blank optional one is left out', async () => {
    const orders = await submit(t.app, validRequest({ categoryId: cats['Orders & shipping'], fields: { orderNumber: '  NW-10042 ' } }));
    expect(orders.statusCode, orders.body).toBe(201);
    const billing = await submit(t.app, validRequest({ categoryId: cats['Billing & payments'], fields: { invoiceNumber: '   ' } }));
    expect(billing.statusCode, billing.body).toBe(201);
    const product = await submit(t.app, validRequest({ categoryId: cats['Product question'], fields: { productType: 'Tents' } }));
    expect(product.statusCode, product.body).toBe(201);

    const byNumber = Object.fromEntries((await t.db.select().from(requests)).map((row) => [row.number, row.fields]));
    expect(byNumber).toEqual({ 1001: { orderNumber: 'NW-10042' }, 1002: {}, 1003: { productType: 'Tents' } });
  });

  test('the same email writing again is the same contact, not a new person', async () => {
    await submit(t.app, validRequest({ email: 'ada@example.com' }));
    await submit(t.app, validRequest({ email: 'ADA@example.com' }));
    expect(await storedCounts(t.db)).toMatchObject({ requests: 2, endUsers: 1 });
  });

  test('request numbers count up per site: demo and starter each start at #1001', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await submit(t.app, validRequest())).json().request.id);
    expect(numbers).toEqual([1001, 1002, 1003]);
    const starter = await submit(t.app, validRequest({ categoryId: starterCats['Question'] }), { site: 'starter' });
    expect(starter.statusCode, starter.body).toBe(201);
    expect(starter.json().request.id).toBe(1001);
    expect((await submit(t.app, validRequest())).json().request.id).toBe(1004);
  });

  test('a multi-line description keeps its newlines and tabs', async () => {
    const description = 'Steps:\n\t1. open the app\r\n\t2. tap sign in\n\nIt fails.';
    expect((await submit(t.app, validRequest({ description }))).statusCode).toBe(201);
    expect((await firstRow(t.db.select().from(comments)))!.body).toBe(description);
  });
});

describe('a submission that is refused stores nothing', () => {
  beforeEach(() => start());

  type Case = { name: string; status: number; code: string; field?: string } & (
    { body: () => Record<string, unknown> } | { raw: () => string; contentType?: string }
  ) & { headers?: Record<string, string>; site?: string };

  const without = (key: string) => () => {
    const body: Record<string, unknown> = validRequest();
    delete body[key];
    return body;
  };

  const cases: Case[] = [
    { name: 'missing email', body: without('email'), status: 400, code: 'validation_failed', field: 'email' },
    { name: 'blank email', body: () => validRequest({ email: '   ' }), status: 400, code: 'validation_failed', field: 'email' },
    { name: 'an email that is not an address', body: () => validRequest({ email: 'ada-at-example' }), status: 400, code: 'validation_failed', field: 'email' },
    { name: 'an email with a space', body: () => validRequest({ email: 'ada lovelace@example.com' }), status: 400, code: 'validation_failed', field: 'email' },
    {
      name: 'an email with a header injection',
      body: () => validRequest({ email: 'ada@example.com\r\nBcc: all@example.com' }),
      status: 400,
      code: 'validation_failed',
      field: 'email',
    },
    { name: 'missing subject', body: without('subject'), status: 400, code: 'validation_failed', field: 'subject' },
    { name: 'a blank subject', body: () => validRequest({ subject: '   ' }), status: 400, code: 'validation_failed', field: 'subject' },
    { name: 'a subject over 150 characters', body: () => validRequest({ subject: 'x'.repeat(151) }), status: 400, code: 'validation_failed', field: 'subject' },
    {
      name: 'a control character in the subject',
      body: () => validRequest({ subject: 'Help\u0007me' }),
      status: 400,
      code: 'validation_failed',
      field: 'subject',
    },
    { name: 'a newline in the subject', body: () => validRequest({ subject: 'Help\nme' }), status: 400, code: 'validation_failed', field: 'subject' },
    { name: 'DEL in the name', body: () => validRequest({ name: 'Ada\u007f' }), status: 400, code: 'validation_failed', field: 'name' },
    { name: 'a blank description', body: () => validRequest({ description: ' \n ' }), status: 400, code: 'validation_failed', field: 'description' },
    {
      name: 'a description over 10000 characters',
      body: () => validRequest({ description: 'x'.repeat(10_001) }),
      status: 400,
      code: 'validation_failed',
      field: 'description',
    },
    {
      name: 'a NUL byte in the description',
      body: () => validRequest({ description: 'before\u0000after' }),
      status: 400,
      code: 'validation_failed',
      field: 'description',
    },
    { name: 'a number as subject', body: () => validRequest({ subject: 1 }), status: 400, code: 'validation_failed', field: 'subject' },
    { name: 'null as description', body: () => validRequest({ description: null }), status: 400, code: 'validation_failed', field: 'description' },
    { name: 'a number as email (no coercion)', body: () => validRequest({ email: 42 }), status: 400, code: 'validation_failed', field: 'email' },
    { name: 'fields that are not an object', body: () => validRequest({ fields: 'orderNumber=1' }), status: 400, code: 'validation_failed', field: 'fields' },
    { name: 'an unknown key', body: () => validRequest({ priority: 'urgent' }), status: 400, code: 'validation_failed', field: 'priority' },
    { name: 'a status', body: () => validRequest({ status: 'solved' }), status: 400, code: 'field_not_allowed', field: 'status' },
    { name: 'a requester', body: () => validRequest({ requester: 'usr_someone' }), status: 400, code: 'field_not_allowed', field: 'requester' },
    { name: 'a site', body: () => validRequest({ site: 'starter' }), status: 400, code: 'field_not_allowed', field: 'site' },
    { name: 'an id', body: () => validRequest({ id: 9999 }), status: 400, code: 'field_not_allowed', field: 'id' },
    { name: 'CCs from an anonymous visitor', body: () => validRequest({ ccs: ['bob@example.com'] }), status: 400, code: 'field_not_allowed', field: 'ccs' },
    { name: 'an unknown category', body: () => validRequest({ categoryId: 'cat_doesnotexist' }), status: 400, code: 'validation_failed', field: 'categoryId' },
    {
      name: "another site's category",
      body: () => validRequest({ categoryId: starterCats['Question'] }),
      status: 400,
      code: 'validation_failed',
      field: 'categoryId',
    },
    {
      name: 'a missing required order number',
      body: () => validRequest({ categoryId: cats['Orders & shipping'] }),
      status: 400,
      code: 'validation_failed',
      field: 'fields.orderNumber',
    },
    {
      name: 'a blank required order number',
      body: () => validRequest({ categoryId: cats['Orders & shipping'], fields: { orderNumber: '  ' } }),
      status: 400,
      code: 'validation_failed',
      field: 'fields.orderNumber',
    },
    {
      name: 'an order number over its 20-character limit',
      body: () => validRequest({ categoryId: cats['Orders & shipping'], fields: { orderNumber: '1'.repeat(21) } }),
      status: 400,
      code: 'validation_failed',
      field: 'fields.orderNumber',
    },
    {
      name: 'a product type that is not one of the options',
      body: () => validRequest({ categoryId: cats['Product question'], fields: { productType: 'Bicycles' } }),
      status: 400,
      code: 'validation_failed',
      field: 'fields.productType',
    },
    {
      name: 'a product type that differs only in case',
      body: () => validRequest({ categoryId: cats['Product question'], fields: { productType: 'tents' } }),
      status: 400,
      code: 'validation_failed',
      field: 'fields.productType',
    },
    {
      name: 'an extra field the category does not have',
      body: () => validRequest({ categoryId: cats['Orders & shipping'], fields: { orderNumber: 'NW-1', colour: 'red' } }),
      status: 400,
      code: 'validation_failed',
      field: 'fields.colour',
    },
    {
      name: 'a field value that is not a string',
      body: () => validRequest({ categoryId: cats['Orders & shipping'], fields: { orderNumber: 10042 } }),
      status: 400,
      code: 'validation_failed',
      field: 'fields.orderNumber',
    },
    { name: 'a body over 128 KB', raw: () => JSON.stringify(validRequest({ description: 'x'.repeat(140 * 1024) })), status: 413, code: 'payload_too_large' },
    { name: 'malformed JSON', raw: () => '{"subject": "Help", ', status: 400, code: 'invalid_json' },
    { name: 'an empty JSON body', raw: () => '', status: 400, code: 'invalid_json' },
    { name: 'a JSON array', raw: () => '[1,2,3]', status: 400, code: 'validation_failed' },
    {
      name: 'a __proto__ key',
      raw: () => JSON.stringify(validRequest()).replace(/^\{/, '{"__proto__":{"status":"solved"},'),
      status: 400,
      code: 'invalid_json',
    },
    {
      name: 'a constructor.prototype key',
      raw: () => JSON.stringify(validRequest()).replace(/^\{/, '{"constructor":{"prototype":{"status":"solved"}},'),
      status: 400,
      code: 'invalid_json',
    },
    { name: 'a text/plain body', raw: () => JSON.stringify(validRequest()), contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
    {
      name: 'a form-encoded body',
      raw: () => 'subject=Help&description=x',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'an origin the site does not allow',
      body: () => validRequest(),
      headers: { origin: 'https://evil.example' },
      status: 403,
      code: 'origin_not_allowed',
    },
    { name: 'an unknown site', body: () => validRequest(), site: 'no-such-site', status: 404, code: 'not_found' },
  ];

  test.each(cases)('$name → $status $code', async (c) => {
    const before = await storedCounts(t.db);
    const headers = { ...c.headers, ...('contentType' in c && c.contentType ? { 'content-type': c.contentType } : {}) };
    const payload = 'raw' in c ? c.raw() : c.body();
    const response = await submit(t.app, payload, { headers, site: c.site });
    const error = expectError(response, c.status, c.code);
    if (c.field) expect(error.fields, JSON.stringify(error)).toHaveProperty([c.field]);
    expect(await storedCounts(t.db)).toEqual(before);
    expect(await lastRequestNumber(t.db, 'demo')).toBe(1000);
    // A refusal does not use up a number: the next good request is still #1001.
    expect((await submit(t.app, validRequest())).json().request.id).toBe(1001);
  });

  test('all problems with a form are reported at once, one message per field', async () => {
    const response = await submit(t.app, validRequest({ categoryId: cats['Orders & shipping'], subject: ' ', email: 'nope', fields: { colour: 'red' } }));
    const error = expectError(response, 400, 'validation_failed');
    expect(Object.keys(error.fields!).sort()).toEqual(['email', 'fields.colour', 'fields.orderNumber', 'subject']);
  });

  test('a subject of exactly 150 characters and a description of exactly 10000 are accepted', async () => {
    const response = await submit(t.app, validRequest({ subject: 's'.repeat(150), description: 'd'.repeat(10_000) }));
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('the honeypot', () => {
  beforeEach(() => start());

  const bot = (overrides: Record<string, unknown> = {}) => validRequest({ website: 'http://cheap-pills.example', ...overrides });
  /** Every key and the type of every value, so two answers can be compared for shape. */
  const shapeOf = (value: unknown): unknown =>
    value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)])) : typeof value;

  test('a bot that fills the hidden website field is answered exactly like a visitor, numbers keep counting, and nothing it wrote is stored', async () => {
    const answers = [];
    for (const [n, body] of [
      validRequest({ subject: 'Real one' }),
      bot({ subject: '  Cheap pills  ' }),
      bot({ subject: 'More pills' }),
      validRequest({ subject: 'Real two' }),
    ].entries()) {
      t.clock.advance(1000);
      const response = await submit(t.app, body, { headers: fromDemoPage });
      expect(response.statusCode, `answer ${n}: ${response.body}`).toBe(201);
      answers.push(response);
    }
    const [real, decoy, secondDecoy, realAfter] = answers.map((response) => response.json());
    // Numbers advance one by one whoever asked: no repeat, no gap a bot could see.
    expect(answers.map((response) => response.json().request.id)).toEqual([1001, 1002, 1003, 1004]);
    expect(decoy).toEqual({
      request: {
        id: 1002,
        subject: 'Cheap pills',
        status: 'open',
        statusLabel: 'Open',
        createdAt: '2026-11-23T10:00:02.000Z',
        updatedAt: '2026-11-23T10:00:02.000Z',
      },
    });
    for (const answer of [decoy, secondDecoy]) expect(shapeOf(answer)).toEqual(shapeOf(real));
    expect(shapeOf(realAfter)).toEqual(shapeOf(real));
    expect(Object.keys(answers[1]!.headers).sort()).toEqual(Object.keys(answers[0]!.headers).sort());

    // Only the two real requests exist; the decoys' numbers are gaps no agent sees as requests.
    expect(await t.db.select({ number: requests.number, subject: requests.subject }).from(requests).orderBy(asc(requests.number))).toEqual([
      { number: 1001, subject: 'Real one' },
      { number: 1004, subject: 'Real two' },
    ]);
    expect(await storedCounts(t.db)).toMatchObject({ requests: 2, comments: 2 });
  });

  test('a caught bot retrying with its Idempotency-Key gets the same answer marked as a replay, and another body under that key is 422, as anyone would', async () => {
    const headers = { ...fromDemoPage, 'idempotency-key': 'bot-retry-key-0001' };
    const first = await submit(t.app, bot(), { headers });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    t.clock.advance(5000);
    const retry = await submit(t.app, bot(), { headers });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expectError(await submit(t.app, bot({ subject: 'Something else' }), { headers }), 422, 'idempotency_key_reused');
    expect((await storedCounts(t.db)).requests).toBe(0);
  });

  test('a bot cannot probe the honeypot with a bad submission: it is refused exactly like a visitor’s', async () => {
    for (const overrides of [{ email: undefined }, { categoryId: 'cat_unknown' }, { subject: '' }]) {
      const asVisitor = await submit(t.app, validRequest(overrides));
      const asBot = await submit(t.app, bot(overrides));
      expect(asBot.statusCode, asBot.body).toBe(400);
      expect(asBot.json()).toEqual(asVisitor.json());
    }
    expect(await lastRequestNumber(t.db, 'demo')).toBe(1000);
  });

  test('an empty website field (what real browsers send) is a normal submission', async () => {
    const response = await submit(t.app, validRequest({ website: '' }));
    expect(response.statusCode).toBe(201);
    expect((await storedCounts(t.db)).requests).toBe(1);
  });
});

describe('Idempotency-Key: a retried submit never creates a second request', () => {
  beforeEach(() => start());
  const key = (value: string) => ({ 'idempotency-key': value });

  test('the same key twice gives the same answer, marked as a replay, and one request', async () => {
    const first = await submit(t.app, validRequest(), { headers: { ...fromDemoPage, ...key('retry-key-0001') } });
    const second = await submit(t.app, validRequest(), { headers: { ...fromDemoPage, ...key('retry-key-0001') } });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await storedCounts(t.db)).toMatchObject({ requests: 1, comments: 1, endUsers: 1, idempotencyKeys: 1 });
  });

  test('the browser may read the replay marker (it is an exposed CORS header)', async () => {
    await submit(t.app, validRequest(), { headers: { ...fromDemoPage, ...key('retry-key-0002') } });
    const replay = await submit(t.app, validRequest(), { headers: { ...fromDemoPage, ...key('retry-key-0002') } });
    expect(replay.headers['access-control-allow-origin']).toBe(DEMO_ORIGIN);
    expect(String(replay.headers['access-control-expose-headers']).toLowerCase()).toContain('idempotency-replayed');
  });

  test('the same body with its keys in another order still counts as the same request', async () => {
    const body = validRequest();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await submit(t.app, body, { headers: key('retry-key-0003') });
    const second = await submit(t.app, reordered, { headers: key('retry-key-0003') });
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect((await storedCounts(t.db)).requests).toBe(1);
  });

  test('the same key with a different body is refused with 422 idempotency_key_reused and stores nothing more', async () => {
    await submit(t.app, validRequest(), { headers: key('retry-key-0004') });
    const before = await storedCounts(t.db);
    const response = await submit(t.app, validRequest({ subject: 'Something else entirely' }), { headers: key('retry-key-0004') });
    expectError(response, 422, 'idempotency_key_reused');
    expect(await storedCounts(t.db)).toEqual(before);
  });

  test('20 simultaneous retries with one key create exactly one request and all get the same answer', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => submit(t.app, validRequest(), { headers: { ...fromDemoPage, ...key('concurrent-key-01') } })),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    const bodies = new Set(responses.map((response) => response.body));
    expect(bodies.size).toBe(1);
    expect(responses.filter((response) => response.headers['idempotency-replayed'] === 'true')).toHaveLength(19);
    expect(await storedCounts(t.db)).toMatchObject({ requests: 1, comments: 1, endUsers: 1, idempotencyKeys: 1 });
    expect(await lastRequestNumber(t.db, 'demo')).toBe(1001);
  });

  test('a key is still honoured just before 24 hours, and forgotten after', async () => {
    const first = await submit(t.app, validRequest(), { headers: key('daily-key-000001') });
    t.clock.advance(23 * HOUR + 59 * 60 * 1000);
    const stillReplayed = await submit(t.app, validRequest(), { headers: key('daily-key-000001') });
    expect(stillReplayed.headers['idempotency-replayed']).toBe('true');
    expect(stillReplayed.json()).toEqual(first.json());

    t.clock.advance(2 * 60 * 1000); // now 24 h and 1 min after the first
    const fresh = await submit(t.app, validRequest(), { headers: key('daily-key-000001') });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotency-replayed']).toBeUndefined();
    expect(fresh.json().request.id).toBe(1002);
    expect(await storedCounts(t.db)).toMatchObject({ requests: 2, idempotencyKeys: 1 });

    // …and the key now stands for the new request.
    const replayOfFresh = await submit(t.app, validRequest(), { headers: key('daily-key-000001') });
    expect(replayOfFresh.json()).toEqual(fresh.json());
  });

  test('an expired key may be reused with a different body', async () => {
    await submit(t.app, validRequest(), { headers: key('daily-key-000002') });
    t.clock.advance(25 * HOUR);
    const response = await submit(t.app, validRequest({ subject: 'A new problem' }), { headers: key('daily-key-000002') });
    expect(response.statusCode).toBe(201);
    expect(response.json().request).toMatchObject({ id: 1002, subject: 'A new problem' });
  });

  test('one key used on two sites makes one request on each', async () => {
    const demo = await submit(t.app, validRequest(), { headers: key('shared-key-0001') });
    const starter = await submit(t.app, validRequest({ categoryId: starterCats['Question'] }), { site: 'starter', headers: key('shared-key-0001') });
    expect(starter.statusCode, starter.body).toBe(201);
    expect(starter.headers['idempotency-replayed']).toBeUndefined();
    expect(demo.json().request.id).toBe(1001);
    expect(starter.json().request.id).toBe(1001);
    expect((await storedCounts(t.db)).requests).toBe(2);
  });

  test('a refused submission does not claim its key: fixing the form and retrying with the key works', async () => {
    const bad = await submit(t.app, validRequest({ email: 'nope' }), { headers: key('fix-and-retry-01') });
    expectError(bad, 400, 'validation_failed');
    expect((await storedCounts(t.db)).idempotencyKeys).toBe(0);
    const good = await submit(t.app, validRequest(), { headers: key('fix-and-retry-01') });
    expect(good.statusCode).toBe(201);
    expect(good.headers['idempotency-replayed']).toBeUndefined();
  });

  test.each([
    ['too short', 'short'],
    ['too long', 'k'.repeat(129)],
    ['with a space', 'has a space in it'],
    ['with non-ASCII characters', 'clé-idempotence'],
  ])('an Idempotency-Key %s is refused with 400 and stores nothing', async (_what, value) => {
    const before = await storedCounts(t.db);
    const response = await submit(t.app, validRequest(), { headers: { 'idempotency-key': value } });
    const error = expectError(response, 400, 'validation_failed');
    expect(error.fields).toHaveProperty(['Idempotency-Key']);
    expect(await storedCounts(t.db)).toEqual(before);
  });
});

describe('rate limiting anonymous submissions', () => {
  beforeEach(() => start({ submitLimit: { max: 3, windowMs: 60_000 } }));

  test('the 4th submission from one address within the window is 429 rate_limited with Retry-After, and is not stored', async () => {
    for (let i = 0; i < 3; i++) expect((await submit(t.app, validRequest(), { headers: fromDemoPage })).statusCode).toBe(201);
    const limited = await submit(t.app, validRequest(), { headers: fromDemoPage });
    expectError(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await storedCounts(t.db)).requests).toBe(3);
  });

  test('the widget can read the 429 and its Retry-After (CORS headers are on it)', async () => {
    for (let i = 0; i < 3; i++) await submit(t.app, validRequest(), { headers: fromDemoPage });
    const limited = await submit(t.app, validRequest(), { headers: fromDemoPage });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['access-control-allow-origin']).toBe(DEMO_ORIGIN);
    expect(String(limited.headers['access-control-expose-headers']).toLowerCase()).toContain('retry-after');
  });

  test('being limited on one site does not affect the same address on another site', async () => {
    for (let i = 0; i < 4; i++) await submit(t.app, validRequest());
    expect((await submit(t.app, validRequest())).statusCode).toBe(429);
    const starter = await submit(t.app, validRequest({ categoryId: starterCats['Question'] }), { site: 'starter' });
    expect(starter.statusCode, starter.body).toBe(201);
  });

  test('another address on the same site is not limited', async () => {
    for (let i = 0; i < 4; i++) await submit(t.app, validRequest(), { remoteAddress: '203.0.113.7' });
    expect((await submit(t.app, validRequest(), { remoteAddress: '203.0.113.7' })).statusCode).toBe(429);
    expect((await submit(t.app, validRequest(), { remoteAddress: '198.51.100.20' })).statusCode).toBe(201);
  });

  test('a spoofed X-Forwarded-For does not escape the limit when no proxy is trusted', async () => {
    for (let i = 0; i < 3; i++) await submit(t.app, validRequest(), { headers: { 'x-forwarded-for': `192.0.2.${i + 1}` } });
    const spoofed = await submit(t.app, validRequest(), { headers: { 'x-forwarded-for': '192.0.2.99' } });
    expectError(spoofed, 429, 'rate_limited');
  });
});

describe('stored idempotency keys', () => {
  beforeEach(() => start());

  test('a stored key records the answer it gave, scoped to the site and anonymous visitors', async () => {
    const response = await submit(t.app, validRequest(), { headers: { 'idempotency-key': 'inspect-key-0001' } });
    const row = (await firstRow(t.db.select().from(idempotencyKeys)))!;
    expect(row).toMatchObject({ siteId: await siteIdOf(t.db, 'demo'), scope: 'anonymous', key: 'inspect-key-0001', statusCode: 201 });
    expect(JSON.parse(row.responseBody)).toEqual(response.json());
  });
});
