/** Small helpers shared by the server tests: inject shortcuts, seed lookups and row counts. */
import { expect } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../server/store/sqlite/client.js';
import { articles, comments, endUsers, idempotencyKeys, requests, sites } from '../../server/store/sqlite/schema.js';
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

/** Article slug → id for a site, straight from the database (ids are opaque and random per seed). */
export function articleIdsBySlug(db: Db, siteSlug: string): Record<string, string> {
  const site = db.select().from(sites).where(eq(sites.slug, siteSlug)).get();
  if (!site) throw new Error(`no site ${siteSlug}`);
  const rows = db.select({ id: articles.id, slug: articles.slug }).from(articles).where(eq(articles.siteId, site.id)).all();
  return Object.fromEntries(rows.map((row) => [row.slug, row.id]));
}

/** How many rows each table a submission writes holds. */
export function storedCounts(db: Db) {
  const n = (table: typeof requests | typeof comments | typeof endUsers | typeof idempotencyKeys) => db.select({ n: count() }).from(table).get()!.n;
  return { requests: n(requests), comments: n(comments), endUsers: n(endUsers), idempotencyKeys: n(idempotencyKeys) };
}

export function lastRequestNumber(db: Db, siteSlug: string): number {
  return db.select({ n: sites.lastRequestNumber }).from(sites).where(eq(sites.slug, siteSlug)).get()!.n;
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
