/**
 * The support team's inbox page: served at /agent and every /agent/… address under a strict CSP,
 * its hashed script and stylesheet from /agent/assets/, and nothing of it open to other origins.
 * Needs the build (`node build.mjs`, which `npm test` runs first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectError } from './helpers.js';
import { safeNextPath } from '../../server/inbox/app/routing.js';
import { INBOX_SIGNED_IN_COOKIE } from '../../server/auth/agent-auth.js';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const assetsOf = (html: string) => ({
  script: /<script type="module" src="(\/agent\/assets\/inbox-[A-Za-z0-9]+\.js)"><\/script>/.exec(html)?.[1],
  stylesheet: /<link rel="stylesheet" href="(\/agent\/assets\/inbox-[A-Za-z0-9]+\.css)">/.exec(html)?.[1],
});

describe('the inbox page', () => {
  for (const url of ['/agent', '/agent/', '/agent/requests/5', '/agent/requests/5?next=%2Fagent']) {
    it(`GET ${url} is the page, under the inbox's own CSP and not cached`, async () => {
      const response = await t.app.inject({ url, headers: { origin: 'https://evil.example' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toBe(CSP);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.body).toContain('<div id="inbox"></div>');
      expect(assetsOf(response.body).script).toBeDefined();
      expect(assetsOf(response.body).stylesheet).toBeDefined();
    });
  }

  it('shows sign-in at once on a same-site visit without the signed-in mark, and asks GET /me when the mark came (the session cookie never comes here)', async () => {
    const visit = (headers: Record<string, string>) => t.app.inject({ url: '/agent', headers: { 'sec-fetch-site': 'same-origin', ...headers } });
    expect((await visit({})).body).toContain('<body data-session="none">');
    expect((await visit({ cookie: `${INBOX_SIGNED_IN_COOKIE}=1` })).body).toContain('<body>\n');
    // From another site the SameSite=Strict mark stays behind even when someone is signed in: the page must ask.
    expect((await visit({ 'sec-fetch-site': 'cross-site' })).body).toContain('<body>\n');
  });

  it('has no inline script or style for the CSP to refuse', async () => {
    const { body } = await t.app.inject({ url: '/agent' });
    expect(body).not.toMatch(/<style|style=|<script(?![^>]*\bsrc=)/i);
  });

  it('serves the script it names as immutable JavaScript, and the stylesheet as CSS', async () => {
    const { script, stylesheet } = assetsOf((await t.app.inject({ url: '/agent/requests/5' })).body);
    const js = await t.app.inject({ url: script! });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['access-control-allow-origin']).toBeUndefined();
    expect(js.body.length).toBeGreaterThan(1000);
    const css = await t.app.inject({ url: stylesheet! });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.body).toContain('pre-wrap');
  });

  it('answers a repeat request for an asset with 304 when the browser has it', async () => {
    const { script } = assetsOf((await t.app.inject({ url: '/agent' })).body);
    const first = await t.app.inject({ url: script! });
    const again = await t.app.inject({ url: script!, headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('renders people’s text as text: no app source sets HTML from strings', () => {
    const dir = fileURLToPath(new URL('../../server/inbox/app/', import.meta.url));
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.tsx?$/.test(name));
    expect(sources.length).toBeGreaterThan(5);
    for (const name of sources) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(text), name).toBe(false);
    }
  });

  for (const url of ['/agent/assets/inbox-NOPE1234.js', '/agent/assets/manifest.json', '/agent/assets/', '/agent/assets/..%2Fmanifest.json']) {
    it(`GET ${url} is a 404 in the API's error shape`, async () => {
      expectError(await t.app.inject({ url }), 404, 'not_found');
    });
  }
});

describe('safeNextPath (where sign-in may lead)', () => {
  it.each([
    ['/agent', '/agent'],
    ['/agent/', '/agent/'],
    ['/agent/requests/3', '/agent/requests/3'],
    ['/agent/requests/3?tab=notes', '/agent/requests/3?tab=notes'],
  ])('accepts the inbox page %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    '//evil.com',
    '/\\evil.com',
    '/agent/\\evil.com',
    'https://evil.com',
    'https://evil.com/agent/requests/3',
    '/agentx',
    '/other',
    '/agent/../other',
    '/agent/%2e%2e/other',
    'javascript:alert(1)',
    'javascript:/agent/',
    ' /agent',
    '/agent/\nx',
    '',
    null,
    undefined,
  ])('refuses %j', (next) => {
    expect(safeNextPath(next)).toBeNull();
  });
});
