// Hostile markup written by people is data: stored exactly as written, returned exactly as written
// (the widget and inbox render it as text), and escaped wherever the server itself writes HTML (mail).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';
import { outboxRows } from '../support/inspect.js';
import { XSS_CORPUS } from '../support/xss-corpus.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 100, windowMs: 60_000 } });
});
afterEach(() => t.close());

describe('an XSS corpus in what people write', () => {
  it.each(XSS_CORPUS)('%s is stored and returned verbatim in subject, description, name and comments, and escaped in mail HTML', async (payload) => {
    const cats = await categoryIds(t.app);
    const token = await memberSession(t, {
      sub: `x-${XSS_CORPUS.indexOf(payload)}`,
      email: `writer${XSS_CORPUS.indexOf(payload)}@example.com`,
      name: 'Writer',
    });
    const created = await submit(
      t.app,
      { categoryId: cats['Account & sign-in'], subject: payload.replace(/[\n\r\t]/g, ' '), description: payload },
      { headers: bearer(token) },
    );
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().request.id;
    expect(created.json().request.subject).toBe(payload);

    const comment = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sites/demo/requests/${number}/comments`,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify({ body: payload }),
    });
    expect(comment.statusCode).toBe(201);

    const detail = (await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(token) })).json().request;
    expect(detail.subject).toBe(payload);
    expect(detail.comments.map((c: { body: string }) => c.body)).toEqual([payload, payload]);

    const anonymous = await submit(t.app, {
      categoryId: cats['Account & sign-in'],
      subject: 'Hello',
      description: payload,
      email: 'anon@example.com',
      name: payload.slice(0, 100),
    });
    expect(anonymous.statusCode, anonymous.body).toBe(201);

    for (const mail of await outboxRows(t.db)) {
      // Escaped text may still read "onerror=…"; what must never appear is a real tag of theirs.
      expect(mail.html).not.toMatch(/<(script|img|svg|iframe|xss)|<div style|<a href="javascript/i);
    }
  });
});
