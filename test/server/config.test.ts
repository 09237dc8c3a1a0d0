import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, TEST_SITE_SECRET, type TestApp } from '../support/test-app.js';
import { DEMO_ORIGIN, expectError } from './helpers.js';
import { readConfig } from '../../server/config.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const configUrl = (site = 'demo') => `/api/v1/sites/${site}/config`;

describe('GET …/config', () => {
  test('the widget learns the site name, colour, plan tier and features', async () => {
    const response = await t.app.inject({ url: configUrl() });
    expect(response.statusCode).toBe(200);
    expect(response.json().site).toEqual({
      slug: 'demo',
      name: 'Northwind Outfitters',
      color: '#0f766e',
      tier: 'pro',
      features: { organizationRequests: true },
      locale: 'en',
      theme: 'auto',
    });
  });

  test('a basic-tier site does not offer organization-wide request lists', async () => {
    const response = await t.app.inject({ url: configUrl('starter') });
    expect(response.statusCode).toBe(200);
    expect(response.json().site).toMatchObject({ slug: 'starter', name: 'Pebble Notes', tier: 'basic', features: { organizationRequests: false } });
  });

  test('the contact form gets the four demo categories, in order, with their extra fields', async () => {
    const { categories } = (await t.app.inject({ url: configUrl() })).json();
    expect(categories.map((c: { name: string }) => c.name)).toEqual(['Billing & payments', 'Orders & shipping', 'Account & sign-in', 'Product question']);
    for (const category of categories) {
      expect(typeof category.id).toBe('string');
      expect(category.id.length).toBeGreaterThan(0);
    }
    expect(new Set(categories.map((c: { id: string }) => c.id)).size).toBe(4);
    expect(categories[0].fields).toEqual([{ key: 'invoiceNumber', label: 'Invoice number', type: 'text', required: false, maxLength: 40 }]);
    expect(categories[1].fields).toEqual([{ key: 'orderNumber', label: 'Order number', type: 'text', required: true, maxLength: 20 }]);
    expect(categories[2].fields).toEqual([]);
    expect(categories[3].fields).toEqual([
      { key: 'productType', label: 'Product type', type: 'select', required: true, options: ['Tents', 'Backpacks', 'Clothing', 'Footwear', 'Other'] },
    ]);
  });

  test('the config never reveals the site token secret or its allowed origins', async () => {
    const response = await t.app.inject({ url: configUrl() });
    expect(response.body).not.toContain(TEST_SITE_SECRET);
    expect(response.body).not.toMatch(/tokenSecret|allowedOrigins|supportUrl/);
  });

  test("the attach control learns the server's attachment limits, as configured, and nothing else of them", async () => {
    await t.close();
    t = await createTestApp({ attachments: { ...readConfig({}).attachments, perMessage: 3, maxBytes: 5 * 1024 * 1024 } });
    const response = await t.app.inject({ url: configUrl() });
    expect(response.json().attachments).toEqual({ perMessage: 3, maxBytes: 5 * 1024 * 1024 });
  });

  test('an unknown site is a 404 not_found in the error shape', async () => {
    const response = await t.app.inject({ url: configUrl('no-such-site') });
    expectError(response, 404, 'not_found');
  });

  test.each([
    ['upper case and punctuation', 'DEMO!'],
    ['a NUL byte', '%00'],
    ['an encoded slash', 'a%2Fb'],
    ['dots', '..'],
    ['a space', 'de%20mo'],
    ['malformed percent-encoding', '%E0%A4%A'],
    ['a very long slug', 'a'.repeat(200)],
  ])('a site slug with %s is refused in the error shape, never a 500', async (_what, slug) => {
    const response = await t.app.inject({ url: configUrl(slug) });
    expect([400, 404, 414]).toContain(response.statusCode);
    expectError(response, response.statusCode, response.json().error.code);
    expect(['validation_failed', 'not_found', 'bad_request']).toContain(response.json().error.code);
  });
});

describe('origins and CORS', () => {
  test('a page on an origin the site has not allowed is refused with 403 origin_not_allowed', async () => {
    const response = await t.app.inject({ url: configUrl(), headers: { origin: 'https://evil.example' } });
    expectError(response, 403, 'origin_not_allowed');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  test.each([
    ['another port', 'http://localhost:8081'],
    ['another scheme', 'https://localhost:8080'],
    ['another host', 'http://127.0.0.2:8080'],
    ['a trailing slash', 'http://localhost:8080/'],
    ['the opaque null origin', 'null'],
    ['a prefix trick', 'http://localhost:8080.evil.example'],
  ])('origin matching is exact: %s is refused', async (_what, origin) => {
    const response = await t.app.inject({ url: configUrl(), headers: { origin } });
    expectError(response, 403, 'origin_not_allowed');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('a site with no allowed origins refuses every browser origin, even the demo one', async () => {
    const response = await t.app.inject({ url: configUrl('starter'), headers: { origin: DEMO_ORIGIN } });
    expectError(response, 403, 'origin_not_allowed');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('the allowed origin gets 200 and its own origin back in access-control-allow-origin', async () => {
    const response = await t.app.inject({ url: configUrl(), headers: { origin: DEMO_ORIGIN } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(DEMO_ORIGIN);
    expect(String(response.headers.vary)).toMatch(/origin/i);
  });

  test('an unknown origin is never reflected in CORS headers, whatever the response', async () => {
    const evil = 'https://evil.example';
    const responses = await Promise.all([
      t.app.inject({ url: configUrl(), headers: { origin: evil } }),
      t.app.inject({ url: configUrl('starter'), headers: { origin: evil } }),
      t.app.inject({ url: configUrl('no-such-site'), headers: { origin: evil } }),
      t.app.inject({ url: '/api/v1/sites/demo/articles?limit=0', headers: { origin: evil } }),
      t.app.inject({ method: 'OPTIONS', url: '/api/v1/sites/demo/requests', headers: { origin: evil, 'access-control-request-method': 'POST' } }),
    ]);
    for (const response of responses) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(JSON.stringify(response.headers)).not.toContain('evil.example');
    }
  });

  test('a preflight from the allowed origin is answered 204 and allows Authorization, Content-Type and Idempotency-Key', async () => {
    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/sites/demo/requests',
      headers: { origin: DEMO_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(DEMO_ORIGIN);
    const allowed = String(response.headers['access-control-allow-headers'])
      .toLowerCase()
      .split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
    expect(String(response.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(response.headers['access-control-expose-headers']).toLowerCase()).toContain('retry-after');
  });

  test('a preflight from an unknown origin gets no access-control-allow-origin', async () => {
    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/sites/demo/requests',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.statusCode).not.toBe(204);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-headers']).toBeUndefined();
  });

  test('a request without an Origin header (server-to-server, curl) is served', async () => {
    const response = await t.app.inject({ url: configUrl('starter') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
