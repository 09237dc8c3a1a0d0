// Article search: words from rules/search-words.ts, each a prefix, all required, stemmed and with
// accents folded, title hits ranked above body hits (rules/search-rank.ts), no input that can form
// FTS5 or tsquery syntax — and the corpus of search-corpus.ts found alike on both engines.
import { beforeAll, describe, expect, it } from 'vitest';
import { words } from '../../../server/store/rules/search-words.js';
import { renderArticle } from '../../../server/services/markdown.js';
import type { Store } from '../../../server/store/types.js';
import { addSite, IN_ENGLISH, NOW, useTestStore, type OpenTestStore, type TestSite } from './fixtures.js';
import { corpusArticles, sameOnBoth, stemmersDisagree } from './search-corpus.js';

export function searchContract(open: OpenTestStore): void {
  const t = useTestStore(open);
  let store: Store;
  let s: TestSite;
  let demo: TestSite;
  const searchOn = async (site: TestSite, query: string) => (await store.articles.search(site.site.id, words(query), IN_ENGLISH, 50)).map((a) => a.id);
  const search = (query: string) => searchOn(s, query);

  beforeAll(async () => {
    store = t.store;
    s = await addSite(store);
    const article = (id: string, title: string, markdown: string) =>
      store.admin.upsertArticle(
        { id, siteId: s.site.id, slug: id, locale: 'en', title, markdown, html: `<p>${markdown}</p>`, excerpt: markdown.slice(0, 20) },
        [],
        NOW,
      );
    await article('body-hit', 'Getting started', 'Before you ask for a refund, check the shipping status of your order.');
    await article('title-hit', 'Refunds and returns', 'Send the parcel back within 30 days.');
    await article('neither', 'Passwords', 'Reset it from the sign-in page.');
    await article('quotes', "Don't panic: O'Brien's guide", 'Back\\slash & pipes | too');
    await article('accents', 'Café opening hours', 'Our Zürich café opens at nine.');

    demo = await addSite(store);
    for (const a of corpusArticles) {
      const row = {
        id: a.slug,
        siteId: demo.site.id,
        slug: a.slug,
        locale: 'en' as const,
        title: a.title,
        ...renderArticle(a.markdown),
        popularity: a.popularity,
      };
      await store.admin.upsertArticle(row, [], NOW);
    }
  });

  it('ranks a title hit above a body hit', async () => {
    expect(await search('refund')).toEqual(['title-hit', 'body-hit']);
  });

  it('matches every word as a prefix, and needs all of them', async () => {
    expect(await search('refu')).toEqual(['title-hit', 'body-hit']);
    expect(await search('ship ord')).toEqual(['body-hit']);
    expect(await search('refund passwords')).toEqual([]);
  });

  it('stems English words and folds case and accents, in the article and in the query', async () => {
    expect(await search('REFUNDS')).toEqual(['title-hit', 'body-hit']);
    expect(await search('shipped')).toEqual(['body-hit']);
    expect(await search('cafe zurich')).toEqual(['accents']);
    expect(await search('CAFÉS')).toEqual(['accents']);
  });

  it('finds nothing for no words, and only within the site', async () => {
    expect(await search('  !!! ')).toEqual([]);
    const otherSite = await addSite(store);
    expect(await store.articles.search(otherSite.site.id, ['refund'], IN_ENGLISH, 10)).toEqual([]);
  });

  it('text that is FTS5 or tsquery syntax is only words (never a 500)', async () => {
    const syntax = [
      "o'brien",
      "don't",
      "'",
      '\\',
      'a & | ! ( ) :* <-> b',
      'back\\slash',
      "':*",
      '"',
      'AND OR NOT (*',
      'NEAR(',
      'title:refund',
      '^refund',
      '" OR 1=1 --',
    ];
    for (const query of syntax) await expect(store.articles.search(s.site.id, words(query), IN_ENGLISH, 10)).resolves.toBeInstanceOf(Array);
    expect(await search("O'Brien")).toEqual(['quotes']);
    // The words themselves are bound safely even when a caller passes more than letters and digits.
    await expect(store.articles.search(s.site.id, ["o'brien\\", ':*', '&', "'", '"', '*', 'NEAR('], IN_ENGLISH, 10)).resolves.toBeInstanceOf(Array);
  });

  it('an updated article is found by its new text only', async () => {
    await store.admin.upsertArticle(
      { id: 'x', siteId: s.site.id, slug: 'neither', locale: 'en', title: 'Passkeys', markdown: 'Sign in without a password.', html: '<p></p>', excerpt: '' },
      [],
      NOW,
    );
    expect(await search('passkey')).toEqual(['neither']);
    expect(await search('reset')).toEqual([]);
  });

  describe('the demo help centre, query by query: the same articles in the same order on both engines', () => {
    it.each(sameOnBoth)('%s', async (query, slugs) => {
      expect(await searchOn(demo, query)).toEqual(slugs.split(' ').filter(Boolean));
    });
  });

  describe('where Porter (SQLite) and Porter2 (PostgreSQL) stem differently, each engine finds its own', () => {
    it.each(stemmersDisagree)('$query: $why', async ({ query, sqlite, postgres }) => {
      const expected = store.engine === 'sqlite' ? sqlite : postgres;
      expect(await searchOn(demo, query)).toEqual(expected.split(' ').filter(Boolean));
    });
  });
}
