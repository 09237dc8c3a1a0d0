/**
 * The Help Center's public pages at /help/<site>: the shell under a strict nonce CSP with Trusted
 * Types, an article rendered on the server (linkable, readable without script), the page app's
 * built files, and HTML 404s for a site or article that is not there. Needs the build (`npm test` runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { articles, sites } from '../support/tables.js';
import { categoryIds, expectError, submit } from './helpers.js';

const SITE_NAME = 'Northwind <Goods> & Co';
let t: TestApp;
let article: { id: string; title: string };
beforeAll(async () => {
  t = await createTestApp();
  // Markup in the site's name and an article's title must arrive as text.
  await t.db.update(sites).set({ name: SITE_NAME }).where(eq(sites.slug, 'demo'));
  const [first] = (await t.app.inject({ url: '/api/v1/sites/demo/articles' })).json().articles;
  article = first;
});
afterAll(() => t.close());

const nonceOf = (response: { headers: Record<string, unknown> }) =>
  /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(String(response.headers['content-security-policy']))?.[1];

function expectStrictPage(response: Awaited<ReturnType<TestApp['app']['inject']>>, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['access-control-allow-origin']).toBeUndefined();
  const csp = String(response.headers['content-security-policy']);
  for (const rule of ["default-src 'none'", "frame-ancestors 'none'", "require-trusted-types-for 'script'", 'trusted-types porthole', "base-uri 'none'"]) {
    expect(csp).toContain(rule);
  }
  expect(csp).not.toContain('unsafe-inline');
  const nonce = nonceOf(response);
  expect(nonce).toBeDefined();
  // Every script and style element carries this response's nonce; no handler or style attribute anywhere.
  for (const tag of response.body.match(/<(script|style)\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  expect(response.body).not.toMatch(/<[^>]*\s(?:on[a-z]+|style)=/i);
  return nonce!;
}

describe('the Help Center pages', () => {
  for (const url of ['/help/demo', '/help/demo/', '/help/demo/contact']) {
    it(`GET ${url} is the page app's shell in the site's name and colour`, async () => {
      const response = await t.app.inject({ url, headers: { origin: 'https://evil.example' } });
      expectStrictPage(response, 200);
      expect(response.body).toContain('<title>Northwind &lt;Goods&gt; &amp; Co Help Center</title>');
      expect(response.body).toMatch(/<h1 class="hc-site"><a href="\/help\/demo">Northwind &lt;Goods&gt; &amp; Co Help Center<\/a><\/h1>/);
      expect(response.body).toMatch(/<style nonce="[^"]+">:root\{--ph-accent:#[0-9a-f]{3,6};--ph-on-accent:rgb\(\d+,\d+,\d+\)\}<\/style>/i);
      expect(response.body).toMatch(/<script type="module" nonce="[^"]+" src="\/help\/_assets\/helpcenter-[A-Za-z0-9]+\.js"><\/script>/);
      expect(response.body).toContain('<main class="hc-column" id="help" data-site="demo"');
    });
  }

  it('paints in the site’s chosen theme from the first byte; auto leaves it to the visitor’s system', async () => {
    expect((await t.app.inject({ url: '/help/demo' })).body).toMatch(/<html lang="en" dir="ltr">/);
    await t.db.update(sites).set({ theme: 'dark' }).where(eq(sites.slug, 'demo'));
    t.clock.advance(6_000); // past the site directory's cache
    try {
      expect((await t.app.inject({ url: '/help/demo' })).body).toMatch(/<html lang="en" dir="ltr" data-theme="dark">/);
    } finally {
      await t.db.update(sites).set({ theme: 'auto' }).where(eq(sites.slug, 'demo'));
      t.clock.advance(6_000);
    }
  });

  it('gives every response a nonce of its own', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) nonces.add(nonceOf(await t.app.inject({ url: '/help/demo' }))!);
    expect(nonces.size).toBe(3);
  });

  it('lists the popular articles as links, for readers and crawlers without script', async () => {
    const { body } = await t.app.inject({ url: '/help/demo' });
    expect(body).toContain(`<a href="/help/demo/articles/${article.id}">`);
  });

  it('renders an article on the server: its title in <title> and its sanitized HTML in the page', async () => {
    const stored = (await t.db.select().from(articles).where(eq(articles.id, article.id)))[0]!;
    const response = await t.app.inject({ url: `/help/demo/articles/${article.id}` });
    expectStrictPage(response, 200);
    expect(response.body).toContain(`<title>${stored.title} · Northwind &lt;Goods&gt; &amp; Co Help Center</title>`);
    expect(response.body).toContain(`<h2>${stored.title}</h2>`);
    expect(response.body).toContain(`<div class="prose">${stored.html}</div>`);
    expect(stored.html.length).toBeGreaterThan(50);
  });

  it('shows an article title with markup as text', async () => {
    await t.db.update(articles).set({ title: '<img src=x onerror=alert(1)>' }).where(eq(articles.id, article.id));
    const response = await t.app.inject({ url: `/help/demo/articles/${article.id}` });
    expectStrictPage(response, 200);
    expect(response.body).not.toContain('<img src=x');
    expect(response.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  // The account's views and a person's requests: the app fills them (the sign-in when nobody is),
  // so each is a shell titled for where the visitor is, reloadable and linkable.
  for (const [url, title] of [
    ['/help/demo/signin', 'Sign in'],
    ['/help/demo/password', 'Get a password'],
    ['/help/demo/signin-link', 'Email me a sign-in link'],
    ['/help/demo/choose-password', 'Choose a password'],
    ['/help/demo/requests', 'My requests'],
    ['/help/demo/requests/new', 'Submit a request'],
    ['/help/demo/requests/1042', 'Request #1042'],
  ]) {
    it(`GET ${url} is the page app's shell, titled "${title}"`, async () => {
      const response = await t.app.inject({ url });
      expectStrictPage(response, 200);
      expect(response.body).toContain(`<title>${title} · Northwind &lt;Goods&gt; &amp; Co Help Center</title>`);
      expect(response.body).toContain('<main class="hc-column" id="help" data-site="demo"');
    });
  }

  for (const url of [
    '/help/nope',
    '/help/Demo',
    '/help/nope/articles/x',
    '/help/demo/articles/not-an-article',
    '/help/demo/settings',
    '/help/_assets',
    '/help/nope/signin',
    '/help/demo/requests/x1',
  ]) {
    it(`GET ${url} is an HTML 404 page without script`, async () => {
      const response = await t.app.inject({ url });
      expectStrictPage(response, 404);
      expect(response.body).toContain('Page not found');
      expect(response.body).not.toContain('<script');
    });
  }

  it('serves the built files it names, and 404s in the API shape for any other', async () => {
    const { body } = await t.app.inject({ url: '/help/demo' });
    const script = /src="(\/help\/_assets\/[^"]+\.js)"/.exec(body)![1]!;
    const stylesheet = /href="(\/help\/_assets\/[^"]+\.css)"/.exec(body)![1]!;
    const js = await t.app.inject({ url: script });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await t.app.inject({ url: stylesheet });
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.body).toContain('max-inline-size');
    expect((await t.app.inject({ url: script, headers: { 'if-none-match': String(js.headers.etag) } })).statusCode).toBe(304);
    for (const url of ['/help/_assets/manifest.json', '/help/_assets/nope.js', '/help/_assets/..%2Fmanifest.json']) {
      expectError(await t.app.inject({ url }), 404, 'not_found');
    }
  });
});

describe('the Help Center calling the API', () => {
  it("may send Contact us from the support server's own origin, which no site lists; other origins are still refused", async () => {
    const cats = await categoryIds(t.app);
    const body = {
      categoryId: cats['Account & sign-in'],
      subject: 'From the Help Center',
      description: 'Sent from /help/demo.',
      email: 'hc@example.com',
      name: 'H C',
    };
    const own = await submit(t.app, body, { headers: { origin: new URL(t.config.publicUrl).origin, 'idempotency-key': 'hc-own-origin-1' } });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    expectError(await submit(t.app, body, { headers: { origin: 'https://evil.example', 'idempotency-key': 'hc-evil-1' } }), 403, 'origin_not_allowed');
  });
});

describe('the page’s CSRF token', () => {
  const csrfCookies = (response: { headers: Record<string, unknown> }) =>
    [response.headers['set-cookie'] ?? []].flat().filter((cookie): cookie is string => String(cookie).startsWith('porthole_csrf='));

  it('comes with a cookie of the browser’s own, HttpOnly and SameSite=Strict, on the Help Center’s paths only; the page carries its token', async () => {
    const first = await t.app.inject({ url: '/help/demo' });
    const cookies = csrfCookies(first);
    expect(cookies.map((cookie) => /Path=([^;]+)/.exec(cookie)![1])).toEqual(['/help/demo', '/api/v1/sites/demo/portal']);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
    }
    const held = /^porthole_csrf=([^;]+)/.exec(cookies[0]!)![1]!;
    const token = /data-csrf="([^"]+)"/.exec(first.body)![1];
    expect(token).toBe(t.app.porthole.csrf.tokenFor('portal', held));

    // A browser that has the cookie keeps it, and every page it is served carries the same token.
    const again = await t.app.inject({ url: '/help/demo/contact', headers: { cookie: `porthole_csrf=${held}` } });
    expect(csrfCookies(again)).toEqual([]);
    expect(/data-csrf="([^"]+)"/.exec(again.body)![1]).toBe(token);
    // Another browser gets a cookie, and so a token, of its own.
    expect(/data-csrf="([^"]+)"/.exec((await t.app.inject({ url: '/help/demo' })).body)![1]).not.toBe(token);
  });

  it('is not given where there is no Help Center', async () => {
    const missing = await t.app.inject({ url: '/help/nope' });
    expect(csrfCookies(missing)).toEqual([]);
    expect(missing.body).not.toContain('data-csrf');
  });
});
