// The widget and the host page leave each other alone: hostile host CSS does not change the widget,
// the widget does not change the host page, and on a phone the panel fills the screen.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, watchProblems } from './support/browser.js';
import { realServersAndBrowser } from './support/lifecycle.js';

const real = realServersAndBrowser();

const launcher = (page: Page) => page.getByRole('button', { name: 'Support', exact: true });

async function openPanel(page: Page, path: string) {
  await page.goto(`${real.servers.demo.url}${path}`);
  await launcher(page).click();
  await page.getByRole('dialog').locator('.article-title').first().waitFor();
  // Settled: the exact colours on the site's colour, which come after the first view, have been painted.
  await page.waitForFunction(() => {
    const launcher = document.querySelector('porthole-widget')?.shadowRoot?.querySelector<HTMLElement>('.launcher');
    return Boolean(launcher?.style.getPropertyValue('--ph-on-accent'));
  });
}

/** How the widget looks, as numbers and strings a person would notice. */
const widgetLooks = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('porthole-widget')!.shadowRoot!;
    const pick = (selector: string) => {
      const element = root.querySelector(selector)!;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return {
        font: `${style.fontFamily} ${style.fontSize} ${style.fontWeight} ${style.lineHeight}`,
        color: style.color,
        background: style.backgroundColor,
        transform: style.textTransform,
        spacing: style.letterSpacing,
        size: `${Math.round(box.width)}x${Math.round(box.height)}`,
      };
    };
    return {
      launcher: pick('.launcher'),
      panel: pick('.panel'),
      title: pick('.title'),
      search: pick('#ph-search'),
      article: pick('.article-title'),
      contact: pick('.primary'),
    };
  });

/** How the host page looks: computed styles of its own elements. */
const hostLooks = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('body, body *:not(script)')).map((element) => {
      const style = getComputedStyle(element);
      return `${element.tagName} ${style.display} ${style.fontFamily} ${style.fontSize} ${style.color} ${style.overflow} ${style.position}`;
    }),
  );

describe('the widget on a host page', () => {
  it('looks exactly the same on a page with hostile CSS (62.5% root font, !important everywhere)', async () => {
    const page = await real.browser.newPage({ viewport: { width: 1280, height: 860 } });
    await openPanel(page, '/billing');
    const normal = await widgetLooks(page);
    await openPanel(page, '/stress');
    const hostile = await widgetLooks(page);
    await screenshot(page, 'hostile-css-page');
    expect(hostile).toEqual(normal);
    expect(normal.launcher.font).toMatch(/15px/);
    await page.close();
  });

  it('does not change the host page: its elements, styles and globals stay as they were', async () => {
    const page = await real.browser.newPage({ viewport: { width: 1280, height: 860 } });
    const globals = () => page.evaluate(() => Object.keys(window).sort());
    await page.route('**/widget.js', (route) => route.abort());
    await page.goto(`${real.servers.demo.url}/stress`);
    const without = { looks: await hostLooks(page), globals: await globals(), sheets: await page.evaluate(() => document.styleSheets.length) };
    await page.unroute('**/widget.js');

    await openPanel(page, '/stress');
    const withWidget = { looks: await hostLooks(page), globals: await globals(), sheets: await page.evaluate(() => document.styleSheets.length) };
    expect(withWidget).toEqual(without);
    // One element was added, outside <body>, and nothing else.
    expect(await page.evaluate(() => Array.from(document.documentElement.children).map((e) => e.tagName.toLowerCase()))).toEqual([
      'head',
      'body',
      'porthole-widget',
    ]);
    await page.close();
  });

  it('fills a phone screen, keeps the page behind it from scrolling, and gives scrolling back on close', async () => {
    const page = await real.browser.newPage({ viewport: { width: 390, height: 760 }, hasTouch: true });
    await openPanel(page, '/shipping');
    const box = await page.getByRole('dialog').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 760 });
    const overflow = () => page.evaluate(() => getComputedStyle(document.documentElement).overflow);
    expect(await overflow()).toBe('hidden');
    // A person's scrolling (wheel or swipe) over the panel moves the panel, never the page.
    await page.mouse.move(200, 400);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 600);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await screenshot(page, 'phone-panel');
    await page.getByRole('button', { name: 'Close support' }).click();
    expect(await overflow()).toBe('visible');
    await page.close();
  });

  it('runs commands queued before it loaded, in order, and reports its events', async () => {
    const page = await real.browser.newPage();
    const problems = watchProblems(page);
    await page.addInitScript(() => {
      const w = window as unknown as { Porthole: ((...args: unknown[]) => void) & { q?: unknown[] }; events: string[] };
      w.events = [];
      w.Porthole = function (...args: unknown[]) {
        (w.Porthole.q = w.Porthole.q || []).push(args);
      };
      w.Porthole('config', { color: '#b91c1c', position: 'left' });
      w.Porthole('on', 'ready', () => w.events.push('ready'));
      w.Porthole('on', 'open', () => w.events.push('open'));
      w.Porthole('on', 'close', () => w.events.push('close'));
      w.Porthole('prefill', { subject: 'Where is my order?', category: 'Orders & shipping' });
    });
    await page.goto(`${real.servers.demo.url}/`);
    await launcher(page).waitFor();
    const launcherBox = await launcher(page).boundingBox();
    expect(launcherBox!.x).toBeLessThan(100);
    expect(await launcher(page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(185, 28, 28)');

    await page.evaluate(() => (window as unknown as { Porthole: (...a: unknown[]) => void }).Porthole('navigate', 'contact'));
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() =>
        dialog
          .getByLabel('Subject')
          .inputValue()
          .catch(() => ''),
      )
      .toBe('Where is my order?');
    expect(await dialog.getByLabel('What is this about?').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('Orders & shipping');
    await page.evaluate(() => (window as unknown as { Porthole: (...a: unknown[]) => void }).Porthole('close'));
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (window as unknown as { events: string[] }).events)).toEqual(['ready', 'open', 'close']);

    // A second copy of the loader on the same page changes nothing.
    await page.addScriptTag({ url: `${real.servers.support.url}/widget.js` });
    expect(await page.locator('porthole-widget').count()).toBe(1);

    await page.evaluate(() => (window as unknown as { Porthole: (...a: unknown[]) => void }).Porthole('config', { hideLauncher: true }));
    await launcher(page).waitFor({ state: 'hidden' });
    await page.evaluate(() => (window as unknown as { Porthole: (...a: unknown[]) => void }).Porthole('open'));
    await dialog.waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
