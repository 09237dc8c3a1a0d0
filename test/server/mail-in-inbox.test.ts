// @vitest-environment happy-dom
// @vitest-environment-options {"url":"http://localhost:3000/agent"}
/**
 * Mail in on the agents' side, against the real server: the "Unverified mail" view (its API, its
 * count, emptying it in one confirmed action, CSRF like every inbox write), and in the request pane
 * "Follow-up to #N" and the mark of a reply sent from another address.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent, browserFetch, inboxContainer, inboxFetch, removeInbox } from '../support/agent-side.js';
import { App } from '../../server/inbox/app/App.js';
import { createInboxApi } from '../../server/inbox/app/api.js';
import { createInboxModel, type InboxModel } from '../../server/inbox/app/state.js';
import { siteIdOf } from '../support/inspect.js';
import { bearer, categoryIds, expectError, submit } from './helpers.js';
import { HTML, PNG } from '../support/files.js';
import { attachments } from '../support/tables.js';

const RILEY = 'riley@mail-in-inbox.example';
let t: TestApp;
let token: string;
let container: HTMLElement;

beforeEach(async () => {
  t = await createTestApp();
  token = await addDemoAgent(t, RILEY);
  container = inboxContainer();
});
afterEach(async () => {
  removeInbox(container);
  vi.unstubAllGlobals();
  await t.close();
});

const mail = (lines: string[]) => t.app.porthole.receiveMail(Buffer.from([...lines, ''].join('\r\n')));
const toSupport = (from: string, subject: string) => mail([`From: ${from}`, 'To: demo@inbound.localhost', `Subject: ${subject}`, '', `About ${subject}.`]);
const agentGet = (url: string) => t.app.inject({ url: `/api/v1/agent/${url}`, headers: bearer(token) });

describe('the Unverified mail view', () => {
  it('holds mail from unproven senders, out of the main queue, and empties in one action', async () => {
    const spam = await toSupport('spam@spam.example', 'Cheap watches');
    const cats = await categoryIds(t.app);
    const web = (
      await submit(t.app, { categoryId: cats['Account & sign-in'], subject: 'From the form', description: 'Hi', email: 'pat@customer.example' })
    ).json().request.id;

    const ids = async (view?: string) => (await agentGet(`requests${view ? `?view=${view}` : ''}`)).json().requests.map((r: { id: number }) => r.id);
    expect(await ids('unverified_mail')).toEqual([spam.request]);
    expect(await ids()).toEqual([web]);
    expect((await agentGet('unverified-mail')).json()).toEqual({ count: 1 });

    const emptied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agent/unverified-mail/empty',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(emptied.json()).toEqual({ deleted: 1 });
    expect((await agentGet('unverified-mail')).json()).toEqual({ count: 0 });
    expectError(await agentGet(`requests/${spam.request}`), 404, 'not_found');
    expect(await ids()).toEqual([web]);
  });

  it('is emptied from the inbox with a session only with its CSRF token', async () => {
    await toSupport('spam@spam.example', 'Cheap watches');
    vi.stubGlobal('fetch', vi.fn(browserFetch(t)));
    const api = createInboxApi();
    await api.signIn(RILEY, 'correct horse battery staple');
    const session = (await (await fetch('/api/v1/agent/me')).json()) as { csrfToken: string };
    expect(session.csrfToken).toBeTruthy();
    const withoutToken = await fetch('/api/v1/agent/unverified-mail/empty', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(withoutToken.status).toBe(403);
    expect(await api.unverifiedMail()).toEqual({ count: 1 });
    expect(await api.emptyUnverifiedMail()).toEqual({ deleted: 1 });
  });

  it('shows in the inbox with its count, and the agent confirms before it is emptied', async () => {
    await toSupport('spam@spam.example', 'Cheap watches');
    vi.stubGlobal('fetch', vi.fn(inboxFetch(t, token)));
    const model = createInboxModel(createInboxApi());
    render(h(App, { model }), container);
    model.start();
    const viewButton = () =>
      Array.from(container.querySelectorAll<HTMLButtonElement>('.view-switch button')).find((b) => b.textContent?.startsWith('Unverified'))!;
    await vi.waitFor(() => expect(viewButton()?.textContent).toBe('Unverified mail (1)'), { timeout: 3000 });
    viewButton().click();
    await vi.waitFor(() => expect(container.querySelector('.queue .row-subject')?.textContent).toBe('Cheap watches'), { timeout: 3000 });

    const emptyButton = () => container.querySelector<HTMLButtonElement>('.view-actions button')!;
    vi.stubGlobal(
      'confirm',
      vi.fn(() => false),
    );
    emptyButton().click();
    expect(await t.store.inbound.countUnverifiedMail(await siteIdOf(t.db, 'demo'))).toBe(1);
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    emptyButton().click();
    await vi.waitFor(() => expect(viewButton().textContent).toBe('Unverified mail (0)'), { timeout: 3000 });
    expect(await t.store.inbound.countUnverifiedMail(await siteIdOf(t.db, 'demo'))).toBe(0);
  });
});

/** A stored file's bytes, or null when there are none (the storage opens nothing, or the stream fails). */
const readAll = async (opening: Promise<NodeJS.ReadableStream | undefined>) => {
  const stream = await opening;
  if (!stream) return null;
  return new Promise<Buffer | null>((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', () => resolve(null));
  });
};

describe('files of unverified mail', () => {
  it('are kept as the files service keeps uploads, and deleted with the requests when the view is emptied', async () => {
    const boundary = 'porthole-boundary';
    const part = (type: string, name: string, bytes: Buffer) => [
      `--${boundary}`,
      `Content-Type: ${type}; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      bytes.toString('base64'),
    ];
    const taken = await mail([
      'From: spam@spam.example',
      'To: demo@inbound.localhost',
      'Subject: With files',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain',
      '',
      'See the files.',
      ...part('image/png', 'pixel.png', PNG),
      ...part('image/png', 'page.html', HTML),
      `--${boundary}--`,
    ]);
    const siteId = await siteIdOf(t.db, 'demo');
    const [first] = (await t.store.agentRequests.find(siteId, taken.request!))!.comments;
    // The HTML declared as a PNG is refused by its bytes; the words and the real image are kept.
    expect(first).toMatchObject({ body: 'See the files.', attachments: [{ name: 'pixel.png', contentType: 'image/png' }] });
    const [stored] = await t.db.select().from(attachments);
    const bytes = () => readAll(t.app.porthole.files.storage.open(siteId, stored!.storageKey));
    expect(await bytes()).toEqual(PNG);

    const emptied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agent/unverified-mail/empty',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(emptied.json()).toEqual({ deleted: 1 });
    expect(await t.db.select().from(attachments)).toEqual([]);
    // Gone: the directory's read fails, the database's finds no chunk.
    expect(await bytes()).not.toEqual(PNG);
  });
});

describe('the request pane', () => {
  it('says what a follow-up follows, and marks a reply sent from another address', async () => {
    const siteId = await siteIdOf(t.db, 'demo');
    const cats = await categoryIds(t.app);
    const first = (
      await submit(t.app, { categoryId: cats['Account & sign-in'], subject: 'Locked out', description: 'Help', email: 'pat@customer.example' })
    ).json().request.id;
    const view = (await t.store.agentRequests.find(siteId, first))!;
    const replyTo = t.app.porthole.replyAddresses.addressFor(
      await t.store.inbound.replyKey(siteId, view.request.id, view.requester.id, t.clock.now.toISOString()),
    );
    const reply = (from: string, text: string) => mail([`From: ${from}`, `To: ${replyTo}`, 'Subject: Re: Locked out', '', text]);
    await t.store.inbound.saveSettings({ siteId, allowOtherSenders: true, address: null });
    expect(await reply('pat@customer.example', 'Still locked out')).toMatchObject({ outcome: 'comment' });
    expect(await reply('boss@customer.example', 'Please hurry')).toMatchObject({ outcome: 'comment' });
    await t.store.agentRequests.setStatus(
      siteId,
      first,
      () => 'closed',
      t.clock.now.toISOString(),
      () => [],
    );
    const followUp = await reply('pat@customer.example', 'Locked out again');
    expect(followUp).toMatchObject({ outcome: 'follow_up' });

    expect((await agentGet(`requests/${followUp.request}`)).json().request).toMatchObject({ followUpOf: first, channel: 'email', senderVerified: true });
    vi.stubGlobal('fetch', vi.fn(inboxFetch(t, token)));
    const model: InboxModel = createInboxModel(createInboxApi());
    render(h(App, { model }), container);
    model.start();
    model.openRequest(followUp.request!);
    await vi.waitFor(() => expect(container.querySelector('#detail .follow-up')?.textContent).toBe(`Follow-up to #${first}`), { timeout: 3000 });
    model.openRequest(first);
    await vi.waitFor(
      () => expect(container.querySelector('#detail .entry-head .unverified')?.textContent).toBe('Sent from another address: boss@customer.example'),
      {
        timeout: 3000,
      },
    );
  });
});
