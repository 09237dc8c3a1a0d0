// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/checkout"}
/** The panel's link to the site's full-page Help Center: on the home view, to a new tab, in the widget's words. */
import { afterEach, describe, expect, test } from 'vitest';
import { contactMessages } from '../../widget/i18n/en/contact.js';
import { flush, HELP_CENTER_URL, mountWidget, unmountAll } from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const helpCenterLink = (root: ShadowRoot) => root.querySelector<HTMLAnchorElement>('a.help-center-link');

describe('the Help Center link', () => {
  test('the home view links to the site’s Help Center on the server widget.js came from, in a new tab without an opener', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    const link = helpCenterLink(widget.root)!;
    expect(link).not.toBeNull();
    expect(link.getAttribute('href')).toBe(HELP_CENTER_URL);
    expect(link.target).toBe('_blank');
    expect(link.rel.split(' ')).toContain('noopener');
    // Its words come from the widget's tables, and a screen reader hears that a tab opens.
    expect(link.textContent).toContain(contactMessages.helpCenter);
    expect(link.querySelector('.visually-hidden')!.textContent!.trim()).toBe(contactMessages.newTab);
    expect(link.querySelector('[aria-hidden="true"]')).not.toBeNull();
  });

  test('it belongs to the home view: an article and the contact form do not show it', async () => {
    const widget = mountWidget();
    widget.run('navigate', { article: 'art_tentCare01' });
    await flush();
    expect(widget.root.querySelector('.prose')).not.toBeNull();
    expect(helpCenterLink(widget.root)).toBeNull();

    widget.run('navigate', 'contact');
    await flush();
    expect(helpCenterLink(widget.root)).toBeNull();

    widget.run('navigate', 'home');
    await flush();
    expect(helpCenterLink(widget.root)).not.toBeNull();
  });

  test('its style uses logical properties, so a right-to-left page mirrors it', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    const rules = widget.root.adoptedStyleSheets.flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText));
    const linkRule = rules.find((rule) => rule.startsWith('.help-center-link'))!;
    expect(linkRule).toBeDefined();
    expect(linkRule).not.toMatch(/(margin|padding)-(left|right|top|bottom)|\b(left|right):/);
  });
});
