/** Small helpers shared by the server tests: inject shortcuts and sessions (reading the database: ../support/inspect.ts). */
import { expect } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { hostToken, type MemberClaimsInput } from '../support/member-tokens.js';

export { DEMO_ORIGIN };

/** Asserts the one error shape — exactly `{ error: { code, message, fields? } }` — and returns the error. */
export function expectError(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body)).toEqual(['error']);
  const keys = Object.keys(body.error).sort();
  expect(keys.filter((key) => key !== 'fields')).toEqual(['code', 'message']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  if ('fields' in body.error) {
    for (const value of Object.values(body.error.fields)) expect(typeof value).toBe('string');
  }
  return body.error as { code: string; message: string; fields?: Record<string, string> };
}

/** Category name → id, as `GET …/config` gives them. */
export async function categoryIds(app: FastifyInstance, site = 'demo'): Promise<Record<string, string>> {
  const response = await app.inject({ url: `/api/v1/sites/${site}/config` });
  expect(response.statusCode).toBe(200);
  return Object.fromEntries(response.json().categories.map((c: { id: string; name: string }) => [c.name, c.id]));
}

export interface SubmitOptions {
  site?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

export function submit(app: FastifyInstance, payload: unknown, options: SubmitOptions = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/sites/${options.site ?? 'demo'}/requests`,
    headers: { 'content-type': 'application/json', ...options.headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    ...(options.remoteAddress && { remoteAddress: options.remoteAddress }),
  });
}

/** Signs a member in at the demo site, as the widget would, and returns their session token. */
export async function memberSession(t: TestApp, claims: MemberClaimsInput & Record<string, unknown>): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sites/demo/session',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token: hostToken(claims, t.clock.now) }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().accessToken;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
