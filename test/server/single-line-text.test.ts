/**
 * Single-line text — a request's subject, the requester's name, a category's field values, and the
 * host token's `sub`, `name`, `org.id` and `org.name` — holds no control characters (C0, C1, DEL,
 * U+0085), no line or paragraph separators, no bidi embeddings, overrides or isolates, no lone
 * surrogates, and is not made only of invisible characters. Over HTTP a request is refused with 400
 * `validation_failed` naming the field; a token with 401 `token_invalid`. Nothing is stored.
 * Multi-line text (descriptions, comments) keeps line breaks, tabs and bidi controls.
 * (Every such character below is written as an escape.)
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { hostToken } from '../support/member-tokens.js';
import { firstRow, storedCounts } from '../support/inspect.js';
import { endUsers, organizations, requests } from '../support/tables.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';

let t: TestApp;
let cats: Record<string, string>;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
});
afterEach(async () => {
  await t.close();
});

const REFUSED: [string, string][] = [
  ['ESC', '\u001b[31m'],
  ['a C1 control', '\u0090'],
  ['U+0085', '\u0085'],
  ['U+2028', '\u2028'],
  ['U+2029', '\u2029'],
  ['a right-to-left override', '\u202e'],
  ['a left-to-right embedding', '\u202a'],
  ['a right-to-left isolate', '\u2067'],
  ['a pop-directional isolate', '\u2069'],
  ['a lone surrogate', '\ud800'],
];
const INVISIBLE: [string, string][] = [
  ['zero-width spaces', '\u200b\u200b'],
  ['a word joiner and a byte-order mark', '\u2060\ufeff'],
  ['a soft hyphen', '\u00ad'],
  ['combining marks', '\u0301\u0302'],
];

const request = (overrides: Record<string, unknown>) => ({
  categoryId: cats['Orders & shipping'],
  subject: 'Where is my parcel?',
  description: 'Ordered two weeks ago.',
  email: 'pat@customer.example',
  name: 'Pat Rivera',
  fields: { orderNumber: 'NW-10042' },
  ...overrides,
});

async function expectRefused(overrides: Record<string, unknown>, field: string) {
  const before = await storedCounts(t.db);
  const error = expectError(await submit(t.app, request(overrides)), 400, 'validation_failed');
  expect(Object.keys(error.fields ?? {})).toEqual([field]);
  expect(await storedCounts(t.db)).toEqual(before);
  return error.fields![field];
}

describe('a new request', () => {
  test.each(REFUSED)('with %s in the subject, the name or a field value is refused, naming the field', async (_, bad) => {
    expect(await expectRefused({ subject: `Invoice ${bad}fdp.exe` }, 'subject')).toBe('contains characters that are not allowed');
    await expectRefused({ name: `Pat${bad}` }, 'name');
    await expectRefused({ fields: { orderNumber: `NW${bad}1` } }, 'fields.orderNumber');
  });

  test.each(INVISIBLE)('whose subject, name or field value is only %s is refused', async (_, invisible) => {
    expect(await expectRefused({ subject: invisible }, 'subject')).toBe('has nothing visible in it');
    await expectRefused({ name: ` ${invisible} ` }, 'name');
    await expectRefused({ fields: { orderNumber: invisible } }, 'fields.orderNumber');
  });

  test('a description keeps line breaks, tabs and right-to-left marks, but not other controls or lone surrogates', async () => {
    const rtl = 'Step 1:\n\tOpen the app\r\nمرحبا \u202bNW-1\u202c\u2029done';
    const created = await submit(t.app, request({ subject: 'طلبي لم يصل 📦', name: 'Zoë', description: rtl }));
    expect(created.statusCode, created.body).toBe(201);
    expect(await firstRow(t.db.select().from(requests))).toMatchObject({ subject: 'طلبي لم يصل 📦' });
    await expectRefused({ description: 'bell\u0007' }, 'description');
    await expectRefused({ description: 'next\u0085line' }, 'description');
    await expectRefused({ description: 'half \udc00' }, 'description');
    await expectRefused({ description: '\u200b\n\u200b' }, 'description');
  });

  test('a comment refuses controls other than line breaks and tabs', async () => {
    const member = await memberSession(t, { sub: 'n-ann', email: 'ann@customer.example', name: 'Ann' });
    const created = await submit(t.app, request({ email: undefined, name: undefined }), { headers: bearer(member) });
    expect(created.statusCode, created.body).toBe(201);
    const post = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/sites/demo/requests/${created.json().request.id}/comments`,
        headers: { ...bearer(member), 'content-type': 'application/json' },
        payload: JSON.stringify({ body }),
      });
    for (const body of ['escape \u001b[2J', 'nel\u0085', 'half \ud800'])
      expect(expectError(await post(body), 400, 'validation_failed').fields).toHaveProperty('body');
    expect((await post('Thanks!\n\tStill broken \u202eok')).statusCode).toBe(201);
  });
});

describe('the host token', () => {
  const exchange = (claims: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/sites/demo/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token: hostToken({ sub: 'n-ann', email: 'ann@customer.example', ...claims }, t.clock.now) }),
    });
  const memberRows = async () => ({ endUsers: await t.db.$count(endUsers), organizations: await t.db.$count(organizations) });

  /** The four single-line claims, each in turn given `value(prefix)` while the others stay valid. */
  const claimsWith = (value: (prefix: string) => string) => [
    { sub: value('n-') },
    { name: value('Ann ') },
    { org: { id: value('org-'), name: 'Acme' } },
    { org: { id: 'org-1', name: value('Acme') } },
  ];

  async function expectAllRefused(tokens: Record<string, unknown>[]) {
    const before = await memberRows();
    for (const claims of tokens) expect(expectError(await exchange(claims), 401, 'token_invalid').fields, JSON.stringify(claims)).toBeUndefined();
    expect(await memberRows()).toEqual(before);
  }

  test.each(REFUSED)('with %s in sub, name, org.id or org.name is refused with 401 token_invalid, and nothing is stored', async (_, bad) => {
    await expectAllRefused(claimsWith((prefix) => `${prefix}${bad}`));
  });

  test.each(INVISIBLE)('whose sub, name, org.id or org.name is only %s is refused with 401 token_invalid', async (_, invisible) => {
    await expectAllRefused(claimsWith(() => invisible));
  });

  test('a token whose claims are ordinary text in any script is accepted', async () => {
    const response = await exchange({ sub: 'مستخدم-42', name: 'Zoë 李 📦', org: { id: 'org-ü', name: 'شركة Acme' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().member).toMatchObject({ name: 'Zoë 李 📦', organization: { name: 'شركة Acme' } });
  });
});
