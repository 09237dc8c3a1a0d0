/**
 * The support team's side of browser tests: the agent inbox at `<support server>/agent`, signed in
 * as the seeded demo agent, driven as Riley would. Every helper takes the page it drives.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { DEV_DEMO_AGENT_PASSWORD } from '../../../server/config.js';

export const queueRow = (page: Page, subject: string) => page.locator('.queue a.row').filter({ hasText: subject });
export const historyEntry = (page: Page, text: string) => page.locator('#detail .history li').filter({ hasText: text });
/** The status badge of the request open in the detail pane. */
export const detailBadge = (page: Page) => page.locator('#detail .request-meta .badge');

/** Riley (riley@northwind.example) signs in to the inbox of the support server at `supportUrl`. */
export async function signInToInbox(page: Page, supportUrl: string): Promise<void> {
  await page.goto(`${supportUrl}/agent`);
  await page.getByRole('heading', { name: 'Sign in to the support inbox' }).waitFor();
  await page.getByLabel('Email').fill('riley@northwind.example');
  await page.getByLabel('Password').fill(DEV_DEMO_AGENT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.locator('.topbar .agent-name').getByText('Riley Chen').waitFor();
}

/** Opens request #`number` from its queue row and waits until the detail pane shows it. */
export async function openFromQueue(page: Page, subject: string, number: number): Promise<void> {
  await queueRow(page, subject).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/agent/requests/${number}`);
  await expect
    .poll(() =>
      page
        .locator('#request-title')
        .innerText()
        .catch(() => ''),
    )
    .toBe(subject);
}

/** Sends `text` as a public reply on the open request and waits until its history shows it. */
export async function sendPublicReply(page: Page, text: string): Promise<void> {
  await page.getByLabel('Reply to the customer').fill(text);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
  await historyEntry(page, text).waitFor();
}
