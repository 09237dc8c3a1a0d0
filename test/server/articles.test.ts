import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { articleIdsBySlug } from '../support/inspect.js';
import { DEMO_ORIGIN, expectError } from './helpers.js';

// Read-only tests: one app for the file.
let t: TestApp;
let demoIds: Record<string, string>;
let starterIds: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  demoIds = await articleIdsBySlug(t.db, 'demo');
  starterIds = await articleIdsBySlug(t.db, 'starter');
});
afterAll(async () => {
  await t.close();
});

interface Summary {
  id: string;
  title: string;
  excerpt: string;
}

async function list(query: Record<string, string>, site = 'demo'): Promise<Summary[]> {
  // The demo site is called from its host page; the starter site allows no browser origin, so no Origin header.
  const headers = site === 'demo' ? { origin: DEMO_ORIGIN } : {};
  const response = await t.app.inject({ url: `/api/v1/sites/${site}/articles`, query, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().articles;
}

const suggestionsFor = (url: string) => list({ url });
const slugsOf = (articles: Summary[]) => {
  const bySlug = Object.fromEntries(Object.entries(demoIds).map(([slug, id]) => [id, slug]));
  return articles.map((article) => bySlug[article.id]);
};

const BILLING = ['download-invoices', 'update-payment-card', 'refund-processing-times', 'northwind-plus-billing'];
const SHIPPING = ['delivery-times-and-costs', 'track-your-order', 'international-shipping-customs', 'damaged-or-faulty-items'];

describe('suggested articles for the page the visitor is on', () => {
  test('the billing page and the shipping page get different, relevant suggestions', async () => {
    const billing = slugsOf(await suggestionsFor(`${DEMO_ORIGIN}/billing`));
    const shipping = slugsOf(await suggestionsFor(`${DEMO_ORIGIN}/shipping`));
    expect(billing.sort()).toEqual([...BILLING].sort());
    expect(shipping.sort()).toEqual([...SHIPPING].sort());
  });

  test('each suggestion carries a title and a short plain-text excerpt', async () => {
    const articles = await suggestionsFor(`${DEMO_ORIGIN}/billing`);
    for (const article of articles) {
      expect(Object.keys(article).sort()).toEqual(['excerpt', 'id', 'locale', 'title']);
      expect(article.title.length).toBeGreaterThan(0);
      expect(article.excerpt.length).toBeGreaterThan(0);
      expect(article.excerpt.length).toBeLessThanOrEqual(160);
      expect(article.excerpt).not.toMatch(/[<*`]/);
    }
  });

  test('a page below billing (/billing/invoices/2024) gets the billing suggestions', async () => {
    const nested = slugsOf(await suggestionsFor(`${DEMO_ORIGIN}/billing/invoices/2024`));
    expect(nested.sort()).toEqual([...BILLING].sort());
  });

  test('a trailing slash, a query string and a fragment do not change the suggestions', async () => {
    const plain = await suggestionsFor(`${DEMO_ORIGIN}/billing`);
    expect(await suggestionsFor(`${DEMO_ORIGIN}/billing/`)).toEqual(plain);
    expect(await suggestionsFor(`${DEMO_ORIGIN}/billing?tab=invoices&utm_source=mail`)).toEqual(plain);
    expect(await suggestionsFor(`${DEMO_ORIGIN}/billing/?x=1#section`)).toEqual(plain);
  });

  test('a page whose name only starts like a rule (/billingfoo) is not treated as the billing page', async () => {
    const lookalike = await suggestionsFor(`${DEMO_ORIGIN}/billingfoo`);
    expect(lookalike).toEqual(await list({})); // the popular fallback
    expect(lookalike).not.toEqual(await suggestionsFor(`${DEMO_ORIGIN}/billing`));
  });

  test('a page no rule mentions gets the most popular articles, never an empty panel', async () => {
    const articles = slugsOf(await suggestionsFor(`${DEMO_ORIGIN}/about-us/team`));
    expect(articles.length).toBeGreaterThan(0);
    expect(articles[0]).toBe('track-your-order'); // popularity 95, the highest in the seed
    const noUrl = slugsOf(await list({}));
    expect(noUrl).toEqual(articles);
  });

  test('a url that is not a web page (javascript:, garbage) falls back to popular articles', async () => {
    const popular = await list({});
    expect(await suggestionsFor('javascript:alert(1)')).toEqual(popular);
    expect(await suggestionsFor('not a url at all')).toEqual(popular);
  });

  test('limit caps the number of suggestions', async () => {
    expect(await list({ url: `${DEMO_ORIGIN}/billing`, limit: '2' })).toHaveLength(2);
    expect(await list({ limit: '1' })).toHaveLength(1);
  });

  test("one site's suggestions never include another site's articles", async () => {
    const starter = await list({ url: 'https://pebble-notes.example/pricing' }, 'starter');
    expect(starter.length).toBeGreaterThan(0);
    const starterSet = new Set(Object.values(starterIds));
    for (const article of starter) expect(starterSet.has(article.id)).toBe(true);
    for (const article of await list({})) expect(starterSet.has(article.id)).toBe(false);
  });
});

describe('article search', () => {
  test('searching "refund" puts the refund processing article first', async () => {
    const results = slugsOf(await list({ q: 'refund' }));
    expect(results[0]).toBe('refund-processing-times');
  });

  test('a word prefix ("passw") finds the password article', async () => {
    const results = slugsOf(await list({ q: 'passw' }));
    expect(results).toContain('reset-password');
    expect(results[0]).toBe('reset-password');
  });

  test('search is case-insensitive and ignores punctuation around words', async () => {
    expect(slugsOf(await list({ q: 'REFUND?!' }))[0]).toBe('refund-processing-times');
  });

  test('a search with no matches returns an empty list, not popular articles', async () => {
    expect(await list({ q: 'xylophonezzz' })).toEqual([]);
  });

  test("search only finds the site's own articles", async () => {
    // "Pebble" appears only in the starter site's articles.
    expect(await list({ q: 'pebble' })).toEqual([]);
    expect((await list({ q: 'pebble' }, 'starter')).length).toBeGreaterThan(0);
  });

  test.each(['"', 'AND OR NOT (*', 'NEAR(', 'title:refund', '*', '^refund', '-refund', '" OR 1=1 --', "'", '{}[]', 'a"b"c'])(
    'search text that is FTS5 syntax (%s) is answered 200, never a 500',
    async (q) => {
      const response = await t.app.inject({ url: '/api/v1/sites/demo/articles', query: { q } });
      expect(response.statusCode, response.body).toBe(200);
      expect(Array.isArray(response.json().articles)).toBe(true);
    },
  );

  test('a search query with a control character is refused with fields.q', async () => {
    const response = await t.app.inject({ url: '/api/v1/sites/demo/articles', query: { q: 'refund\u0007' } });
    expect(expectError(response, 400, 'validation_failed').fields).toHaveProperty('q');
  });

  test.each(['0', '51', 'abc', '-1', '1.5'])('limit=%s is refused with 400 validation_failed on fields.limit', async (limit) => {
    const response = await t.app.inject({ url: '/api/v1/sites/demo/articles', query: { limit } });
    expect(expectError(response, 400, 'validation_failed').fields).toHaveProperty('limit');
  });

  test('limit=50 is allowed', async () => {
    const response = await t.app.inject({ url: '/api/v1/sites/demo/articles', query: { limit: '50' } });
    expect(response.statusCode).toBe(200);
  });
});

describe('reading one article', () => {
  const read = (id: string, site = 'demo') =>
    t.app.inject({ url: `/api/v1/sites/${site}/articles/${encodeURIComponent(id)}`, headers: { origin: DEMO_ORIGIN } });

  test('an article comes back with its title, rendered HTML and update time', async () => {
    const response = await read(demoIds['reset-password']);
    expect(response.statusCode).toBe(200);
    const { article } = response.json();
    expect(Object.keys(article).sort()).toEqual(['html', 'id', 'locale', 'title', 'updatedAt']);
    expect(article.id).toBe(demoIds['reset-password']);
    expect(article.title).toBe('Reset a forgotten password');
    expect(article.html).toMatch(/<p>/);
    expect(new Date(article.updatedAt).toISOString()).toBe(article.updatedAt);
  });

  test('the gift-cards article is sanitized: no script, no event handlers, no inline styles', async () => {
    const { article } = (await read(demoIds['gift-cards'])).json();
    expect(article.html).toContain('Redeem a gift card'); // the real content survives
    expect(article.html).not.toMatch(/<script/i);
    expect(article.html).not.toMatch(/alert\(1\)/);
    expect(article.html).not.toMatch(/onerror/i);
    expect(article.html).not.toMatch(/\son\w+=/i);
    expect(article.html).not.toMatch(/style=/i);
    expect(article.html).not.toMatch(/<img/i);
  });

  test('links in articles open safely: rel="noopener noreferrer" and only http(s)/mailto targets', async () => {
    const { article } = (await read(demoIds['gift-cards'])).json();
    const links = [...article.html.matchAll(/<a\b[^>]*>/g)].map((match) => match[0]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link).toContain('rel="noopener noreferrer"');
      expect(link).toMatch(/href="(https?:|mailto:)/);
    }
  });

  test('no seeded article of either site contains scripts, handlers or styles', async () => {
    for (const [site, ids] of [
      ['demo', demoIds],
      ['starter', starterIds],
    ] as const) {
      for (const id of Object.values(ids)) {
        const response = await t.app.inject({ url: `/api/v1/sites/${site}/articles/${id}` });
        expect(response.statusCode).toBe(200);
        expect(response.json().article.html).not.toMatch(/<script|<style|style=|\son\w+=|javascript:/i);
      }
    }
  });

  test('an unknown article id is a 404 not_found', async () => {
    expectError(await read('art_doesnotexist'), 404, 'not_found');
  });

  test("another site's article is 404 under demo, exactly like one that does not exist", async () => {
    const id = starterIds['plans-and-pricing'];
    expect((await t.app.inject({ url: `/api/v1/sites/starter/articles/${id}` })).statusCode).toBe(200);
    const response = await read(id);
    expectError(response, 404, 'not_found');
    expect(response.json()).toEqual((await read('art_doesnotexist')).json());
  });

  test('an over-long article id is refused without a 500', async () => {
    const response = await read('x'.repeat(80));
    expect([400, 404, 414]).toContain(response.statusCode);
    expectError(response, response.statusCode, response.json().error.code);
  });
});
