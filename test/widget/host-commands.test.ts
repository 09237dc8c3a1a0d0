// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/checkout"}
/** What a host page's `Porthole(...)` commands and the keyboard do to the panel. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  buttonByText,
  byId,
  CATEGORY,
  createFakeServer,
  deferred,
  flush,
  HELP_CENTER_URL,
  json,
  mountWidget,
  siteConfig,
  sleep,
  typeInto,
  unmountAll,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const events = (emit: ReturnType<typeof vi.fn>) => emit.mock.calls.map(([event]) => event);

describe('closing', () => {
  test('Escape inside the panel closes it, puts focus back on the Support button and tells the host', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    const search = byId<HTMLInputElement>(widget.root, 'ph-search')!;
    expect(widget.root.activeElement).toBe(search);
    const pageHeard = vi.fn();
    document.addEventListener('keydown', pageHeard);

    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await flush();
    document.removeEventListener('keydown', pageHeard);

    expect(widget.dialog().hidden).toBe(true);
    expect(widget.launcher.getAttribute('aria-expanded')).toBe('false');
    expect(widget.root.activeElement).toBe(widget.launcher);
    expect(document.activeElement).toBe(widget.host);
    expect(events(widget.emit)).toEqual(['open', 'close']);
    // The host page's own Escape handling (e.g. its modal) is not triggered by the widget's.
    expect(pageHeard).not.toHaveBeenCalled();
  });

  test('other keys do not close the panel', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    byId(widget.root, 'ph-search')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flush();
    expect(widget.dialog().hidden).toBe(false);
  });

  test('the close button closes the panel and returns focus to the Support button', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Close support"]')!.click();
    await flush();
    expect(widget.dialog().hidden).toBe(true);
    expect(widget.root.activeElement).toBe(widget.launcher);
    expect(events(widget.emit)).toEqual(['open', 'close']);
  });

  test('`close` on a closed panel does nothing and tells the host nothing', async () => {
    const widget = mountWidget();
    await flush();
    widget.run('close');
    await flush();
    expect(widget.emit).not.toHaveBeenCalled();
    expect(widget.root.activeElement).toBeNull();
  });
});

describe('navigate to the Help Center', () => {
  test('`navigate` "helpcenter" opens the site’s Help Center in a new tab, without an opener, and leaves the panel as it was', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const widget = mountWidget();
    await flush();
    widget.run('navigate', 'helpcenter');
    await flush();
    expect(opened).toHaveBeenCalledTimes(1);
    const [url, target, features] = opened.mock.calls[0]!;
    expect(String(url)).toBe(HELP_CENTER_URL);
    expect([target, features]).toEqual(['_blank', 'noopener']);
    expect(widget.dialog().hidden).toBe(true);
    expect(widget.emit).not.toHaveBeenCalled();
    opened.mockRestore();
  });

  test('queued before the panel loaded, it is replayed like the other commands', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    mountWidget({ pending: [['navigate', 'helpcenter']] });
    await flush();
    expect(opened.mock.calls.map(([url]) => String(url))).toEqual([HELP_CENTER_URL]);
    opened.mockRestore();
  });

  test('an unknown target is ignored, as every unknown `navigate` target is: no tab, no panel', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const widget = mountWidget();
    await flush();
    for (const target of ['help-center', 'HelpCenter', { helpcenter: true }, undefined]) widget.run('navigate', target);
    await flush();
    expect(opened).not.toHaveBeenCalled();
    expect(widget.dialog().hidden).toBe(true);
    expect(widget.emit).not.toHaveBeenCalled();
    opened.mockRestore();
  });
});

describe('open, toggle and navigate', () => {
  test('`toggle` and the Support button open and close the panel', async () => {
    const widget = mountWidget();
    await flush();
    widget.run('toggle');
    await flush();
    expect(widget.dialog().hidden).toBe(false);
    widget.run('toggle');
    await flush();
    expect(widget.dialog().hidden).toBe(true);

    widget.launcher.click();
    await flush();
    expect(widget.dialog().hidden).toBe(false);
    expect(widget.launcher.getAttribute('aria-expanded')).toBe('true');
    widget.launcher.click();
    await flush();
    expect(widget.dialog().hidden).toBe(true);
    expect(events(widget.emit)).toEqual(['open', 'close', 'open', 'close']);
  });

  test('`open` twice opens once', async () => {
    const widget = mountWidget();
    widget.run('open');
    widget.run('open');
    await flush();
    expect(events(widget.emit)).toEqual(['open']);
  });

  test('`navigate` "contact" opens the panel on the contact form', async () => {
    const widget = mountWidget();
    widget.run('navigate', 'contact');
    await flush();
    expect(widget.dialog().hidden).toBe(false);
    const heading = byId(widget.root, 'ph-contact-heading')!;
    expect(heading.textContent).toBe('Contact us');
    expect(widget.root.activeElement).toBe(heading);
    expect(byId(widget.root, 'ph-search')).toBeNull();
    expect(events(widget.emit)).toEqual(['open']);

    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await flush();
    expect(byId(widget.root, 'ph-search')).not.toBeNull();
  });

  test('focus moves into the panel once a slow contact form or article has loaded', async () => {
    const server = createFakeServer();
    const config = deferred<Response>();
    const article = deferred<Response>();
    server.override((call) => (call.url.pathname.endsWith('/config') ? config.promise : undefined));
    server.override((call) => (call.url.pathname.endsWith('/articles/art_tentCare01') ? article.promise : undefined));
    const widget = mountWidget({ server });
    widget.run('navigate', 'contact');
    await sleep(60); // longer than a frame: the view has opened and shown "Loading…"
    expect(widget.root.querySelector('.body')?.textContent).toBe('Loading…');
    config.resolve(json(siteConfig));
    await sleep(60);
    expect(widget.root.activeElement).toBe(byId(widget.root, 'ph-contact-heading'));

    // Typing in the form is not interrupted by anything that loads later.
    const subject = byId<HTMLInputElement>(widget.root, 'ph-subject')!;
    typeInto(subject, 'Hello');
    widget.run('suggest', { query: 'tents' });
    await sleep(60);
    expect(widget.root.activeElement).toBe(subject);

    widget.run('navigate', { article: 'art_tentCare01' });
    await sleep(60);
    article.resolve(json({ article: { id: 'art_tentCare01', title: 'Caring for your tent', html: '<p>Dry it.</p>', updatedAt: '2025-01-01T00:00:00.000Z' } }));
    await sleep(60);
    expect(widget.root.activeElement).toBe(byId(widget.root, 'ph-article-title'));
  });

  test('`navigate` { article } opens the panel on that article', async () => {
    const widget = mountWidget();
    widget.run('navigate', { article: 'art_returns002' });
    await flush();
    expect(widget.dialog().hidden).toBe(false);
    expect(widget.server.articleReads().map((c) => c.url.pathname)).toEqual(['/api/v1/sites/demo/articles/art_returns002']);
    expect(byId(widget.root, 'ph-article-title')?.textContent).toBe('Returns and exchanges');
    expect(widget.root.querySelector('.prose a')?.getAttribute('href')).toBe('https://example.com/returns');
  });

  test('navigating to another article while one is loading shows the one asked for last', async () => {
    const server = createFakeServer();
    const slow = deferred<Response>();
    server.override((call) => (call.url.pathname.endsWith('/articles/art_tentCare01') ? slow.promise : undefined));
    const widget = mountWidget({ server });
    widget.run('navigate', { article: 'art_tentCare01' });
    await flush();
    widget.run('navigate', { article: 'art_returns002' });
    await flush();
    slow.resolve(json({ article: { id: 'art_tentCare01', title: 'Caring for your tent', html: '<p>x</p>', updatedAt: '2025-01-01T00:00:00.000Z' } }));
    await flush();
    expect(byId(widget.root, 'ph-article-title')?.textContent).toBe('Returns and exchanges');
  });

  test('commands queued before the panel loaded are replayed in order', async () => {
    const widget = mountWidget({
      pending: [
        ['navigate', 'contact'],
        ['prefill', { subject: 'Broken zip' }],
      ],
    });
    await flush();
    expect(widget.dialog().hidden).toBe(false);
    expect(byId<HTMLInputElement>(widget.root, 'ph-subject')?.value).toBe('Broken zip');
  });
});

describe('prefill', () => {
  test('a category given by name is chosen once the config has loaded', async () => {
    const server = createFakeServer();
    const config = deferred<Response>();
    server.override((call) => (call.url.pathname.endsWith('/config') ? config.promise : undefined));
    // Queued before the panel loaded, as a host page would: config is not there yet.
    const widget = mountWidget({
      server,
      pending: [
        ['prefill', { category: 'orders & SHIPPING', subject: 'Parcel never arrived' }],
        ['navigate', 'contact'],
      ],
    });
    await flush();
    expect(widget.root.querySelector('.form')).toBeNull(); // still loading

    config.resolve(json(siteConfig));
    await flush();
    const category = byId<HTMLSelectElement>(widget.root, 'ph-category')!;
    expect(category.value).toBe(CATEGORY.orders);
    expect(category.selectedOptions[0]?.textContent).toBe('Orders & shipping');
    expect(byId(widget.root, 'ph-field-orderNumber')).not.toBeNull();
    expect(byId<HTMLInputElement>(widget.root, 'ph-subject')?.value).toBe('Parcel never arrived');
  });

  test('after the config has loaded, a category given by id or by name is chosen at once', async () => {
    const widget = mountWidget();
    widget.run('navigate', 'contact');
    await flush();
    widget.run('prefill', { category: CATEGORY.product });
    await flush();
    expect(byId<HTMLSelectElement>(widget.root, 'ph-category')?.value).toBe(CATEGORY.product);
    expect(byId(widget.root, 'ph-field-productType')).not.toBeNull();

    widget.run('prefill', { category: 'Billing & payments', email: 'sam@example.org', name: 'Sam' });
    await flush();
    expect(byId<HTMLSelectElement>(widget.root, 'ph-category')?.value).toBe(CATEGORY.billing);
    expect(byId<HTMLInputElement>(widget.root, 'ph-email')?.value).toBe('sam@example.org');
    expect(byId<HTMLInputElement>(widget.root, 'ph-name')?.value).toBe('Sam');
  });

  test('an unknown category leaves the choice to the visitor and keeps what they typed', async () => {
    const widget = mountWidget();
    widget.run('navigate', 'contact');
    await flush();
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'My own words');
    await flush();
    widget.run('prefill', { category: 'Warranty claims' });
    await flush();
    expect(byId<HTMLSelectElement>(widget.root, 'ph-category')?.value).toBe('');
    expect(byId<HTMLInputElement>(widget.root, 'ph-subject')?.value).toBe('My own words');
  });

  test('the prefilled request is what gets sent', async () => {
    const widget = mountWidget({
      pending: [['prefill', { category: 'Account & sign-in', subject: 'Locked out', description: 'Too many attempts.', email: 'sam@example.org' }]],
    });
    widget.run('navigate', 'contact');
    await flush();
    buttonByText(widget.root, 'Send request').click();
    await flush();
    expect(widget.server.posts().map((p) => p.body)).toEqual([
      { categoryId: CATEGORY.account, subject: 'Locked out', description: 'Too many attempts.', email: 'sam@example.org', locale: 'en' },
    ]);
  });
});
