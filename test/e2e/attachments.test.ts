// Files in a conversation, both ways, in real Chromium against real servers (issue 12): Sam attaches
// a photo and a receipt to his request in the widget on the demo host (under its strict CSP) and
// sees the photo previewed; Riley sees both in the inbox and downloads them byte for byte, then
// answers with files of his own, which Sam's open panel shows and downloads. A visitor who is not
// signed in attaches a file to the contact form, and Riley downloads it from the new request. Pages, drawings and
// scripts are refused at upload, and a script disguised as text is served so that it runs nowhere —
// not as a <script>, not in an <iframe>, not even on the support server's own origin.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.js';
import { aMemberAndAnAgent } from './support/lifecycle.js';
import { demoMembers, launcher, message, openRequest, openYourRequests, panel, signInAs } from './support/widget.js';
import { historyEntry, openFromQueue, signInToInbox } from './support/inbox.js';
import { HTML, JS, PDF, SVG, TEXT } from '../support/files.js';

const subject = 'Is the Ridgeline 2 UL warm enough for late-season trips?';
const marker = `PH-${Date.now().toString(36)}`;
const samWrites = `Here is the tent after the storm, and my receipt. ${marker}-sam`;
const rileyWrites = `Thanks Sam, here is the packing list and a photo of the replacement. ${marker}-riley`;
const rileyNotes = `Warranty claim filed. ${marker}-note`;
/** Valid as a script and as a page: whichever way a browser might take it, it would change the title. */
const DISGUISED = Buffer.from(`document.title = 'ran as a script'; // <script>parent.document.title = 'ran in a frame'</script>\n`);
const LIVE_MS = 5_000;

const real = aMemberAndAnAgent();
let photo: Buffer;
let number = 0;

/** A real PNG, drawn by the browser: big enough to see in a screenshot. */
async function drawPng(page: Page, label: string): Promise<Buffer> {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 240;
    canvas.height = 160;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#0f766e';
    context.fillRect(0, 0, 240, 160);
    context.fillStyle = '#fff';
    context.font = 'bold 28px sans-serif';
    context.fillText(text, 20, 90);
    return canvas.toDataURL('image/png');
  }, label);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/**
 * Clicks a download link and answers the bytes the browser saved. The links open a new tab: across
 * origins (the widget on a host page) the download belongs to that tab, on the same origin to the page.
 */
async function downloadBytes(page: Page, link: ReturnType<Page['locator']>): Promise<Buffer> {
  const fromPopup = page.waitForEvent('popup').then((popup) => popup.waitForEvent('download'));
  const [download] = await Promise.all([Promise.race([page.waitForEvent('download'), fromPopup]), link.click()]);
  fromPopup.catch(() => undefined); // no popup when the page itself downloads
  return readFileSync((await download.path())!);
}

/** The upload rows of an attach control, as their text. */
const uploadRows = (scope: ReturnType<Page['locator']>) => scope.locator('.upload').allInnerTexts();

describe('files in a conversation', () => {
  it('Sam attaches a photo and a receipt to his request in the widget; pages, drawings and scripts are refused', async () => {
    const sam = real.member.page;
    await signInAs(sam, real.servers.demo.url, demoMembers.sam);
    photo = await drawPng(sam, 'Storm damage');
    await openYourRequests(sam, 'Sam Whitfield');
    await openRequest(sam, subject);
    number = Number(/#(\d+)/.exec(await panel(sam).locator('.request-meta').innerText())![1]);

    const attach = panel(sam).getByLabel('Attach files');
    await attach.setInputFiles([
      { name: 'page.html', mimeType: 'text/html', buffer: HTML },
      { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: SVG },
      { name: 'app.js', mimeType: 'text/javascript', buffer: JS },
    ]);
    const composer = panel(sam).locator('form.reply');
    await expect
      .poll(() => uploadRows(composer))
      .toEqual([
        expect.stringContaining('This type of file can’t be attached.'),
        expect.stringContaining('This type of file can’t be attached.'),
        expect.stringContaining('This type of file can’t be attached.'),
      ]);
    await composer.locator('.uploads').scrollIntoViewIfNeeded();
    await screenshot(sam, 'attachments-widget-refused');
    // The browser logs each refused upload's 415; nothing else went wrong.
    expect(real.member.problems.splice(0)).toEqual(Array(3).fill(expect.stringContaining('status of 415')));
    for (const name of ['page.html', 'logo.svg', 'app.js'])
      await panel(sam)
        .getByRole('button', { name: `Remove ${name}` })
        .click();
    expect(await composer.locator('.upload').count()).toBe(0);

    await attach.setInputFiles([
      { name: 'storm.png', mimeType: 'image/png', buffer: photo },
      { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    await expect
      .poll(() => uploadRows(composer))
      .toEqual([expect.stringMatching(/storm\.png[\s\S]*Attached/), expect.stringMatching(/receipt\.pdf[\s\S]*Attached/)]);
    await panel(sam).getByLabel('Add to conversation').fill(samWrites);
    await panel(sam).getByRole('button', { name: 'Send', exact: true }).click();
    await message(sam, samWrites).waitFor();

    // The photo is shown from the support server under the demo host's CSP; the receipt is a link.
    const preview = message(sam, samWrites).locator('a.preview img');
    expect(await preview.getAttribute('alt')).toBe('storm.png');
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
    expect(await message(sam, samWrites).locator('a.download').innerText()).toMatch(/^receipt\.pdf\s+\d+ B$/);
    await message(sam, samWrites).scrollIntoViewIfNeeded();
    await screenshot(sam, 'attachments-widget-sent');
    expect(real.member.problems).toEqual([]);
  });

  it('Riley sees both files in the inbox and downloads them as Sam sent them', async () => {
    const riley = real.agent.page;
    await signInToInbox(riley, real.servers.support.url);
    await openFromQueue(riley, subject, number);
    const entry = historyEntry(riley, samWrites);
    const preview = entry.locator('a.preview img');
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
    const shown = await riley.request.get((await preview.getAttribute('src'))!);
    expect(Buffer.from(await shown.body()).equals(photo)).toBe(true);
    expect(shown.headers()['x-content-type-options']).toBe('nosniff');
    expect((await downloadBytes(riley, entry.locator('a.download', { hasText: 'receipt.pdf' }))).equals(PDF)).toBe(true);
    expect(real.agent.problems).toEqual([]);
  });

  it('Riley answers with a packing list and a photo, and notes a file for the team only', async () => {
    const riley = real.agent.page;
    const replacement = await drawPng(riley, 'Replacement');
    const attach = riley.getByLabel('Attach files');
    await attach.setInputFiles([
      { name: 'packing-list.txt', mimeType: 'text/plain', buffer: TEXT },
      { name: 'replacement.png', mimeType: 'image/png', buffer: replacement },
    ]);
    await expect.poll(() => uploadRows(riley.locator('form.composer'))).toEqual([expect.stringContaining('Attached'), expect.stringContaining('Attached')]);
    await riley.getByLabel('Reply to the customer').fill(rileyWrites);
    await riley.getByRole('button', { name: 'Send reply' }).click();
    await riley.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await historyEntry(riley, rileyWrites).locator('a.preview img').waitFor();
    expect(await riley.locator('form.composer .upload').count()).toBe(0);

    await riley.getByRole('radio', { name: 'Internal note' }).check();
    await attach.setInputFiles([{ name: 'warranty.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await expect.poll(() => uploadRows(riley.locator('form.composer'))).toEqual([expect.stringContaining('Attached')]);
    await riley.getByLabel('Internal note for the team').fill(rileyNotes);
    await riley.getByRole('button', { name: 'Add note' }).click();
    await riley.getByRole('status').filter({ hasText: 'Internal note added.' }).waitFor();
    const note = historyEntry(riley, rileyNotes);
    expect(await note.locator('a.download').innerText()).toMatch(/^warranty\.pdf/);
    await note.scrollIntoViewIfNeeded();
    await screenshot(riley, 'attachments-inbox');
    expect(real.agent.problems).toEqual([]);
  });

  it('Sam’s open panel shows Riley’s files without a reload and downloads them; the note’s file is not his to see', async () => {
    const sam = real.member.page;
    await message(sam, rileyWrites).waitFor({ timeout: LIVE_MS });
    const reply = message(sam, rileyWrites);
    await expect.poll(() => reply.locator('a.preview img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
    expect((await downloadBytes(sam, reply.locator('a.download', { hasText: 'packing-list.txt' }))).equals(TEXT)).toBe(true);
    expect(sam.url()).toBe(`${real.servers.demo.url}/account`); // the shop's page stayed where it was
    expect(await panel(sam).getByText('warranty.pdf').count()).toBe(0);
    await reply.scrollIntoViewIfNeeded();
    await screenshot(sam, 'attachments-widget-received');
    expect(real.member.problems).toEqual([]);
  });

  it('a visitor who is not signed in attaches a file to the contact form, and Riley downloads it from the new request', async () => {
    const visitor = await real.member.context.browser()!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await visitor.newPage();
    const problems: string[] = [];
    page.on('console', (entry) => entry.type() === 'error' && problems.push(entry.text()));
    await page.goto(`${real.servers.demo.url}/`);
    await launcher(page).click();
    await panel(page).getByRole('button', { name: 'Contact us' }).click();
    await panel(page).getByLabel('What is this about?').selectOption({ label: 'Account & sign-in' });
    const newSubject = `Order confirmation attached ${marker}`;
    await panel(page).getByLabel('Subject').fill(newSubject);
    await panel(page).getByLabel('How can we help?').fill('The confirmation is attached as a text file.');
    await panel(page).getByLabel('Your email').fill('ana.visitor@example.com');
    await panel(page)
      .getByLabel('Attach files')
      .setInputFiles([{ name: 'confirmation.txt', mimeType: 'text/plain', buffer: TEXT }]);
    await panel(page).locator('.upload').filter({ hasText: 'Attached' }).waitFor();
    await panel(page).getByRole('button', { name: 'Send request' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'attachments-contact-form');
    await panel(page).getByRole('button', { name: 'Send request' }).click();
    await panel(page).getByText('Request sent').waitFor();
    const created = Number(/#(\d+)/.exec(await panel(page).innerText())![1]);
    expect(problems).toEqual([]);
    await visitor.close();

    const riley = real.agent.page;
    await riley.goto(`${real.servers.support.url}/agent/requests/${created}`);
    const entry = historyEntry(riley, 'The confirmation is attached');
    expect((await downloadBytes(riley, entry.locator('a.download', { hasText: 'confirmation.txt' }))).equals(TEXT)).toBe(true);
  });

  it('a script sent as text runs nowhere: not as a <script>, not in an <iframe>, not on the support server’s own origin', async () => {
    const sam = real.member.page;
    const composer = panel(sam).locator('form.reply');
    await panel(sam)
      .getByLabel('Attach files')
      .setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: DISGUISED }]);
    await expect.poll(() => uploadRows(composer)).toEqual([expect.stringContaining('Attached')]);
    const text = `My notes, as a file. ${marker}-notes`;
    await panel(sam).getByLabel('Add to conversation').fill(text);
    await panel(sam).getByRole('button', { name: 'Send', exact: true }).click();
    const link = message(sam, text).locator('a.download');
    await link.waitFor();
    const url = (await link.getAttribute('href'))!;
    expect(new URL(url).origin).toBe(new URL(real.servers.support.url).origin);

    // A page on the support server's origin (as an attacker who found a way to serve one would
    // have), with no CSP of its own: only the file's own headers stand in the way.
    const attacker = await real.member.context.newPage();
    const page = `${real.servers.support.url}/attacker-test-page`;
    await attacker.route(page, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>untouched</title><body>
          <script src="${url}" onerror="document.body.dataset.script = 'refused'"></script>
          <iframe src="${url}"></iframe></body>`,
      }),
    );
    const downloads: string[] = [];
    attacker.on('download', (download) => downloads.push(download.suggestedFilename()));
    await attacker.goto(page);
    await expect.poll(() => attacker.evaluate(() => document.body.dataset.script)).toBe('refused');
    await attacker.waitForTimeout(500);
    expect(await attacker.title()).toBe('untouched');
    // The frame shows no page made of the file: at most, the browser offers to save it.
    const frameText = await attacker
      .frames()[1]
      ?.evaluate(() => document.documentElement?.innerText ?? '')
      .catch(() => '');
    expect(frameText ?? '').not.toContain('document.title');
    expect(downloads.every((name) => name === 'notes.txt')).toBe(true);
    await attacker.close();
  });
});
