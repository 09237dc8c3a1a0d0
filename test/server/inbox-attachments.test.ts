// @vitest-environment happy-dom
// @vitest-environment-options {"url":"http://localhost:3000/agent"}
/**
 * Files in the agent inbox (server/inbox/app) rendered in happy-dom against the real server: the
 * composer's attach control uploads each chosen file at once and holds Send back until it is
 * attached, a reply and a note carry their files, the history lists them, and the customer sees
 * the reply's files but never the note's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent, inboxContainer, inboxFetch, removeInbox } from '../support/agent-side.js';
import { App } from '../../server/inbox/app/App.js';
import { createInboxApi } from '../../server/inbox/app/api.js';
import { createInboxModel } from '../../server/inbox/app/state.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';
import { PDF, PNG, TEXT } from '../support/files.js';

let t: TestApp;
let container: HTMLElement;
/** Uploads wait for this before the server answers them, when a test holds them. */
let held: Promise<void> | undefined;

beforeEach(async () => {
  t = await createTestApp();
  const answer = inboxFetch(t, await addDemoAgent(t, 'riley@inbox-files.example'));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (held && String(input).includes('/attachments?')) await held;
      return answer(input, init);
    }),
  );
  container = inboxContainer();
});

afterEach(async () => {
  held = undefined;
  removeInbox(container);
  await t.close();
});

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const texts = (selector: string) => Array.from(container.querySelectorAll(selector), (el) => el.textContent);
const sendButton = () => $<HTMLButtonElement>('.composer button[type="submit"]')!;

function choose(files: File[]) {
  const input = $<HTMLInputElement>('#composer-files')!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function write(text: string) {
  const body = $<HTMLTextAreaElement>('#composer-body')!;
  body.value = text;
  body.dispatchEvent(new Event('input', { bubbles: true }));
}

async function openCustomerRequest() {
  const cats = await categoryIds(t.app);
  const token = await memberSession(t, { sub: 'files-sam', email: 'sam@inbox-files.example', name: 'Sam' });
  const created = await submit(
    t.app,
    { categoryId: cats['Account & sign-in'], subject: 'Cannot sign in', description: 'It says my password is wrong.' },
    { headers: bearer(token) },
  );
  expect(created.statusCode, created.body).toBe(201);
  const number = created.json().request.id as number;
  const model = createInboxModel(createInboxApi());
  render(h(App, { model }), container);
  model.start();
  await vi.waitFor(() => expect(model.session.value.state).toBe('signed-in'), { timeout: 3000 });
  model.openRequest(number);
  await vi.waitFor(() => expect($('#composer-files')).not.toBeNull(), { timeout: 3000 });
  return { number, token };
}

describe('files in the inbox', () => {
  it('the composer uploads each chosen file at once, holds Send back while one uploads, and the reply carries them', async () => {
    const { number, token } = await openCustomerRequest();
    expect($('label[for="composer-files"]')?.textContent).toBe('Attach files');
    write('Here is how to reset it.');
    let release!: () => void;
    held = new Promise((resolve) => (release = resolve));
    choose([new File([PNG], 'steps.png', { type: 'image/png' }), new File([TEXT], 'steps.txt', { type: 'text/plain' })]);
    await vi.waitFor(() => expect(texts('.upload')).toHaveLength(2));
    expect(texts('.upload .muted')).toContain('Uploading…');
    expect(sendButton().disabled).toBe(true);

    release();
    await vi.waitFor(() => expect(sendButton().disabled).toBe(false), { timeout: 3000 });
    expect(texts('.upload').every((row) => row?.includes('Attached'))).toBe(true);
    sendButton().click();
    await vi.waitFor(() => expect(texts('.history .files li')).toHaveLength(2), { timeout: 3000 });
    expect($<HTMLImageElement>('.history a.preview img')?.getAttribute('alt')).toBe('steps.png');
    expect(texts('.history a.download .upload-name')).toEqual(['steps.txt']);
    expect(container.querySelectorAll('.composer .upload')).toHaveLength(0);

    const seen = await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(token) });
    const reply = seen.json().request.comments.at(-1);
    expect(reply.attachments.map((file: { name: string }) => file.name).sort()).toEqual(['steps.png', 'steps.txt']);
  });

  it('a note carries its files for the team; the customer never sees them', async () => {
    const { number, token } = await openCustomerRequest();
    $<HTMLInputElement>('input[name="composer-mode"][value="note"]')!.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect($('.composer.note')).not.toBeNull());
    write('Account locked after five tries; log attached.');
    choose([new File([PDF], 'audit.pdf', { type: 'application/pdf' })]);
    await vi.waitFor(() => expect(texts('.upload')[0]).toContain('Attached'), { timeout: 3000 });
    sendButton().click();
    await vi.waitFor(() => expect(texts('.history .entry.note a.download .upload-name')).toEqual(['audit.pdf']), { timeout: 3000 });

    const seen = await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(token) });
    expect(JSON.stringify(seen.json())).not.toContain('audit.pdf');
  });

  it('a refused file says why, and is not sent', async () => {
    const { number, token } = await openCustomerRequest();
    write('See the page.');
    choose([new File(['<!doctype html><script>alert(1)</script>'], 'page.html', { type: 'text/html' })]);
    await vi.waitFor(() => expect(texts('.upload .notice p')).toEqual(['This type of file can’t be attached.']), { timeout: 3000 });
    sendButton().click();
    await vi.waitFor(() => expect(texts('.history .entry-body')).toContain('See the page.'), { timeout: 3000 });
    const seen = await t.app.inject({ url: `/api/v1/sites/demo/requests/${number}`, headers: bearer(token) });
    expect(seen.json().request.comments.at(-1).attachments).toEqual([]);
  });

  it("keeps to the server's limits from the agent's me: says them, offers no more files, refuses one too big before uploading it", async () => {
    t.config.attachments = { ...t.config.attachments, perMessage: 2, maxBytes: 1024 };
    await openCustomerRequest();
    expect($('#composer-files-hint')?.textContent).toBe('Up to 2 files, 1 KB each.');
    const uploads = () => vi.mocked(fetch).mock.calls.filter(([input]) => String(input).includes('/attachments?'));
    choose([
      new File([new Uint8Array(2048)], 'big.txt', { type: 'text/plain' }),
      new File([TEXT], 'a.txt', { type: 'text/plain' }),
      new File([TEXT], 'b.txt', { type: 'text/plain' }),
    ]);
    await vi.waitFor(() => expect(texts('.upload .notice p')).toEqual(['Files can be at most 1 KB.']), { timeout: 3000 });
    await vi.waitFor(() => expect(texts('.upload')[1]).toContain('Attached'), { timeout: 3000 });
    expect(texts('.upload .upload-name')).toEqual(['big.txt', 'a.txt']);
    expect(uploads().map(([input]) => new URL(String(input), location.href).searchParams.get('filename'))).toEqual(['a.txt']);
  });

  it('a preview that fails once its URL has ended re-reads the request, and shows it and the download with fresh URLs', async () => {
    await openCustomerRequest();
    write('Screenshot and steps.');
    choose([new File([PNG], 'steps.png', { type: 'image/png' }), new File([TEXT], 'steps.txt', { type: 'text/plain' })]);
    await vi.waitFor(() => expect(texts('.upload .muted').filter((state) => state === 'Attached')).toHaveLength(2), { timeout: 3000 });
    sendButton().click();
    await vi.waitFor(() => expect(texts('.history .files li')).toHaveLength(2), { timeout: 3000 });
    const image = () => $<HTMLImageElement>('.history a.preview img')!;
    const before = image().getAttribute('src')!;
    const downloadBefore = $<HTMLAnchorElement>('.history a.download')!.getAttribute('href');

    t.clock.advance(10 * 60_000);
    image().dispatchEvent(new Event('error'));
    await vi.waitFor(() => expect(image().getAttribute('src')).not.toBe(before), { timeout: 3000 });
    const end = (url: string | null) => Number(new URL(url!, location.href).searchParams.get('e'));
    expect(end(image().getAttribute('src'))).toBeGreaterThanOrEqual(end(before) + 10 * 60);
    expect($<HTMLAnchorElement>('.history a.download')!.getAttribute('href')).not.toBe(downloadBefore);
    // The fresh URL works where the old one has ended.
    const path = (url: string) => {
      const parsed = new URL(url, location.href);
      return parsed.pathname + parsed.search;
    };
    expect((await t.app.inject({ url: path(before) })).statusCode).toBe(410);
    expect((await t.app.inject({ url: path(image().getAttribute('src')!) })).statusCode).toBe(200);
  });
});
