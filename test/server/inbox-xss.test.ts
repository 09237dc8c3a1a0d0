// @vitest-environment happy-dom
// @vitest-environment-options {"url":"http://localhost:3000/agent"}
/**
 * The agent inbox (server/inbox/app, a Preact app) rendered in happy-dom against the real server:
 * its `fetch` is answered by `app.inject` with an agent's API token. Customers write the XSS corpus
 * into subjects, messages, their names, organization names, CC addresses and the names of files
 * they attach; the agent sees every payload as text, and nothing in the page is built from one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent, inboxContainer, inboxFetch, removeInbox } from '../support/agent-side.js';
import { App } from '../../server/inbox/app/App.js';
import { createInboxApi } from '../../server/inbox/app/api.js';
import { createInboxModel, type InboxModel } from '../../server/inbox/app/state.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';
import { XSS_CORPUS } from '../support/xss-corpus.js';
import { PNG, TEXT, upload } from '../support/files.js';

/** CC addresses must be addresses, so the worst they can carry is quote-breaking attribute text. */
const HOSTILE_CC = "'onfocus=alert`1`/autofocus='@xss.example";

let t: TestApp;
let container: HTMLElement;
let alert: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  // The inbox's fetch, answered by the real app as the signed-in agent.
  vi.stubGlobal('fetch', vi.fn(inboxFetch(t, await addDemoAgent(t, 'riley@inbox-xss.example'))));
  alert = vi.fn();
  vi.stubGlobal('alert', alert);
  container = inboxContainer();
});

afterEach(async () => {
  removeInbox(container);
  await t.close();
});

/** Customers write the corpus in every way they can; returns request numbers by payload. */
async function hostileRequests(): Promise<Map<string, number>> {
  const cats = await categoryIds(t.app);
  const numbers = new Map<string, number>();
  for (const [i, payload] of XSS_CORPUS.entries()) {
    const token = await memberSession(t, { sub: `xss-${i}`, email: `writer${i}@inbox-xss.example`, name: payload, org: { id: `org-${i}`, name: payload } });
    const created = await submit(
      t.app,
      { categoryId: cats['Account & sign-in'], subject: payload, description: payload, ccs: [HOSTILE_CC] },
      { headers: bearer(token) },
    );
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().request.id as number;
    numbers.set(payload, number);
    const comment = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sites/demo/requests/${number}/comments`,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify({ body: `${payload}\nand again ${payload}` }),
    });
    expect(comment.statusCode, comment.body).toBe(201);
  }
  // An anonymous visitor whose name is the payload.
  const anonymous = await submit(t.app, {
    categoryId: cats['Account & sign-in'],
    subject: 'Plain subject',
    description: XSS_CORPUS[1],
    email: 'anon@inbox-xss.example',
    name: XSS_CORPUS[1],
  });
  expect(anonymous.statusCode, anonymous.body).toBe(201);
  numbers.set('anonymous', anonymous.json().request.id);
  return numbers;
}

function mountInbox(): InboxModel {
  const model = createInboxModel(createInboxApi());
  render(h(App, { model }), container);
  model.start();
  return model;
}

/** Elements and attributes only a payload could have made. */
function madeFromPayloads(): string[] {
  const suspicious = Array.from(container.querySelectorAll('script, img, iframe, object, embed, svg, xss, math, style, div[style]'));
  const scriptLinks = Array.from(container.querySelectorAll('[href], [src], [action], [formaction]')).filter((el) =>
    ['href', 'src', 'action', 'formaction'].some((name) => /^\s*javascript:/i.test(el.getAttribute(name) ?? '')),
  );
  const handlers = Array.from(container.querySelectorAll('*')).flatMap((el) =>
    el
      .getAttributeNames()
      .filter((name) => name.toLowerCase().startsWith('on') || name.toLowerCase() === 'autofocus')
      .map((name) => `${el.tagName.toLowerCase()}[${name}]`),
  );
  return [...suspicious.map((el) => el.outerHTML), ...scriptLinks.map((el) => el.outerHTML), ...handlers];
}

const texts = (selector: string) => Array.from(container.querySelectorAll(selector), (el) => el.textContent);

describe('the XSS corpus in the agent inbox', () => {
  it('the queue shows every hostile subject and requester name as text, and builds nothing from them', async () => {
    await hostileRequests();
    mountInbox();
    await vi.waitFor(() => expect(texts('.row-subject')).toHaveLength(XSS_CORPUS.length + 1), { timeout: 3000 });

    expect(texts('.row-subject').sort()).toEqual([...XSS_CORPUS, 'Plain subject'].sort());
    expect(texts('.row-requester').sort()).toEqual([...XSS_CORPUS, XSS_CORPUS[1]].sort());
    // The only links are the inbox's own: the skip link and one per row.
    for (const link of Array.from(container.querySelectorAll('a'))) expect(link.getAttribute('href')).toMatch(/^(#detail|\/agent\/requests\/\d+)$/);
    expect(madeFromPayloads()).toEqual([]);
    expect(alert).not.toHaveBeenCalled();
  });

  it.each(XSS_CORPUS.map((payload) => ({ payload })))(
    'an open request with $payload shows it as text in subject, people, organization and history',
    async ({ payload }) => {
      const numbers = await hostileRequests();
      const model = mountInbox();
      await vi.waitFor(() => expect(model.session.value.state).toBe('signed-in'), { timeout: 3000 });
      model.openRequest(numbers.get(payload)!);
      await vi.waitFor(() => expect(container.querySelector('#request-title')?.textContent).toBe(payload), { timeout: 3000 });

      const facts = Object.fromEntries(
        Array.from(container.querySelectorAll('.facts > div'), (row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
      );
      expect(container.querySelector('.facts .person')?.textContent).toBe(payload);
      expect(facts.Organization).toBe(payload);
      expect(texts('.ccs .person')).toEqual([HOSTILE_CC]);
      expect(texts('.history .entry-body')).toEqual([payload, `${payload}\nand again ${payload}`]);
      expect(texts('.history .entry-head strong')).toEqual([payload, payload]);
      expect(madeFromPayloads()).toEqual([]);
      expect(alert).not.toHaveBeenCalled();
    },
  );

  it('an anonymous requester’s hostile name is shown as text on the open request', async () => {
    const numbers = await hostileRequests();
    const model = mountInbox();
    await vi.waitFor(() => expect(model.session.value.state).toBe('signed-in'), { timeout: 3000 });
    model.openRequest(numbers.get('anonymous')!);
    await vi.waitFor(() => expect(container.querySelector('#request-title')?.textContent).toBe('Plain subject'), { timeout: 3000 });
    expect(container.querySelector('.facts .person')?.textContent).toBe(XSS_CORPUS[1]);
    expect(texts('.history .entry-body')).toEqual([XSS_CORPUS[1]]);
    expect(madeFromPayloads()).toEqual([]);
  });

  it('files named with the corpus are listed by name as text: images as a preview with the name as alt, the rest as a download', async () => {
    const cats = await categoryIds(t.app);
    const token = await memberSession(t, { sub: 'xss-files', email: 'files@inbox-xss.example', name: 'Files Writer' });
    const ids: string[] = [];
    for (const payload of XSS_CORPUS) {
      for (const [body, type, ext] of [
        [PNG, 'image/png', '.png'],
        [TEXT, 'text/plain', '.txt'],
      ] as const) {
        const uploaded = await upload(t, body, { filename: `${payload}${ext}`, type, headers: bearer(token) });
        expect(uploaded.statusCode, uploaded.body).toBe(201);
        ids.push(uploaded.json().attachment.id);
      }
    }
    const created = await submit(
      t.app,
      { categoryId: cats['Account & sign-in'], subject: 'Files with odd names', description: 'See attached.', attachmentIds: ids.slice(0, 10) },
      { headers: bearer(token) },
    );
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().request.id as number;
    const comment = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sites/demo/requests/${number}/comments`,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify({ body: 'And the rest.', attachmentIds: ids.slice(10) }),
    });
    expect(comment.statusCode, comment.body).toBe(201);

    const model = mountInbox();
    await vi.waitFor(() => expect(model.session.value.state).toBe('signed-in'), { timeout: 3000 });
    model.openRequest(number);
    await vi.waitFor(() => expect(container.querySelectorAll('.history .files li')).toHaveLength(ids.length), { timeout: 3000 });

    const previews = Array.from(container.querySelectorAll<HTMLImageElement>('.history .files a.preview > img'));
    expect(previews.map((img) => img.getAttribute('alt')).sort()).toEqual(XSS_CORPUS.map((payload) => `${payload}.png`).sort());
    for (const img of previews) expect(img.getAttribute('src')).toMatch(new RegExp(`^${t.config.publicUrl}/api/v1/files/`));
    expect(texts('.history .files a.download .upload-name').sort()).toEqual(XSS_CORPUS.map((payload) => `${payload}.txt`).sort());
    // The previews are the only images; nothing else was built from a name.
    previews.forEach((img) => img.remove());
    expect(madeFromPayloads()).toEqual([]);
    expect(alert).not.toHaveBeenCalled();
  });
});
