// Article search on PostgreSQL: words from rules/search-words.ts, each a prefix, all required,
// title hits ranked above body hits, and no input that can form tsquery syntax.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { words } from '../../server/store/rules/search-words.js';
import type { Store } from '../../server/store/types.js';
import { postgresAvailable } from '../support/postgres.js';
import { addSite, NOW, openTestStore, type TestSite, type TestStore } from './pg-fixtures.js';

describe.skipIf(!postgresAvailable())('article search on PostgreSQL', () => {
  let t: TestStore;
  let store: Store;
  let s: TestSite;
  const search = async (query: string) => (await store.articles.search(s.site.id, words(query), 10)).map((a) => a.id);

  beforeAll(async () => {
    t = await openTestStore();
    store = t.store;
    s = await addSite(store);
    const article = (id: string, title: string, markdown: string) =>
      store.admin.upsertArticle({ id, siteId: s.site.id, slug: id, title, markdown, html: `<p>${markdown}</p>`, excerpt: markdown.slice(0, 20) }, [], NOW);
    await article('body-hit', 'Getting started', 'Before you ask for a refund, check the shipping status of your order.');
    await article('title-hit', 'Refunds and returns', 'Send the parcel back within 30 days.');
    await article('neither', 'Passwords', 'Reset it from the sign-in page.');
    await article('quotes', "Don't panic: O'Brien's guide", 'Back\\slash & pipes | too');
  });
  afterAll(() => t?.close());

  it('ranks a title hit above a body hit', async () => {
    expect(await search('refund')).toEqual(['title-hit', 'body-hit']);
  });

  it('matches every word as a prefix, and needs all of them', async () => {
    expect(await search('refu')).toEqual(['title-hit', 'body-hit']);
    expect(await search('ship ord')).toEqual(['body-hit']);
    expect(await search('refund passwords')).toEqual([]);
    expect(await search('REFUNDS')).toEqual(['title-hit', 'body-hit']); // stemmed, as on SQLite
  });

  it('finds nothing for no words, and only within the site', async () => {
    expect(await search('  !!! ')).toEqual([]);
    const otherSite = await addSite(store);
    expect(await store.articles.search(otherSite.site.id, ['refund'], 10)).toEqual([]);
  });

  it('text that is tsquery syntax is only words (never a 500)', async () => {
    for (const query of ["o'brien", "don't", "'", '\\', 'a & | ! ( ) :* <-> b', 'back\\slash', "':*"]) {
      await expect(store.articles.search(s.site.id, words(query), 10)).resolves.toBeInstanceOf(Array);
    }
    expect(await search("O'Brien")).toEqual(['quotes']);
    // The words themselves are bound safely even when a caller passes more than letters and digits.
    await expect(store.articles.search(s.site.id, ["o'brien\\", ':*', '&', "'"], 10)).resolves.toBeInstanceOf(Array);
  });

  it('an updated article is found by its new text only', async () => {
    await store.admin.upsertArticle(
      { id: 'x', siteId: s.site.id, slug: 'neither', title: 'Passkeys', markdown: 'Sign in without a password.', html: '<p></p>', excerpt: '' },
      [],
      NOW,
    );
    expect(await search('passkey')).toEqual(['neither']);
    expect(await search('reset')).toEqual([]);
  });
});
