/** The link a customer mail carries back into the conversation, taken from the outbox as it would be from the mail. */
import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { outbox, requests } from './tables.js';
import type { TestApp } from './test-app.js';

/** The link token in the first mail of `kind` (default: the receipt) sent to `email` about request `number`. */
export async function mailedLinkToken(t: TestApp, email: string, number: number, kind = 'receipt'): Promise<string> {
  const mails = await t.db
    .select({ text: outbox.text })
    .from(outbox)
    .innerJoin(requests, eq(requests.id, outbox.requestId))
    .where(and(eq(outbox.toEmail, email), eq(outbox.kind, kind), eq(requests.number, number)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
  expect(mails.length, `a ${kind} mail to ${email} about #${number}`).toBeGreaterThan(0);
  const token = new RegExp(`#porthole=request/${number}&t=([A-Za-z0-9_.-]+)`).exec(mails[0]!.text)?.[1];
  expect(token, `a link in the ${kind} mail`).toBeDefined();
  return token!;
}

/** Opens that link as the widget does (POST …/session/link); returns the link session's access token. */
export async function openMailedLink(t: TestApp, email: string, number: number, kind = 'receipt', site = 'demo'): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${site}/session/link`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token: await mailedLinkToken(t, email, number, kind) }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().accessToken;
}
