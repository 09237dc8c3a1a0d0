import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DEMO_ORIGIN, expectError } from './helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const json = { 'content-type': 'application/json' };

describe('unknown addresses', () => {
  test.each([
    ['GET', '/nope'],
    ['GET', '/api/v1/nope'],
    ['GET', '/api/v1/sites/demo/nothing-here'],
    ['DELETE', '/api/v1/sites/demo/config'],
    ['PUT', '/api/v1/sites/demo/requests'],
    ['GET', '/widget/chunks/does-not-exist.js'],
  ] as const)('%s %s is a JSON 404 not_found', async (method, url) => {
    expectError(await t.app.inject({ method, url }), 404, 'not_found');
  });
});

describe('one error shape for every failure', () => {
  const failures: [string, InjectOptions, number][] = [
    ['unknown route', { url: '/api/v1/unknown' }, 404],
    ['unknown site', { url: '/api/v1/sites/no-such-site/config' }, 404],
    ['unknown article', { url: '/api/v1/sites/demo/articles/art_missing' }, 404],
    ['bad querystring', { url: '/api/v1/sites/demo/articles?limit=500' }, 400],
    // A slug no site can have is simply a site that does not exist (checked before any parsing).
    ['bad slug', { url: '/api/v1/sites/Not_A_Slug!/config' }, 404],
    ['malformed percent-encoding in the path', { url: '/api/v1/sites/%E0%A4%A/config' }, 400],
    ['over-long path segment', { url: `/api/v1/sites/${'s'.repeat(150)}/config` }, 414],
    ['origin not allowed', { url: '/api/v1/sites/demo/config', headers: { origin: 'https://evil.example' } }, 403],
    ['invalid JSON', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: json, payload: '{' }, 400],
    ['empty JSON body', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: json, payload: '' }, 400],
    ['proto poisoning', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: json, payload: '{"__proto__":{"a":1}}' }, 400],
    ['wrong media type', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: { 'content-type': 'text/plain' }, payload: 'hi' }, 415],
    ['body too large', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: json, payload: `"${'x'.repeat(200 * 1024)}"` }, 413],
    ['validation', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: json, payload: '{"subject":1}' }, 400],
    ['forbidden field', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: json, payload: '{"status":"closed"}' }, 400],
    ['bad idempotency key', { method: 'POST', url: '/api/v1/sites/demo/requests', headers: { ...json, 'idempotency-key': 'x' }, payload: '{}' }, 400],
  ];

  test.each(failures)('%s → exactly { error: { code, message, fields? } }', async (_name, request, status) => {
    const response = await t.app.inject(request);
    const error = expectError(response, status, (response.json() as { error: { code: string } }).error.code);
    expect(error.code).toMatch(/^[a-z_]+$/);
    // Nothing of Fastify's internals reaches the client.
    expect(response.body).not.toMatch(/FST_ERR|statusCode|stack/);
  });

  test('fields appear only when there is something to say about a field', async () => {
    const notFound = expectError(await t.app.inject({ url: '/api/v1/sites/no-such-site/config' }), 404, 'not_found');
    expect(notFound).not.toHaveProperty('fields');
    const invalid = expectError(await t.app.inject({ url: '/api/v1/sites/demo/articles?limit=0' }), 400, 'validation_failed');
    expect(invalid.fields).toEqual({ limit: expect.any(String) });
  });

  test('an unexpected crash answers 500 internal_error without revealing what went wrong', async () => {
    t.app.get('/test-only/boom', async () => {
      throw new Error('database password is hunter2');
    });
    const response = await t.app.inject({ url: '/test-only/boom' });
    expectError(response, 500, 'internal_error');
    expect(response.body).not.toContain('hunter2');
  });

  test('the widget can read errors meant for it: an allowed origin gets CORS headers on a 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites/demo/requests',
      headers: { ...json, origin: DEMO_ORIGIN },
      payload: '{"subject":1}',
    });
    expectError(response, 400, 'validation_failed');
    expect(response.headers['access-control-allow-origin']).toBe(DEMO_ORIGIN);
  });
});

describe('security headers', () => {
  test.each([
    ['a successful API response', { url: '/api/v1/sites/demo/config' }],
    ['an API error', { url: '/api/v1/sites/no-such-site/config' }],
    ['a validation error', { url: '/api/v1/sites/demo/articles?limit=0' }],
    ['an unknown route', { url: '/nope' }],
    ['a malformed URL', { url: '/api/v1/sites/%E0%A4%A/config' }],
  ] as [string, InjectOptions][])('%s carries x-content-type-options: nosniff', async (_name, request) => {
    const response = await t.app.inject(request);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('API responses are not framable, send no referrer, and do not announce the server framework', async () => {
    const response = await t.app.inject({ url: '/api/v1/sites/demo/config' });
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});
