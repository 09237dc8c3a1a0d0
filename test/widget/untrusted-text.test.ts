// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/"}
/**
 * Text from the host page, the visitor or the server's plain-text fields is shown as text, never
 * parsed as HTML. Only an article's body (sanitized on the server) is HTML, inside `.prose`.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  byId,
  createFakeServer,
  flush,
  HELP_CENTER_URL,
  json,
  mountWidget,
  SEARCH_SETTLE_MS,
  sleep,
  typeInto,
  unmountAll,
  type Widget,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const IMG = '<img src=x onerror=alert(1)>';

/** Elements that only markup could have made, anywhere but an article's server-sanitized body. */
const injected = (widget: Widget) =>
  Array.from(widget.root.querySelectorAll('img, b, i, script, iframe, a'))
    // The panel's own one link, to the site's Help Center, is the only anchor it draws itself.
    .filter((el) => !el.closest('.prose') && !el.matches(`a.help-center-link[href="${HELP_CENTER_URL}"]`))
    .map((el) => el.outerHTML);

/** Any inline event handler attribute at all, prose included. */
const handlerAttributes = (widget: Widget) =>
  Array.from(widget.root.querySelectorAll('*')).flatMap((el) =>
    el
      .getAttributeNames()
      .filter((name) => name.toLowerCase().startsWith('on'))
      .map((name) => `${el.tagName.toLowerCase()}[${name}]`),
  );

describe('text from the host page and the visitor', () => {
  test('prefilled values and a search query with markup stay plain text', async () => {
    const server = createFakeServer();
    // The server echoes titles verbatim; they are plain text in the contract too.
    server.override((call) =>
      call.url.searchParams.has('q')
        ? json({ articles: [{ id: 'art_x', title: `${call.url.searchParams.get('q')} ${IMG}`, excerpt: '<i>teaser</i>' }] })
        : undefined,
    );
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const widget = mountWidget({
      server,
      pending: [['prefill', { subject: IMG, description: '<script>alert(2)</script>', name: '<b>Sam</b>', email: '"><svg onload=alert(3)>' }]],
    });

    widget.run('navigate', 'contact');
    await flush();
    expect(byId<HTMLInputElement>(widget.root, 'ph-subject')!.value).toBe(IMG);
    expect(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!.value).toBe('<script>alert(2)</script>');
    expect(byId<HTMLInputElement>(widget.root, 'ph-name')!.value).toBe('<b>Sam</b>');
    expect(byId<HTMLInputElement>(widget.root, 'ph-email')!.value).toBe('"><svg onload=alert(3)>');
    expect(injected(widget)).toEqual([]);
    expect(handlerAttributes(widget)).toEqual([]);
    expect(widget.root.querySelectorAll('svg:not([aria-hidden="true"])')).toHaveLength(0);

    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await flush();
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-search')!, '<b>x</b>');
    await sleep(SEARCH_SETTLE_MS);
    await flush();

    expect(byId(widget.root, 'ph-list-heading')!.textContent).toBe('Results for “<b>x</b>”');
    expect(widget.root.querySelector('.article-title')!.textContent).toBe(`<b>x</b> ${IMG}`);
    expect(widget.root.querySelector('.article-excerpt')!.textContent).toBe('<i>teaser</i>');
    expect(widget.server.articleLists().at(-1)!.url.searchParams.get('q')).toBe('<b>x</b>');
    expect(injected(widget)).toEqual([]);
    expect(handlerAttributes(widget)).toEqual([]);
    expect(alert).not.toHaveBeenCalled();
  });

  test('a site name with markup is shown as the dialog’s plain-text title', async () => {
    const server = createFakeServer();
    server.override((call) =>
      call.url.pathname.endsWith('/config')
        ? json({
            site: { slug: 'demo', name: `<b>Shop</b>${IMG}`, color: '#b91c1c', tier: 'basic', features: { organizationRequests: false } },
            categories: [],
          })
        : undefined,
    );
    const widget = mountWidget({ server });
    widget.run('open');
    await flush();
    expect(byId(widget.root, 'ph-title')!.textContent).toBe(`<b>Shop</b>${IMG}`);
    expect(injected(widget)).toEqual([]);
    expect(handlerAttributes(widget)).toEqual([]);
  });
});

describe('article bodies', () => {
  test('only the server’s sanitized article HTML becomes markup, and it goes through the `porthole` Trusted Types policy', async () => {
    const created: string[] = [];
    const vouched: string[] = [];
    vi.stubGlobal('trustedTypes', {
      createPolicy(name: string, rules: { createHTML(html: string): string }) {
        created.push(name);
        return {
          createHTML(html: string) {
            vouched.push(html);
            // A TrustedHTML stand-in: an object, not a string, that stringifies to the markup.
            return { toString: () => rules.createHTML(html) };
          },
        };
      },
    });
    const server = createFakeServer();
    server.override((call) =>
      call.url.pathname.endsWith('/articles/art_bold')
        ? json({ article: { id: 'art_bold', title: `Bold ${IMG}`, html: '<p><b>Bold</b> move.</p>', updatedAt: '2025-01-01T00:00:00.000Z' } })
        : undefined,
    );
    const widget = mountWidget({ server });
    widget.run('navigate', { article: 'art_bold' });
    await flush();

    expect(created).toEqual(['porthole']);
    expect(vouched).toEqual(['<p><b>Bold</b> move.</p>']);
    expect(byId(widget.root, 'ph-article-title')!.textContent).toBe(`Bold ${IMG}`);
    expect(widget.root.querySelector('.prose b')?.textContent).toBe('Bold');
    expect(injected(widget)).toEqual([]);
    expect(handlerAttributes(widget)).toEqual([]);
  });
});
