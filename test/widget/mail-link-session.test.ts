// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/help"}
/**
 * A page opened from the link in a customer's mail (`#porthole=request/N&t=…`): the widget opens
 * that request with a session good for it alone, and asks the server for nothing such a session is
 * refused — no lists, no badge count, no member's submission (which could carry CCs).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  addMemberBackend,
  buttonByText,
  byId,
  choose,
  createFakeServer,
  DANA,
  flush,
  memberEntry,
  mountWidget,
  sleep,
  typeInto,
  until,
  unmountAll,
} from './panel-harness.js';

const LINK_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.link.for-dana-1042';
const SUBJECT = 'Tent pole snapped on the first trip';

beforeEach(() => {
  history.replaceState(null, '', `/help#porthole=request/1042&t=${LINK_TOKEN}`);
});
afterEach(() => {
  unmountAll();
});

/** Mounts the widget on the page the mail's link opened, and waits until the request is shown. */
async function openFromMail() {
  const server = createFakeServer();
  const backend = addMemberBackend(server, { links: { [LINK_TOKEN]: { member: DANA, request: 1042 } } });
  const widget = mountWidget({ server });
  await until(() => expect(widget.root.querySelector('#ph-request-title')?.textContent).toBe(SUBJECT));
  expect(backend.linkSessionPosts().map((call) => call.body)).toEqual([{ token: LINK_TOKEN }]);
  return { widget, backend, server };
}

describe('a page opened from the link in a mail', () => {
  test('shows that request and takes a reply, and asks for no list and no badge count, which such a session is refused', async () => {
    const { widget, backend } = await openFromMail();
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-reply')!, 'Here is a photo of the break.');
    await flush();
    buttonByText(widget.root, 'Send').click();
    await until(() => expect(widget.root.querySelector('.thread')?.textContent).toContain('Here is a photo of the break.'));

    // Long enough for the badge's count and any list to have been asked for.
    await sleep(50);
    expect(backend.badgeCalls()).toEqual([]);
    expect(backend.lists()).toEqual([]);
    expect(backend.refusedToLink()).toEqual([]);
  });

  test('Back leads home, where there is no "Your requests" entry: the link is for one request', async () => {
    const { widget, backend } = await openFromMail();
    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await until(() => expect(byId(widget.root, 'ph-search')).not.toBeNull());
    await flush();
    expect(memberEntry(widget)).toBeNull();
    expect(backend.refusedToLink()).toEqual([]);
  });

  test('the contact form is a visitor’s: it asks for an email and sends no session, so no CCs', async () => {
    const { widget, server, backend } = await openFromMail();
    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await until(() => buttonByText(widget.root, 'Contact us'));
    buttonByText(widget.root, 'Contact us').click();
    await until(() => expect(byId(widget.root, 'ph-email')).not.toBeNull());
    expect(byId(widget.root, 'ph-ccs')).toBeNull();

    choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Account & sign-in');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Another question');
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'About my order.');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-email')!, DANA.email);
    await flush();
    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(server.posts()).toHaveLength(1));
    expect(server.posts()[0]!.headers.authorization).toBeUndefined();
    expect(backend.refusedToLink()).toEqual([]);
  });

  test('the host’s navigate("requests") says the link opens one request, instead of asking for the lists', async () => {
    const { widget, backend } = await openFromMail();
    widget.run('navigate', 'requests');
    await until(() => expect(widget.root.querySelector('.notice')?.textContent).toContain('opens one request'));
    await sleep(20);
    expect(backend.lists()).toEqual([]);
  });
});
