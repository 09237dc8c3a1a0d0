// Issue 13's "with any ability, on any screen", in real Chromium: the member lists' tabs are a tab
// list driven by the keyboard (arrows mirrored right to left, Home/End, one tab in the Tab order);
// focus comes back to the row or link that opened a view, and Escape returns it to the launcher; a
// reply from support on the open request is announced politely; the inbox's queue and panes are
// reached by Tab; and at 200 % and 400 % zoom (640
// and 320 CSS px wide) nothing scrolls sideways, the tabs stay one line, a request row's date stays
// on its second line, phone inputs are 16 px and every control is at least 24 × 24 px.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, watchProblems } from './support/browser.js';
import { aMemberAndAnAgent } from './support/lifecycle.js';
import { demoMembers, openRequest, signInAs, type DemoMember } from './support/widget.js';
import { openFromQueue, queueRow, sendPublicReply, signInToInbox } from './support/inbox.js';

const world = aMemberAndAnAgent();
const SAMS_REQUEST = 'Is the Ridgeline 2 UL warm enough for late-season trips?';

/** What has focus inside the widget's shadow root: its id, or its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('porthole-widget')?.shadowRoot?.activeElement;
    return active ? active.id || active.textContent?.trim() || active.className : null;
  });

/** A fresh page at `viewport`, with the member signed in on the demo shop and the panel open on their requests. */
async function memberPanel(viewport: { width: number; height: number }, member: DemoMember = demoMembers.sam) {
  const phone = viewport.width < 640;
  const context = await world.member.context.browser()!.newContext({ viewport, isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = watchProblems(page);
  await signInAs(page, world.servers.demo.url, member);
  const views = page.locator('.panel');
  await page.locator('.launcher').click();
  await views.locator('.member-entry').click();
  await views.locator('#ph-title', { hasText: 'Northwind Outfitters' }).waitFor();
  await views.locator('#ph-request-list[aria-busy="false"] .request-row').first().waitFor();
  return { page, views, problems, close: () => context.close() };
}

describe('the keyboard reaches and drives everything', () => {
  it('the member tabs: arrows choose the next or previous tab (mirrored right to left), Home/End the first/last, one tab in the Tab order', async () => {
    const { page, views, problems, close } = await memberPanel({ width: 1280, height: 900 }, demoMembers.avery);
    const tabs = views.getByRole('tab');
    const chosen = () => views.locator('[role=tab][aria-selected=true]').getAttribute('id');
    const inTabOrder = () => views.locator('[role=tab][tabindex="0"]').count();
    expect(await tabs.count()).toBe(3);
    await views.locator('#ph-tab-mine').focus();

    for (const [key, tab] of [
      ['ArrowRight', 'ph-tab-ccd'],
      ['End', 'ph-tab-org'],
      ['ArrowRight', 'ph-tab-mine'], // wraps around
      ['ArrowLeft', 'ph-tab-org'],
      ['Home', 'ph-tab-mine'],
    ]) {
      await page.keyboard.press(key);
      expect(await focused(page), key).toBe(tab);
      expect(await chosen(), key).toBe(tab);
      expect(await inTabOrder(), key).toBe(1);
    }
    expect(await views.locator('#ph-request-list').getAttribute('aria-labelledby')).toBe('ph-tab-mine');

    // Right to left the arrows swap: the one pointing left moves on.
    await views.getByRole('tablist').evaluate((list) => list.setAttribute('dir', 'rtl'));
    await page.keyboard.press('ArrowLeft');
    expect(await chosen()).toBe('ph-tab-ccd');
    await page.keyboard.press('ArrowRight');
    expect(await chosen()).toBe('ph-tab-mine');
    expect(problems).toEqual([]);
    await close();
  });

  it('focus returns to the row or link that opened a view, and Escape closes the panel onto the launcher', async () => {
    const { page, views, problems, close } = await memberPanel({ width: 1280, height: 900 });
    const back = views.locator('.header .icon-button').first();

    await views.locator('.request-row').filter({ hasText: SAMS_REQUEST }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('ph-request-title');
    await back.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toContain(SAMS_REQUEST);

    await back.focus();
    await page.keyboard.press('Enter'); // home
    await expect.poll(() => focused(page)).toBe('ph-search');
    const link = views.locator('.article-link').first();
    const title = (await link.locator('.article-title').textContent()) ?? '';
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('ph-article-title');
    await back.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toContain(title);

    await page.keyboard.press('Escape');
    await expect(views.isHidden()).resolves.toBe(true);
    expect(await page.evaluate(() => document.querySelector('porthole-widget')?.shadowRoot?.activeElement?.className)).toBe('launcher');
    expect(problems).toEqual([]);
    await close();
  });

  it('a reply from support on the open request is announced in its polite live region', async () => {
    const { page, views, problems, close } = await memberPanel({ width: 1280, height: 900 });
    await openRequest(page, SAMS_REQUEST, views);
    const region = views.locator('.request [aria-live="polite"]');
    expect(await region.textContent()).toBe('');

    const agent = world.agent.page;
    await signInToInbox(agent, world.servers.support.url);
    const href = await queueRow(agent, SAMS_REQUEST).getAttribute('href');
    await openFromQueue(agent, SAMS_REQUEST, Number(/(\d+)$/.exec(href ?? '')?.[1]));
    await sendPublicReply(agent, 'Yes: it is rated to -5 °C.');

    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toContain('New reply from Riley');
    expect(problems).toEqual([]);
    await close();
  });

  it('the inbox: Tab reaches the queue rows, Enter opens one and focus moves to its title, Tab goes on into the pane', async () => {
    // A browser of the agent's own: the live-region test above left Riley signed in in theirs.
    const context = await world.agent.context.browser()!.newContext({ viewport: { width: 1280, height: 900 } });
    const agent = await context.newPage();
    await signInToInbox(agent, world.servers.support.url);
    const row = queueRow(agent, SAMS_REQUEST);
    // From the page's start, by Tab alone (no pointer), to the row.
    await agent.locator('body').focus();
    for (let presses = 0; presses < 40 && !(await row.evaluate((link) => link === document.activeElement)); presses++) await agent.keyboard.press('Tab');
    expect(await row.evaluate((link) => link === document.activeElement)).toBe(true);
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.id)).toBe('request-title');
    await agent.keyboard.press('Tab');
    expect(await agent.evaluate(() => Boolean(document.activeElement?.closest('#detail')))).toBe(true);
    await context.close();
  });
});

/** Nothing in the panel (nor the page) scrolls sideways. */
async function expectNoSidewaysScroll(views: Locator, what: string) {
  const overflow = await views.evaluate((panel) => {
    const body = panel.querySelector('.body') as HTMLElement;
    return { body: body.scrollWidth - body.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
  });
  expect.soft(overflow, `${what}: sideways scroll`).toEqual({ body: 0, page: 0 });
}

/** Every control the panel shows is at least 24 × 24 CSS px (links inside text are exempt, as WCAG 2.5.8 says). */
async function expectTargetsOf24(views: Locator, what: string) {
  const small = await views.evaluate((panel) =>
    Array.from(panel.querySelectorAll<HTMLElement>('button, input:not([type=file]), select, textarea, a'))
      .filter((control) => control.offsetParent && !control.closest('.prose, .visually-hidden, .trap'))
      .map((control) => ({ control: control.id || control.className || control.tagName, rect: control.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width < 24 || rect.height < 24)
      .map(({ control, rect }) => `${control} ${Math.round(rect.width)}×${Math.round(rect.height)}`),
  );
  expect.soft(small, `${what}: targets under 24 px`).toEqual([]);
}

describe('reflow at 200 % and 400 % zoom, and on a phone', () => {
  for (const [zoom, viewport] of [
    ['200', { width: 640, height: 800 }],
    ['400', { width: 320, height: 640 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`${zoom}: home, the contact form with its errors, a member's lists and a request fit the width`, async () => {
      const { page, views, problems, close } = await memberPanel(viewport, demoMembers.avery);
      const shot = (view: string) => screenshot(page, `reflow-${zoom}-${view}`);
      const narrow = viewport.width < 640;

      // The lists: the tabs stay on one line (scrolling inside their strip if they must); each row's date on its second line.
      const tabTops = await views.getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => tab.getBoundingClientRect().top));
      expect.soft(new Set(tabTops).size, 'the tabs on one line').toBe(1);
      const rows = await views.locator('.request-row').evaluateAll((buttons) =>
        buttons.map((row) => {
          const [subject, date] = [row.querySelector('.request-subject')!, row.querySelector('.request-meta > span:last-child')!];
          const line = parseFloat(getComputedStyle(date).lineHeight) || 18;
          return {
            below: date.getBoundingClientRect().top >= subject.getBoundingClientRect().bottom - 1,
            oneLine: date.getBoundingClientRect().height < line * 1.5,
          };
        }),
      );
      expect
        .soft(
          rows.every((row) => row.below && row.oneLine),
          'each date one line, under the subject',
        )
        .toBe(true);
      await expectNoSidewaysScroll(views, `${zoom} lists`);
      await expectTargetsOf24(views, `${zoom} lists`);
      await shot('member-lists');

      await views.locator('.request-row').first().click();
      await views.locator('#ph-request-title').waitFor();
      await views.locator('#ph-reply').waitFor();
      if (narrow) expect.soft(await views.locator('#ph-reply').evaluate((box) => getComputedStyle(box).fontSize), 'reply text size').toBe('16px');
      await expectNoSidewaysScroll(views, `${zoom} request`);
      await expectTargetsOf24(views, `${zoom} request`);
      await shot('request');

      await views.locator('.header .icon-button').first().click(); // back to the lists
      await views.locator('.header .icon-button').first().click(); // home
      await views.locator('.article-link').first().waitFor();
      if (narrow) expect.soft(await views.locator('#ph-search').evaluate((input) => getComputedStyle(input).fontSize), 'search text size').toBe('16px');
      await expectNoSidewaysScroll(views, `${zoom} home`);
      await expectTargetsOf24(views, `${zoom} home`);
      await shot('home');

      await views.locator('.contact-prompt .primary').click();
      await views.locator('#ph-subject').waitFor();
      await views.locator('form.form button[type=submit]').click();
      await views.locator('[aria-invalid="true"]').first().waitFor();
      if (narrow) expect.soft(await views.locator('#ph-subject').evaluate((input) => getComputedStyle(input).fontSize), 'field text size').toBe('16px');
      await expectNoSidewaysScroll(views, `${zoom} contact errors`);
      await expectTargetsOf24(views, `${zoom} contact errors`);
      await shot('contact-errors');
      expect(problems).toEqual([]);
      await close();
    });
  }
});
