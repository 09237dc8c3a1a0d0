// Light, dark or auto (issue 13), in real Chromium: the panel follows the system's colour scheme
// (auto), a host's `Porthole('config', { theme })` overrides it and can switch it at runtime, the
// text on the site's colour is computed from it, and the Help Center page and the agent inbox go
// dark with the system too. Screenshots of each in dark (test-output/screenshots/theme-*.png).
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { screenshot, watchProblems } from './support/browser.js';
import { realServersAndBrowser } from './support/lifecycle.js';
import { runAxe } from './support/axe.js';
import { demoMembers, launcher, openRequest, openYourRequests, panel, signInAs } from './support/widget.js';
import { openFromQueue, signInToInbox } from './support/inbox.js';

const real = realServersAndBrowser();
const DARK = { background: 'rgb(21, 24, 28)', text: 'rgb(230, 233, 236)' };
const LIGHT = { background: 'rgb(255, 255, 255)', text: 'rgb(31, 41, 51)' };
const SAMS_REQUEST = 'Is the Ridgeline 2 UL warm enough for late-season trips?';

async function openPage(browser: Browser, colorScheme: 'light' | 'dark', bypassCSP = true) {
  // bypassCSP: axe's script tag runs in the page (as in accessibility.test.ts).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, bypassCSP });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { page, problems: watchProblems(page), close: () => context.close() };
}

const colours = (element: Locator) =>
  element.evaluate((node) => {
    const style = getComputedStyle(node);
    return { background: style.backgroundColor, text: style.color };
  });
const panelBox = panel;
const themeOf = (page: Page) => page.locator('porthole-widget >> .ph').first().getAttribute('data-theme');
const config = (page: Page, settings: Record<string, string>) =>
  page.evaluate((value) => (window as unknown as { Porthole: (...args: unknown[]) => void }).Porthole('config', value), settings);

async function expectNoContrastProblem(page: Page, view: string) {
  const report = await runAxe(page);
  expect
    .soft(
      report.violations.filter((rule) => rule.rule === 'color-contrast'),
      view,
    )
    .toEqual([]);
}

describe('the theme', () => {
  it('follows the system (auto), then the host’s config, switching live', async () => {
    const { page, problems, close } = await openPage(real.browser, 'dark');
    await page.goto(`${real.servers.demo.url}/`);
    await launcher(page).click();
    await panel(page).locator('.article-link').first().waitFor();
    expect(await themeOf(page)).toBe('dark');
    expect(await colours(panelBox(page))).toEqual(DARK);
    await screenshot(page, 'theme-dark-home');
    await expectNoContrastProblem(page, 'dark home');

    await config(page, { theme: 'light' });
    await expect.poll(() => themeOf(page)).toBe('light');
    expect(await colours(panelBox(page))).toEqual(LIGHT);

    await config(page, { theme: 'dark' });
    await expect.poll(() => colours(panelBox(page))).toEqual(DARK);

    // Back to auto: the system's setting again, followed as it changes.
    await config(page, { theme: 'auto' });
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => colours(panelBox(page))).toEqual(LIGHT);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => colours(panelBox(page))).toEqual(DARK);

    await panel(page).getByRole('button', { name: 'Contact us' }).click();
    await panel(page).getByLabel('Subject').waitFor();
    expect(await colours(panel(page).getByLabel('Subject'))).toEqual(DARK);
    await screenshot(page, 'theme-dark-contact');
    await expectNoContrastProblem(page, 'dark contact form');
    expect(problems).toEqual([]);
    await close();
  });

  it('puts readable text on the site’s colour, and tints it where it is text on the dark background', async () => {
    const { page, close } = await openPage(real.browser, 'light');
    await page.goto(`${real.servers.demo.url}/`);
    await launcher(page).click();
    const header = panel(page).locator('.header');
    await header.waitFor();
    await config(page, { color: '#ffeb3b' });
    await expect.poll(async () => (await colours(header)).text).toBe('rgb(0, 0, 0)');
    expect((await colours(header)).background).toBe('rgb(255, 235, 59)');
    expect((await colours(launcher(page))).text).toBe('rgb(0, 0, 0)');
    await screenshot(page, 'theme-yellow-light');

    await config(page, { color: '#0f766e' });
    await expect.poll(async () => (await colours(header)).text).toBe('rgb(255, 255, 255)');
    // Teal reads on white as it is; on the dark background it is lightened until links reach 4.5:1.
    const link = panel(page).locator('.article-title').first();
    await link.waitFor();
    expect((await colours(link)).text).toBe('rgb(15, 118, 110)');
    await config(page, { theme: 'dark' });
    await expect.poll(async () => (await colours(link)).text).not.toBe('rgb(15, 118, 110)');
    await expectNoContrastProblem(page, 'dark home in teal');
    await screenshot(page, 'theme-teal-dark');
    await close();
  });

  it('follows the demo shop’s "Widget theme" switch, on this page and the next', async () => {
    const { page, close } = await openPage(real.browser, 'light');
    await page.goto(`${real.servers.demo.url}/`);
    await launcher(page).click();
    await panel(page).locator('.article-link').first().waitFor();
    await page.getByLabel('Widget theme').selectOption('dark');
    await expect.poll(() => colours(panel(page))).toEqual(DARK);
    await page.goto(`${real.servers.demo.url}/shipping`);
    await launcher(page).click();
    await panel(page).locator('.article-link').first().waitFor();
    expect(await colours(panel(page))).toEqual(DARK);
    await close();
  });

  it('fetches the accent’s chunk under the pages’ own strict CSP', async () => {
    const { page, problems, close } = await openPage(real.browser, 'dark', false);
    const inkOn = (element: Locator) => element.evaluate((node) => (node as HTMLElement).style.getPropertyValue('--ph-accent-ink'));
    await page.goto(`${real.servers.demo.url}/`);
    await launcher(page).click();
    await panel(page).locator('.article-link').first().waitFor();
    await expect.poll(() => inkOn(page.locator('porthole-widget >> .ph').first())).toMatch(/^rgb\(/);
    await page.goto(`${real.servers.support.url}/help/demo`);
    await expect.poll(() => inkOn(page.locator('html'))).toMatch(/^rgb\(/);
    expect(problems).toEqual([]);
    await close();
  });

  it('paints a member’s request in dark', async () => {
    const { page, close } = await openPage(real.browser, 'dark');
    await signInAs(page, real.servers.demo.url, demoMembers.sam);
    await openYourRequests(page, 'Sam Whitfield');
    await panel(page).locator('#ph-request-list[aria-busy="false"]').waitFor();
    await screenshot(page, 'theme-dark-member-lists');
    await expectNoContrastProblem(page, 'dark member lists');
    await openRequest(page, SAMS_REQUEST);
    expect(await colours(panelBox(page))).toEqual(DARK);
    await screenshot(page, 'theme-dark-member-request');
    await expectNoContrastProblem(page, 'dark member request');
    await close();
  });

  it('darkens the Help Center page with the system', async () => {
    const { page, problems, close } = await openPage(real.browser, 'dark');
    await page.goto(`${real.servers.support.url}/help/demo`);
    await page.locator('#help >> .article-link').first().waitFor();
    expect(await colours(page.locator('body'))).toEqual(DARK);
    expect(await page.locator('#help >> .ph').first().getAttribute('data-theme')).toBe('dark');
    await screenshot(page, 'theme-dark-help-center');
    await expectNoContrastProblem(page, 'dark Help Center');
    await page.locator('#help >> .article-link').first().click();
    await page.locator('#help >> .prose').first().waitFor();
    await screenshot(page, 'theme-dark-help-center-article');
    await expectNoContrastProblem(page, 'dark Help Center article');
    await page.locator('#help').getByRole('link', { name: 'Sign in' }).click();
    await page.locator('#help').getByLabel('Password').waitFor();
    await screenshot(page, 'theme-dark-help-center-sign-in');
    await expectNoContrastProblem(page, 'dark Help Center sign-in');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => colours(page.locator('body'))).toEqual(LIGHT);
    expect(problems).toEqual([]);
    await close();
  });

  it('darkens the agent inbox with the system', async () => {
    const { page, close } = await openPage(real.browser, 'dark');
    await signInToInbox(page, real.servers.support.url);
    expect((await colours(page.locator('body'))).background).toBe(DARK.background);
    await screenshot(page, 'theme-dark-inbox');
    await expectNoContrastProblem(page, 'dark inbox');
    await openFromQueue(page, SAMS_REQUEST, 993);
    await screenshot(page, 'theme-dark-inbox-request');
    await expectNoContrastProblem(page, 'dark inbox request');
    await close();
  });
});
