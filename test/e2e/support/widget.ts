/**
 * A member's side of browser tests: the demo shop's own sign-in strip, and the widget's panel on
 * its pages, driven as a person would. Every helper takes the page it drives.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Demo members (server/seed/seed-content.ts): the shop's sign-in value, and how its header names them. */
export const demoMembers = {
  avery: { sub: 'nw-1001', who: 'Avery Lindqvist (Basecamp Guides Co.)' },
  jonas: { sub: 'nw-1002', who: 'Jonas Okafor (Basecamp Guides Co.)' },
  mira: { sub: 'nw-1003', who: 'Mira Castellanos (Trailhead Scouts)' },
  sam: { sub: 'nw-1004', who: 'Sam Whitfield' },
};
export type DemoMember = (typeof demoMembers)[keyof typeof demoMembers];

const header = (page: Page) => page.locator('header.site-header');
export const launcher = (page: Page) => page.getByRole('button', { name: 'Support', exact: true });
export const panel = (page: Page) => page.getByRole('dialog');
export const requestRow = (page: Page, text: string) => panel(page).locator('.request-row').filter({ hasText: text });
export const message = (page: Page, text: string) => panel(page).locator('.thread .message').filter({ hasText: text });
/** The status badge of the request open in the panel. */
export const requestBadge = (page: Page) => panel(page).locator('#ph-request-title + .request-meta .badge');

/** The shop's own sign-in strip on `demoUrl`: sign out whoever is signed in, then pick the member and sign in. */
export async function signInAs(page: Page, demoUrl: string, member: DemoMember): Promise<void> {
  if (!page.url().startsWith(demoUrl)) await page.goto(`${demoUrl}/account`);
  const signOut = header(page).getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible()) {
    await signOut.click();
    await header(page).getByLabel('Demo member').waitFor();
  }
  await header(page).getByLabel('Demo member').selectOption(member.sub);
  await header(page).getByRole('button', { name: 'Sign in', exact: true }).click();
  await header(page).getByText(`Signed in as ${member.who}`, { exact: true }).waitFor();
}

/** Support → "Your requests" (which names the member) → the list of requests. */
export async function openYourRequests(page: Page, name: string): Promise<void> {
  await launcher(page).click();
  const entry = panel(page).getByRole('button', { name: /^Your requests/ });
  await entry.waitFor();
  expect(await entry.innerText()).toContain(`Signed in as ${name}`);
  await entry.click();
  await panel(page).getByRole('heading', { name: 'Your requests' }).waitFor();
  // The site's settings have arrived (the panel is titled with the site's name): which tabs show depends on them.
  await panel(page).getByRole('heading', { name: 'Northwind Outfitters' }).waitFor();
}

/**
 * Opens the listed request titled `subject` and waits until the panel shows it; `views`: where the
 * panel's views are, when not in the widget's dialog (the Help Center page's #help).
 */
export async function openRequest(page: Page, subject: string, views = panel(page)): Promise<void> {
  await views.locator('.request-row').filter({ hasText: subject }).click();
  await expect
    .poll(() =>
      views
        .locator('#ph-request-title')
        .innerText()
        .catch(() => ''),
    )
    .toBe(subject);
}

/** Fills the panel's "Contact us" form (open already) with a category that asks nothing more, sends it, and returns the new request's number. */
export async function sendRequest(page: Page, request: { category: string; subject: string; description: string; cc?: string }): Promise<number> {
  await panel(page).getByLabel('What is this about?').selectOption({ label: request.category });
  await panel(page).getByLabel('Subject').fill(request.subject);
  await panel(page).getByLabel('How can we help?').fill(request.description);
  if (request.cc) await panel(page).getByLabel('CC (optional)').fill(request.cc);
  await panel(page).getByRole('button', { name: 'Send request' }).click();
  await panel(page).getByText('Request sent').waitFor();
  return Number(/Your request #(\d+) has reached/.exec(await panel(page).innerText())?.[1]);
}
