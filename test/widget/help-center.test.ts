// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/"}
/** The panel's home view and articles: what a visitor sees on opening, searching and reading. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  articles,
  buttonByText,
  byId,
  createFakeServer,
  deferred,
  flush,
  json,
  mountWidget,
  SEARCH_SETTLE_MS,
  sleep,
  suggested,
  typeInto,
  unmountAll,
} from './panel-harness.js';

beforeEach(() => {
  history.replaceState(null, '', '/products/trail-tent-2p?secret=1&utm_source=mail#frag');
});
afterEach(() => {
  unmountAll();
});

const titles = (root: ShadowRoot) => Array.from(root.querySelectorAll('.article-title'), (el) => el.textContent);
const searchBox = (root: ShadowRoot) => byId<HTMLInputElement>(root, 'ph-search')!;

describe('opening the panel', () => {
  test('shows a dialog named after the site, with articles suggested for this page', async () => {
    const widget = mountWidget();
    expect(widget.dialog().hidden).toBe(true);

    widget.run('open');
    await flush();

    const dialog = widget.dialog();
    expect(dialog.hidden).toBe(false);
    const labelledBy = dialog.getAttribute('aria-labelledby')!;
    expect(byId(widget.root, labelledBy)?.textContent).toBe('Northwind Outfitters');
    expect(widget.launcher.getAttribute('aria-expanded')).toBe('true');
    expect(widget.emit).toHaveBeenCalledWith('open');

    expect(byId(widget.root, 'ph-list-heading')?.textContent).toBe('Suggested for this page');
    expect(titles(widget.root)).toEqual(suggested.map((a) => a.title));
    // The search box gets focus, so the visitor can type right away.
    expect(widget.root.activeElement).toBe(searchBox(widget.root));
  });

  test('tells the server only the page origin and path: never its query string or fragment', async () => {
    expect(location.href).toContain('?secret=1');
    const widget = mountWidget();
    widget.run('open');
    await flush();

    const [call, ...others] = widget.server.articleLists();
    expect(others).toEqual([]);
    expect(call.url.searchParams.get('url')).toBe('https://shop.example.com/products/trail-tent-2p');
    expect(call.url.searchParams.has('q')).toBe(false);
    // Nothing about the page's query or fragment leaks anywhere in any request the panel made.
    for (const { url } of widget.server.calls) {
      expect(url.href).not.toMatch(/secret|utm_source|frag/);
      expect(decodeURIComponent(url.href)).not.toMatch(/secret|utm_source|frag/);
    }
    // And no cookies or referrer go with API calls.
    for (const [, init] of widget.server.fetch.mock.calls) {
      expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    }
  });

  test('takes on the site colour from its config', async () => {
    const widget = mountWidget();
    await flush();
    const rules = widget.root.adoptedStyleSheets.flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText));
    expect(rules.join('\n')).toMatch(/--ph-accent:\s*#0f766e/);
  });
});

describe('searching', () => {
  test('shows results for what the visitor typed once they pause, asking the server once', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    const before = widget.server.articleLists().length;

    typeInto(searchBox(widget.root), 'w');
    typeInto(searchBox(widget.root), 'wat');
    typeInto(searchBox(widget.root), 'waterproofing');
    await flush();
    // Still typing: no request yet, and the suggestions make way for a loading state.
    expect(widget.server.articleLists().length).toBe(before);
    expect(byId(widget.root, 'ph-list-heading')?.textContent).toBe('Results for “waterproofing”');

    await sleep(SEARCH_SETTLE_MS);
    await flush();
    const searches = widget.server.articleLists().slice(before);
    expect(searches.map((c) => c.url.searchParams.get('q'))).toEqual(['waterproofing']);
    expect(searches[0].url.searchParams.has('url')).toBe(false);
    expect(titles(widget.root)).toEqual(['About waterproofing']);
  });

  test('a slow answer to an earlier search never replaces the answer to the latest one', async () => {
    const server = createFakeServer();
    const slow = deferred<Response>();
    server.override((call) => (call.url.searchParams.get('q') === 'tent' ? slow.promise : undefined));
    const widget = mountWidget({ server });
    widget.run('open');
    await flush();

    typeInto(searchBox(widget.root), 'tent');
    await sleep(SEARCH_SETTLE_MS);
    typeInto(searchBox(widget.root), 'tent poles');
    await sleep(SEARCH_SETTLE_MS);
    await flush();
    expect(titles(widget.root)).toEqual(['About tent poles']);

    // The first search's answer arrives last.
    slow.resolve(json({ articles: [{ id: 'art_old', title: 'Stale result for tent', excerpt: '' }] }));
    await flush();

    expect(widget.server.articleLists().map((c) => c.url.searchParams.get('q'))).toContain('tent');
    expect(titles(widget.root)).toEqual(['About tent poles']);
    expect(byId(widget.root, 'ph-list-heading')?.textContent).toBe('Results for “tent poles”');
  });

  test('clearing the search box brings the suggestions back', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    typeInto(searchBox(widget.root), 'boots');
    await sleep(SEARCH_SETTLE_MS);
    await flush();
    expect(titles(widget.root)).toEqual(['About boots']);

    typeInto(searchBox(widget.root), '');
    await flush();
    expect(byId(widget.root, 'ph-list-heading')?.textContent).toBe('Suggested for this page');
    expect(titles(widget.root)).toEqual(suggested.map((a) => a.title));
  });
});

describe('reading an article', () => {
  test('clicking a suggestion shows its title and the server’s HTML', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();

    buttonByText(widget.root, 'Caring for your tentDry it before you pack it away.').click();
    await flush();

    expect(widget.server.articleReads().map((c) => c.url.pathname)).toEqual(['/api/v1/sites/demo/articles/art_tentCare01']);
    const heading = byId(widget.root, 'ph-article-title')!;
    expect(heading.textContent).toBe('Caring for your tent');
    const prose = widget.root.querySelector('.article .prose')!;
    expect(prose.innerHTML).toBe(articles.art_tentCare01.html);
    expect(prose.querySelector('strong')?.textContent).toBe('dry');
    expect(prose.querySelectorAll('li')).toHaveLength(2);
    // Focus moves to the article, and Back returns home.
    expect(widget.root.activeElement).toBe(heading);
    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await flush();
    expect(byId(widget.root, 'ph-search')).not.toBeNull();
  });

  test('an article that no longer exists says so', async () => {
    const widget = mountWidget();
    widget.run('navigate', { article: 'art_gone' });
    await flush();
    expect(widget.dialog().hidden).toBe(false);
    expect(widget.root.querySelector('.notice')?.textContent).toContain('This article is no longer available.');
  });
});

describe('suggestions from the host page', () => {
  test('`suggest` { query } asks for articles matching the query instead of the page URL', async () => {
    const widget = mountWidget();
    await flush();
    widget.run('suggest', { query: 'sleeping bags' });
    await flush();

    const last = widget.server.articleLists().at(-1)!;
    expect(last.url.searchParams.get('q')).toBe('sleeping bags');
    expect(last.url.searchParams.has('url')).toBe(false);
    widget.run('open');
    await flush();
    expect(titles(widget.root)).toEqual(['About sleeping bags']);
  });

  test('a queued `suggest` wins even when the page-URL suggestions answer later', async () => {
    const server = createFakeServer();
    const pageSuggestions = deferred<Response>();
    server.override((call) => (call.url.searchParams.has('url') ? pageSuggestions.promise : undefined));
    // The host called Porthole('suggest', …) before the panel loaded: it is replayed right after start.
    const widget = mountWidget({ server, pending: [['suggest', { query: 'sleeping bags' }], ['open']] });
    await flush();
    expect(titles(widget.root)).toEqual(['About sleeping bags']);

    pageSuggestions.resolve(json({ articles: suggested }));
    await flush();
    expect(titles(widget.root)).toEqual(['About sleeping bags']);
  });
});
