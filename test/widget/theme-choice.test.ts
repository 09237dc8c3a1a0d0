// @vitest-environment happy-dom
/**
 * Which theme the panel paints in (widget/panel/theme.ts): the host's `Porthole('config', { theme })`,
 * else the site's default from its config, else auto (the system's colour scheme: light here) — as
 * `data-theme` on the panel's `.ph` container, set before the first paint and changed at runtime.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createFakeServer, flush, json, mountWidget, siteConfig, unmountAll } from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const themeOf = (root: ShadowRoot) => root.querySelector<HTMLElement>('.ph')!.dataset.theme;

function siteWithTheme(theme: 'light' | 'dark' | 'auto') {
  const server = createFakeServer();
  server.override((call) => (call.url.pathname.endsWith('/config') ? json({ ...siteConfig, site: { ...siteConfig.site, theme } }) : undefined));
  return server;
}

describe('the theme', () => {
  test('is auto (the system’s, light here) before the site’s config arrives, then the site’s default', async () => {
    const widget = mountWidget({ server: siteWithTheme('dark') });
    expect(themeOf(widget.root)).toBe('light');
    await flush();
    expect(themeOf(widget.root)).toBe('dark');
  });

  test('a site default of auto follows the system', async () => {
    const widget = mountWidget({ server: siteWithTheme('auto') });
    await flush();
    expect(themeOf(widget.root)).toBe('light');
  });

  test('the host’s choice comes before the site’s and switches at runtime; its auto is the system’s', async () => {
    const widget = mountWidget({ server: siteWithTheme('light') });
    await flush();
    widget.run('config', { theme: 'dark' });
    expect(themeOf(widget.root)).toBe('dark');
    widget.run('config', { theme: 'light' });
    expect(themeOf(widget.root)).toBe('light');
    widget.run('config', { theme: 'dark' });
    widget.run('config', { theme: 'auto' });
    expect(themeOf(widget.root)).toBe('light');
  });

  test('a theme the panel does not know is auto', async () => {
    const widget = mountWidget({ server: siteWithTheme('auto') });
    widget.run('config', { theme: 'sepia' });
    await flush();
    expect(themeOf(widget.root)).toBe('light');
  });
});
