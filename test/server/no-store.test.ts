/**
 * No answer that carries a session token, a person's details or a conversation may be kept by a
 * browser or proxy cache: every API answer — success or error, member, email-link or agent — is
 * `Cache-Control: no-store`, while the widget's and the inbox's own files keep their long caching.
 * Needs the build (`node build.mjs`, which `npm test` runs first).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { hashSecret, newSecret } from '../../server/auth/secrets.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { newId } from '../../server/store/ids.js';
import { siteIdOf } from '../support/inspect.js';
import { mailedLinkToken } from '../support/mail-links.js';
import { hostToken } from '../support/member-tokens.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';

const AGENT = { email: 'riley@northwind.example', password: 'correct horse battery staple' };
const ANA = { sub: 'm-ana', email: 'ana@customer.example', name: 'Ana' };
const json = { 'content-type': 'application/json' };

let t: TestApp;
let member: string;
let linkToken: string;
let agentToken: string;
let number: number;
let categoryId: string;

beforeAll(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  const agentId = newId('agt');
  await t.store.admin.createAgent({
    removedAt: null,
    id: agentId,
    siteId: await siteIdOf(t.db, 'demo'),
    email: AGENT.email,
    name: 'Riley',
    passwordHash: await hashPassword(AGENT.password),
    createdAt: t.clock.now.toISOString(),
  });
  agentToken = newSecret('pat_');
  await t.store.admin.insertApiToken({
    expiresAt: null,
    id: newId('tok'),
    agentId,
    name: 'script',
    tokenHash: hashSecret(agentToken),
    createdAt: t.clock.now.toISOString(),
  });

  member = await memberSession(t, ANA);
  categoryId = (await categoryIds(t.app))['Account & sign-in']!;
  const created = await submit(t.app, { categoryId, subject: 'Locked out', description: 'My password stopped working.' }, { headers: bearer(member) });
  expect(created.statusCode, created.body).toBe(201);
  number = created.json().request.id;
  linkToken = await mailedLinkToken(t, ANA.email, number);
});
afterAll(() => t.close());

const site = (path: string) => `/api/v1/sites/demo${path}`;
const post = (url: string, body: unknown, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'POST',
  url,
  headers: { ...json, ...headers },
  payload: JSON.stringify(body),
});

describe('every API answer is Cache-Control: no-store', () => {
  const answers: [string, () => InjectOptions, number][] = [
    ['session exchange (a session token, the member)', () => post(site('/session'), { token: hostToken(ANA, t.clock.now) }, { origin: DEMO_ORIGIN }), 200],
    ['email-link exchange (a session token)', () => post(site('/session/link'), { token: linkToken }), 200],
    ['a member list', () => ({ url: site('/requests?scope=mine'), headers: bearer(member) }), 200],
    ['the launcher summary', () => ({ url: site('/requests/summary'), headers: bearer(member) }), 200],
    ['one request (the conversation)', () => ({ url: site(`/requests/${number}`), headers: bearer(member) }), 200],
    ['a comment', () => post(site(`/requests/${number}/comments`), { body: 'Still locked out.' }, bearer(member)), 201],
    [
      'a new request (the requester, the description)',
      () => post(site('/requests'), { categoryId, subject: 'Hi', description: 'Hello', email: 'pat@customer.example' }),
      201,
    ],
    ['400 validation failed', () => post(site('/requests'), { categoryId, subject: 'Hi' }), 400],
    ['site config (public, kept fresh)', () => ({ url: site('/config') }), 200],
    ['articles (public, kept fresh)', () => ({ url: site('/articles?q=password') }), 200],
    ['agent sign-in (the session cookie)', () => post('/api/v1/agent/session', AGENT), 200],
    ['agent me', () => ({ url: '/api/v1/agent/me', headers: bearer(agentToken) }), 200],
    ['agent queue', () => ({ url: '/api/v1/agent/requests', headers: bearer(agentToken) }), 200],
    ['agent request (with internal notes)', () => ({ url: `/api/v1/agent/requests/${number}`, headers: bearer(agentToken) }), 200],
    ['agent reply', () => post(`/api/v1/agent/requests/${number}/comments`, { body: 'Try now.', public: true }, bearer(agentToken)), 201],
    ['401 member route without a session', () => ({ url: site('/requests') }), 401],
    ['401 agent route without a session', () => ({ url: '/api/v1/agent/requests' }), 401],
    ['401 refused host token', () => post(site('/session'), { token: 'nope' }), 401],
    ['403 origin not allowed', () => ({ url: site('/config'), headers: { origin: 'https://evil.example' } }), 403],
    ['404 a request the member may not see', () => ({ url: site('/requests/999999'), headers: bearer(member) }), 404],
    ['404 unknown API route', () => ({ url: '/api/v1/nothing-here' }), 404],
    ['400 malformed URL (refused before routing)', () => ({ url: '/api/v1/sites/%E0%A4%A/config' }), 400],
    ['415 wrong media type', () => ({ method: 'POST', url: site('/requests'), headers: { 'content-type': 'text/plain' }, payload: 'hi' }), 415],
  ];

  it.each(answers)('%s', async (_name, request, status) => {
    const response = await t.app.inject(request());
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('the live-event streams too', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const [path, token] of [
      [site('/events'), member],
      ['/api/v1/agent/events', agentToken],
    ] as const) {
      const controller = new AbortController();
      const response = await fetch(`${base}${path}`, { headers: bearer(token), signal: controller.signal });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      controller.abort();
    }
  });
});

describe('files meant to be cached keep their own caching', () => {
  it('the widget loader briefly, its hashed chunks and the inbox assets for a year', async () => {
    expect((await t.app.inject({ url: '/widget.js' })).headers['cache-control']).toMatch(/^public, max-age=300\b/);
    const meta = JSON.parse(readFileSync('dist/widget/meta.json', 'utf8')) as { panel: { outputs: Record<string, unknown> } };
    const chunk = Object.keys(meta.panel.outputs)[0]!.split('/').pop();
    expect((await t.app.inject({ url: `/widget/chunks/${chunk}` })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const script = /src="(\/agent\/assets\/[^"]+\.js)"/.exec((await t.app.inject({ url: '/agent' })).body)![1]!;
    expect((await t.app.inject({ url: script })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
