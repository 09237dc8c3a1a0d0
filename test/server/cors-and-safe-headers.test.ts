/**
 * Headers beyond errors.test.ts, config.test.ts and widget-assets.test.ts: every kind of API
 * failure (413, 415, 401, 404, 429) keeps the safe defaults, CORS is never granted to an origin a
 * site has not allowed — on preflights of any site route, on another site's path, or on an error —
 * while the allowed origin can read its errors, and never with credentials or a wildcard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { categoryIds } from './helpers.js';

const EVIL = 'https://evil.example';
const json = { 'content-type': 'application/json' };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
});
afterAll(() => t.close());

function expectSafeDefaults(response: LightMyRequestResponse) {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-permitted-cross-domain-policies']).toBe('none');
  expect(response.headers['cross-origin-resource-policy']).toBe('same-site');
  expect(response.headers['x-powered-by']).toBeUndefined();
  expect(response.headers.server).toBeUndefined();
}

function expectNoCorsFor(response: LightMyRequestResponse, origin: string) {
  expect(response.headers['access-control-allow-origin']).toBeUndefined();
  expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  expect(response.headers['access-control-allow-headers']).toBeUndefined();
  expect(JSON.stringify(response.headers)).not.toContain(new URL(origin).host);
}

const oversized = (origin?: string): InjectOptions => ({
  method: 'POST',
  url: '/api/v1/sites/demo/requests',
  headers: { ...json, ...(origin && { origin }) },
  payload: JSON.stringify({ description: 'x'.repeat(200 * 1024) }),
});

describe('every kind of API failure keeps the safe default headers', () => {
  it.each([
    ['413 body too large', oversized(), 413],
    ['415 wrong media type', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: { 'content-type': 'text/plain' }, payload: 'hi' }, 415],
    ['400 malformed JSON', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: json, payload: '{' }, 400],
    ['401 member route without a session', { url: '/api/v1/sites/demo/requests' }, 401],
    ['401 agent route without a session', { url: '/api/v1/agent/requests' }, 401],
    ['403 origin not allowed', { url: '/api/v1/sites/demo/config', headers: { origin: EVIL } }, 403],
  ] as [string, InjectOptions, number][])('%s', async (_name, request, status) => {
    const response = await t.app.inject(request);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expectSafeDefaults(response);
  });

  it('a 429 from the submission limit keeps them too', async () => {
    const limited = await createTestApp({ submitLimit: { max: 1, windowMs: 60_000 } });
    try {
      const body = JSON.stringify({
        categoryId: (await categoryIds(limited.app))['Account & sign-in'],
        subject: 'Hi',
        description: 'Hello',
        email: 'a@example.com',
      });
      const send = () => limited.app.inject({ method: 'POST', url: '/api/v1/sites/demo/requests', headers: json, payload: body });
      expect((await send()).statusCode).toBe(201);
      const response = await send();
      expect(response.statusCode).toBe(429);
      expectSafeDefaults(response);
    } finally {
      await limited.close();
    }
  });
});

describe('CORS is never granted to an origin the site has not allowed', () => {
  const preflight = (url: string, origin: string, method = 'POST'): InjectOptions => ({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
  });

  it.each([
    '/api/v1/sites/demo/session',
    '/api/v1/sites/demo/session/link',
    '/api/v1/sites/demo/requests/1001/comments',
    '/api/v1/sites/demo/requests/1001/solve',
    '/api/v1/sites/demo/requests/1001',
    '/api/v1/sites/demo/articles',
  ])('a preflight for %s from an unknown origin grants nothing', async (url) => {
    const response = await t.app.inject(preflight(url, EVIL));
    expect(response.statusCode).toBeLessThan(500);
    expect(response.statusCode).not.toBe(204);
    expectNoCorsFor(response, EVIL);
  });

  it('a preflight from the demo origin at a site that does not allow it (starter), or at a site that does not exist, grants nothing', async () => {
    for (const url of ['/api/v1/sites/starter/requests', '/api/v1/sites/no-such-site/requests']) {
      const response = await t.app.inject(preflight(url, DEMO_ORIGIN));
      expect(response.statusCode, url).not.toBe(204);
      expectNoCorsFor(response, DEMO_ORIGIN);
    }
  });

  it.each([
    ['a 413 body too large', oversized(EVIL)],
    ['malformed JSON', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: { ...json, origin: EVIL }, payload: '{' }],
    ['a wrong media type', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: { 'content-type': 'text/plain', origin: EVIL }, payload: 'hi' }],
    ['a member route without a session', { url: '/api/v1/sites/demo/requests', headers: { origin: EVIL } }],
    [
      'a session exchange with a bad token',
      { method: 'POST', url: '/api/v1/sites/demo/session', headers: { ...json, origin: EVIL }, payload: '{"token":"nope"}' },
    ],
    ['an unknown route under a site', { url: '/api/v1/sites/demo/nothing-here', headers: { origin: EVIL } }],
  ] as [string, InjectOptions][])('an error answer to an unknown origin (%s) does not reflect it', async (_name, request) => {
    const response = await t.app.inject(request);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expectNoCorsFor(response, EVIL);
  });
});

describe('the allowed origin can read its errors, without credentials or a wildcard', () => {
  it.each([
    ['401 when the session has ended', { url: '/api/v1/sites/demo/requests', headers: { origin: DEMO_ORIGIN } }, 401],
    ['413 when the message is too large', oversized(DEMO_ORIGIN), 413],
    [
      '415 when the body is not JSON',
      { method: 'POST', url: '/api/v1/sites/demo/requests', headers: { 'content-type': 'text/plain', origin: DEMO_ORIGIN }, payload: 'hi' },
      415,
    ],
    [
      '401 when a host token is refused',
      { method: 'POST', url: '/api/v1/sites/demo/session', headers: { ...json, origin: DEMO_ORIGIN }, payload: '{"token":"nope"}' },
      401,
    ],
  ] as [string, InjectOptions, number][])('%s', async (_name, request, status) => {
    const response = await t.app.inject(request);
    expect(response.statusCode).toBe(status);
    expect(response.headers['access-control-allow-origin']).toBe(DEMO_ORIGIN);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(response.headers.vary)).toMatch(/origin/i);
  });

  it('no site API answer ever uses the * wildcard, even to a request without an Origin', async () => {
    for (const url of ['/api/v1/sites/demo/config', '/api/v1/sites/demo/articles', '/api/v1/sites/demo/requests']) {
      for (const headers of [{}, { origin: DEMO_ORIGIN }, { origin: EVIL }]) {
        const response = await t.app.inject({ url, headers });
        expect(response.headers['access-control-allow-origin'], `${url} ${JSON.stringify(headers)}`).not.toBe('*');
      }
    }
  });
});

describe('widget assets', () => {
  it('a not-modified answer for widget.js still carries Cross-Origin-Resource-Policy: cross-origin and nosniff', async () => {
    const first = await t.app.inject({ url: '/widget.js', headers: { origin: 'https://any-host.example' } });
    const again = await t.app.inject({ url: '/widget.js', headers: { origin: 'https://any-host.example', 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(again.headers['x-content-type-options']).toBe('nosniff');
  });
});
