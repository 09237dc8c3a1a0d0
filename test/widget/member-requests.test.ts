// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/account"}
/**
 * A signed-in member's requests: the lists (tabs, status filter, "Load more"), one request's
 * conversation, adding to it, solving it, following up on a closed one, and `navigate` to them.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  addMemberBackend,
  buttonByText,
  byId,
  CATEGORY,
  choose,
  createFakeServer,
  deferred,
  flush,
  json,
  memberRequests,
  mountMember,
  mountWidget,
  openRequestFromList,
  openRequestList,
  requestDetail,
  requestRows,
  siteConfig,
  SOLO,
  typeInto,
  until,
  unmountAll,
  type RecordedCall,
  type StoredRequest,
  type Widget,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const IMG = '<img src=x onerror=alert(1)>';

const tabs = (widget: Widget) =>
  Array.from(widget.root.querySelectorAll('[role="tab"]'), (tab) => `${tab.textContent}${tab.getAttribute('aria-selected') === 'true' ? ' *' : ''}`);
const listQuery = (call: RecordedCall) => Object.fromEntries(call.url.searchParams);
const badge = (widget: Widget) => widget.root.querySelector('.request .request-meta .badge')?.textContent;
const replyBox = (widget: Widget) => byId<HTMLTextAreaElement>(widget.root, 'ph-reply');
const hasButton = (widget: Widget, text: string) => Array.from(widget.root.querySelectorAll('button')).some((b) => b.textContent?.trim() === text);

/** The conversation as the member reads it: author, tag (if any), and the message text. */
const thread = (widget: Widget) =>
  Array.from(widget.root.querySelectorAll('.thread .message'), (message) => ({
    author: message.querySelector('.message-author strong')?.textContent,
    tag: message.querySelector('.message-author .tag')?.textContent ?? null,
    body: message.querySelector('.message-body')?.textContent,
  }));

async function waitForList(widget: Widget, rows: string[]) {
  await until(() => expect(requestRows(widget)).toEqual(rows));
}

async function sendReply(widget: Widget, text: string) {
  typeInto(replyBox(widget)!, text);
  await flush();
  buttonByText(widget.root, 'Send').click();
  await flush();
}

describe('the lists', () => {
  test('a member of an organization on a plan with organization requests gets three tabs, and each asks for its own list', async () => {
    const { widget, backend } = await mountMember();
    await openRequestList(widget);
    expect(widget.root.querySelector('.requests-heading')?.textContent).toBe('Your requests');
    expect(tabs(widget)).toEqual(['My requests *', 'Requests I’m CC’d on', 'Organization requests']);
    expect(requestRows(widget)).toEqual(['Tent pole snapped on the first trip [Awaiting your reply]', 'Refund for returned boots [Closed]']);

    buttonByText(widget.root, 'Requests I’m CC’d on').click();
    await waitForList(widget, ['Team order for the climbing club [Open]']);
    expect(tabs(widget)).toEqual(['My requests', 'Requests I’m CC’d on *', 'Organization requests']);

    buttonByText(widget.root, 'Organization requests').click();
    await waitForList(widget, ['Bulk discount for our shop [Open]']);

    expect(backend.lists().map(listQuery)).toEqual([
      { scope: 'mine', limit: '10' },
      { scope: 'ccd', limit: '10' },
      { scope: 'org', limit: '10' },
    ]);
  });

  test('the Organization tab is not offered on a plan without organization requests, nor to a member without an organization', async () => {
    const server = createFakeServer();
    server.override((call) =>
      call.url.pathname.endsWith('/config')
        ? json({ ...siteConfig, site: { ...siteConfig.site, tier: 'basic', features: { organizationRequests: false } } })
        : undefined,
    );
    const basic = await mountMember({ server });
    await openRequestList(basic.widget);
    expect(tabs(basic.widget)).toEqual(['My requests *', 'Requests I’m CC’d on']);
    basic.widget.unmount();

    const solo = await mountMember({ tokens: { 'host-token-jo': SOLO } });
    await openRequestList(solo.widget);
    expect(tabs(solo.widget)).toEqual(['My requests *', 'Requests I’m CC’d on']);
    expect(solo.backend.lists().map((c) => c.url.searchParams.get('scope'))).toEqual(['mine']);
  });

  test('the status filter asks for just the requests awaiting the member’s reply, and keeps to the chosen tab', async () => {
    const { widget, backend } = await mountMember();
    await openRequestList(widget);
    choose(widget.root.querySelector<HTMLSelectElement>('.filter select')!, 'Awaiting your reply');
    await waitForList(widget, ['Tent pole snapped on the first trip [Awaiting your reply]']);
    expect(listQuery(backend.lists().at(-1)!)).toEqual({ scope: 'mine', status: 'awaiting_reply', limit: '10' });

    buttonByText(widget.root, 'Requests I’m CC’d on').click();
    await waitForList(widget, []);
    // Empty under a filter: it says which status it holds none of (the filter's way out is tested in member-mends).
    expect(widget.root.querySelector('#ph-request-list')?.textContent).toContain('No requests awaiting your reply');
    expect(listQuery(backend.lists().at(-1)!)).toEqual({ scope: 'ccd', status: 'awaiting_reply', limit: '10' });

    choose(widget.root.querySelector<HTMLSelectElement>('.filter select')!, 'All');
    await waitForList(widget, ['Team order for the climbing club [Open]']);
    expect(listQuery(backend.lists().at(-1)!)).toEqual({ scope: 'ccd', limit: '10' });
  });

  test('“Load more” asks for the next page with the server’s cursor and adds its rows below; on the last page the button is gone', async () => {
    const many: StoredRequest[] = Array.from({ length: 13 }, (_, i) => ({ lists: ['mine'], detail: requestDetail(2000 - i, `Question ${i + 1}`) }));
    const { widget, backend } = await mountMember({ requests: many });
    await openRequestList(widget);
    expect(requestRows(widget)).toHaveLength(10);
    expect(requestRows(widget)[0]).toBe('Question 1 [Open]');

    buttonByText(widget.root, 'Load more').click();
    await until(() => expect(requestRows(widget)).toHaveLength(13));
    expect(requestRows(widget)).toEqual(many.map((r) => `${r.detail.subject} [Open]`));
    expect(backend.lists().map(listQuery)).toEqual([
      { scope: 'mine', limit: '10' },
      { scope: 'mine', cursor: 'cur_10', limit: '10' },
    ]);
    expect(hasButton(widget, 'Load more')).toBe(false);
  });

  test('with everything on one page there is no “Load more”', async () => {
    const { widget } = await mountMember();
    await openRequestList(widget);
    expect(requestRows(widget)).toHaveLength(2);
    expect(hasButton(widget, 'Load more')).toBe(false);
  });
});

describe('one request', () => {
  test('the conversation shows every message with its author — “You” for the member, the agent’s name tagged Support — and who is copied', async () => {
    const { widget } = await mountMember();
    await openRequestList(widget);
    await openRequestFromList(widget, 'Tent pole snapped on the first trip');

    expect(badge(widget)).toBe('Awaiting your reply');
    expect(widget.root.querySelector('.request .request-meta')?.textContent).toContain('Request #1042 · Product question');
    expect(widget.root.querySelector('.ccs')?.textContent).toBe('CC: Sam Ortiz, lee@example.com');
    expect(thread(widget)).toEqual([
      { author: 'You', tag: null, body: 'The middle pole snapped when I pitched the tent.' },
      { author: 'Priya Natarajan', tag: 'Support', body: 'Sorry to hear that! Could you send a photo of the break?' },
      { author: 'Sam Ortiz', tag: null, body: 'I was there too, it broke at the joint.' },
    ]);
    expect(widget.root.querySelectorAll('.thread .from-agent')).toHaveLength(1);
    expect(widget.root.querySelector('.thread time')?.getAttribute('datetime')).toBe('2025-03-01T09:00:00.000Z');
  });

  test('what people wrote is shown as text: a message with markup creates no element', async () => {
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const hostile: StoredRequest = {
      lists: ['mine'],
      detail: requestDetail(1050, `Subject ${IMG}`, {
        ccs: [{ name: `<b>Mallory</b>`, email: 'mallory@example.com' }],
        comments: [
          { id: 'c1', body: IMG, author: { name: `<i>Eve</i>`, role: 'customer', you: false }, createdAt: '2025-03-01T09:00:00.000Z', attachments: [] },
          {
            id: 'c2',
            body: '<script>alert(2)</script>\nSecond line',
            author: { name: 'Priya <u>Support</u>', role: 'agent', you: false },
            createdAt: '2025-03-01T10:00:00.000Z',
            attachments: [],
          },
        ],
      }),
    };
    const { widget } = await mountMember({ requests: [hostile] });
    widget.run('navigate', { request: 1050 });
    await until(() => expect(thread(widget)).toHaveLength(2));

    expect(widget.root.querySelectorAll('img, script, b, i, u')).toHaveLength(0);
    expect(byId(widget.root, 'ph-request-title')?.textContent).toBe(`Subject ${IMG}`);
    expect(widget.root.querySelector('.ccs')?.textContent).toBe('CC: <b>Mallory</b>');
    expect(thread(widget)).toEqual([
      { author: '<i>Eve</i>', tag: null, body: IMG },
      { author: 'Priya <u>Support</u>', tag: 'Support', body: '<script>alert(2)</script>\nSecond line' },
    ]);
    await flush();
    expect(alert).not.toHaveBeenCalled();
  });

  test('“Add to conversation” sends the message, clears the box, shows it as the member’s, and tells the host the request was updated', async () => {
    const { widget, backend } = await mountMember();
    widget.run('navigate', { request: 1042 });
    await until(() => expect(thread(widget)).toHaveLength(3));
    expect(widget.root.querySelector('label[for="ph-reply"]')?.textContent).toBe('Add to conversation');
    // Nothing to send yet.
    expect(buttonByText(widget.root, 'Send').disabled).toBe(true);

    await sendReply(widget, 'Photo attached.\nThe joint is cracked.');
    await until(() => expect(thread(widget)).toHaveLength(4));

    const comments = backend.memberCalls().filter((c) => c.method === 'POST');
    expect(comments.map((c) => [c.url.pathname, c.body])).toEqual([
      ['/api/v1/sites/demo/requests/1042/comments', { body: 'Photo attached.\nThe joint is cracked.' }],
    ]);
    expect(thread(widget).at(-1)).toEqual({ author: 'You', tag: null, body: 'Photo attached.\nThe joint is cracked.' });
    expect(replyBox(widget)!.value).toBe('');
    expect(buttonByText(widget.root, 'Send').disabled).toBe(true);
    // The member's message reopens the request: support owes a reply.
    expect(badge(widget)).toBe('Open');
    expect(widget.emit.mock.calls.filter(([event]) => event === 'request:updated')).toEqual([
      ['request:updated', { id: 1042, status: 'open', statusLabel: 'Open' }],
    ]);
  });

  test('a message that fails to send stays in the box, with the reason', async () => {
    const server = createFakeServer();
    server.override((call) =>
      call.method === 'POST' && call.url.pathname.endsWith('/comments') ? Promise.reject(new TypeError('Failed to fetch')) : undefined,
    );
    const { widget } = await mountMember({ server });
    widget.run('navigate', { request: 1042 });
    await until(() => expect(thread(widget)).toHaveLength(3));
    await sendReply(widget, 'Photo attached.');
    await until(() =>
      expect(widget.root.querySelector('.reply [role="alert"]')?.textContent).toBe('We couldn’t reach support just now. Check your connection and try again.'),
    );
    expect(replyBox(widget)!.value).toBe('Photo attached.');
    expect(thread(widget)).toHaveLength(3);
    expect(widget.emit.mock.calls.filter(([event]) => event === 'request:updated')).toEqual([]);
  });

  test('“Mark as solved” is offered to the requester; once solved the badge says Solved and the button is gone', async () => {
    const { widget, backend } = await mountMember();
    widget.run('navigate', { request: 1042 });
    await until(() => expect(thread(widget)).toHaveLength(3));

    buttonByText(widget.root, 'Mark as solved').click();
    await until(() => expect(badge(widget)).toBe('Solved'));
    expect(hasButton(widget, 'Mark as solved')).toBe(false);
    expect(
      backend
        .memberCalls()
        .filter((c) => c.method === 'POST')
        .map((c) => c.url.pathname),
    ).toEqual(['/api/v1/sites/demo/requests/1042/solve']);
    expect(widget.emit.mock.calls.filter(([event]) => event === 'request:updated')).toEqual([
      ['request:updated', { id: 1042, status: 'solved', statusLabel: 'Solved' }],
    ]);
    // A solved request can still be added to (that reopens it), so the box stays.
    expect(replyBox(widget)).not.toBeNull();
    expect(widget.root.textContent).not.toContain('This request is closed');
  });

  test('a request the member is only copied on has no “Mark as solved”', async () => {
    const { widget } = await mountMember();
    widget.run('navigate', { request: 1031 });
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Team order for the climbing club'));
    expect(hasButton(widget, 'Mark as solved')).toBe(false);
    expect(replyBox(widget)).not.toBeNull();
  });

  test('an answer to “Add to conversation” that arrives after the member opened another request does not replace it, nor clear its draft', async () => {
    const server = createFakeServer();
    const slow = deferred<Response>();
    server.override((call) => (call.method === 'POST' && call.url.pathname.endsWith('/requests/1042/comments') ? slow.promise : undefined));
    const { widget } = await mountMember({ server });
    widget.run('navigate', { request: 1042 });
    await until(() => expect(thread(widget)).toHaveLength(3));
    await sendReply(widget, 'Photo attached.');

    // While that is on its way, the member goes back and opens another request, and starts writing there.
    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await until(() => expect(requestRows(widget)).toHaveLength(2));
    widget.run('navigate', { request: 1031 });
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Team order for the climbing club'));
    typeInto(replyBox(widget)!, 'Can we add two more harnesses?');
    await flush();

    const [first] = memberRequests();
    const comment = {
      id: 'cmt_late',
      body: 'Photo attached.',
      author: { name: 'Dana Reyes', role: 'customer' as const, you: true },
      createdAt: '2025-03-04T12:00:00.000Z',
      attachments: [],
    };
    slow.resolve(json({ comment, request: { ...first.detail, status: 'open', statusLabel: 'Open', comments: [...first.detail.comments, comment] } }, 201));
    await flush(8);

    expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Team order for the climbing club');
    expect(thread(widget)).toEqual([]);
    expect(replyBox(widget)!.value).toBe('Can we add two more harnesses?');
    // The host still hears that request #1042 changed.
    expect(widget.emit).toHaveBeenCalledWith('request:updated', { id: 1042, status: 'open', statusLabel: 'Open' });
  });
});

describe('a closed request', () => {
  test('shows Closed, says what comes next and offers “Submit a follow-up”, which opens the form with “Follow-up to #N: subject” in the same category', async () => {
    const { widget, server } = await mountMember();
    await openRequestList(widget);
    await openRequestFromList(widget, 'Refund for returned boots');

    // A status of its own, and a note of what comes next rather than a warning box.
    expect(widget.root.querySelector('.request .notice')).toBeNull();
    const note = widget.root.querySelector('.request .closed-note')!;
    expect(note.getAttribute('role')).toBe('status');
    expect(note.querySelector('p')?.textContent).toBe('This request is closed. To continue, submit a follow-up request.');
    expect(badge(widget)).toBe('Closed');
    expect(replyBox(widget)).toBeNull();
    expect(hasButton(widget, 'Mark as solved')).toBe(false);

    buttonByText(widget.root, 'Submit a follow-up').click();
    await flush();
    expect(byId(widget.root, 'ph-contact-heading')?.textContent).toBe('Contact us');
    expect(byId<HTMLInputElement>(widget.root, 'ph-subject')!.value).toBe('Follow-up to #1038: Refund for returned boots');
    expect(byId<HTMLSelectElement>(widget.root, 'ph-category')!.value).toBe(CATEGORY.billing);

    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'The refund still has not arrived.');
    await flush();
    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(server.posts()).toHaveLength(1));
    expect(server.posts()[0].body).toEqual({
      categoryId: CATEGORY.billing,
      subject: 'Follow-up to #1038: Refund for returned boots',
      description: 'The refund still has not arrived.',
      locale: 'en',
    });
  });

  test('when adding to a request answers 409 request_closed (support closed it meanwhile), the member gets the same note and follow-up', async () => {
    const closedMeanwhile: StoredRequest = {
      lists: ['mine'],
      closed: true,
      detail: requestDetail(1044, 'Sleeping bag zip stuck', {
        status: 'awaiting_reply',
        category: { id: CATEGORY.product, name: 'Product question' },
        can: { comment: true, solve: true, rate: false },
      }),
    };
    const { widget } = await mountMember({ requests: [closedMeanwhile] });
    widget.run('navigate', { request: 1044 });
    await until(() => expect(replyBox(widget)).not.toBeNull());
    await sendReply(widget, 'Still stuck.');

    await until(() =>
      expect(widget.root.querySelector('.request .closed-note p')?.textContent).toBe('This request is closed. To continue, submit a follow-up request.'),
    );
    expect(replyBox(widget)).toBeNull();
    expect(widget.emit.mock.calls.filter(([event]) => event === 'request:updated')).toEqual([]);

    buttonByText(widget.root, 'Submit a follow-up').click();
    await flush();
    expect(byId<HTMLInputElement>(widget.root, 'ph-subject')!.value).toBe('Follow-up to #1044: Sleeping bag zip stuck');
    expect(byId<HTMLSelectElement>(widget.root, 'ph-category')!.value).toBe(CATEGORY.product);
  });
});

describe('navigate', () => {
  test('`navigate` "requests" opens the panel on the member’s list', async () => {
    const { widget, backend } = await mountMember();
    widget.run('close');
    await flush();
    expect(widget.dialog().hidden).toBe(true);

    widget.run('navigate', 'requests');
    await waitForList(widget, ['Tent pole snapped on the first trip [Awaiting your reply]', 'Refund for returned boots [Closed]']);
    expect(widget.dialog().hidden).toBe(false);
    expect(widget.root.querySelector('.requests-heading')?.textContent).toBe('Your requests');
    expect(backend.lists()).toHaveLength(1);
  });

  test('`navigate` { request } opens that request; Back goes to the list, and Back again home', async () => {
    const { widget, backend } = await mountMember();
    widget.run('navigate', { request: 1042 });
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Tent pole snapped on the first trip'));
    expect(backend.memberCalls().map((c) => `${c.method} ${c.url.pathname}`)).toEqual(['GET /api/v1/sites/demo/requests/1042']);

    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await waitForList(widget, ['Tent pole snapped on the first trip [Awaiting your reply]', 'Refund for returned boots [Closed]']);
    expect(byId(widget.root, 'ph-request-title')).toBeNull();
    expect(widget.root.querySelector('.requests-heading')?.textContent).toBe('Your requests');

    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await flush();
    expect(byId(widget.root, 'ph-search')).not.toBeNull();
    expect(widget.root.querySelector('.member-entry')).not.toBeNull();
  });

  test('`identify` and `navigate` { request } queued before the panel loaded show the request once the member is signed in', async () => {
    const server = createFakeServer();
    const exchange = deferred<void>();
    const backend = addMemberBackend(server, { delay: (call) => (call.url.pathname.endsWith('/session') ? exchange.promise : undefined) });
    const widget = mountWidget({
      server,
      pending: [
        ['identify', { token: 'host-token-dana' }],
        ['navigate', { request: 1042 }],
      ],
    });
    await flush();
    expect(widget.dialog().hidden).toBe(false);
    expect(widget.root.querySelector('.body')?.textContent).toBe('Loading…');
    expect(backend.memberCalls()).toEqual([]);

    exchange.resolve();
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Tent pole snapped on the first trip'));
    expect(backend.sessionPosts()).toHaveLength(1);
    expect(backend.memberCalls().map((c) => c.headers.authorization)).toEqual([`Bearer ${backend.accessTokens[0]}`]);
  });

  test('opening a request moves keyboard focus to its title once it has loaded, and Back puts it on the row that opened it', async () => {
    const { widget } = await mountMember();
    await openRequestList(widget);
    await openRequestFromList(widget, 'Refund for returned boots');
    await until(() => expect(widget.root.activeElement).toBe(byId(widget.root, 'ph-request-title')));

    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await until(() => expect(widget.root.activeElement?.closest('.request-row')?.textContent).toContain('Refund for returned boots'));
    // Another request, while the previous one is still what the model holds: its title, not a stale one, gets focus.
    await until(() => expect(requestRows(widget)).toHaveLength(2));
    await openRequestFromList(widget, 'Tent pole snapped on the first trip');
    await until(() => expect(widget.root.activeElement).toBe(byId(widget.root, 'ph-request-title')));
    expect(widget.root.activeElement?.textContent).toBe('Tent pole snapped on the first trip');

    widget.run('navigate', { request: 1038 });
    await until(() => expect(widget.root.activeElement?.textContent).toBe('Refund for returned boots'));
  });

  test('while the next request loads, the one shown before does not flash up in its place', async () => {
    const { widget } = await mountMember();
    widget.run('navigate', { request: 1042 });
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Tent pole snapped on the first trip'));
    widget.root.querySelector<HTMLButtonElement>('button[aria-label="Back"]')!.click();
    await until(() => expect(requestRows(widget)).toHaveLength(2));

    widget.root.querySelectorAll<HTMLButtonElement>('.request-row')[1].click();
    // The very first render of the new view, before any effect or fetch has run.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(widget.root.querySelector('.request-row')).toBeNull();
    expect(byId(widget.root, 'ph-request-title')).toBeNull();
    expect(widget.root.querySelector('.body')?.textContent).toBe('Loading…');
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Refund for returned boots'));
  });

  test('a request the member may not see (404) says the request is not available — not that an article is — with no retry', async () => {
    const { widget } = await mountMember();
    widget.run('navigate', { request: 999 });
    await until(() => expect(widget.root.querySelector('.body .notice')).not.toBeNull());
    expect(widget.root.querySelector('.body .notice p')?.textContent).toBe('This request is not available.');
    expect(hasButton(widget, 'Try again')).toBe(false);
  });
});

describe('a follow-up request', () => {
  test('says which request it follows up and leads to it; a request that follows up none says nothing of it', async () => {
    const requests = memberRequests().map((stored) => (stored.detail.id === 1042 ? { ...stored, detail: { ...stored.detail, followUpOf: 1038 } } : stored));
    const { widget } = await mountMember({ requests });
    await openRequestList(widget);
    await openRequestFromList(widget, 'Tent pole snapped on the first trip');
    await until(() => expect(widget.root.querySelector('.request-meta .follow-up')?.textContent).toBe('Follow-up to #1038'));
    widget.root.querySelector<HTMLButtonElement>('.follow-up')!.click();
    await until(() => expect(widget.root.querySelector('#ph-request-title')?.textContent).toBe('Refund for returned boots'));
    expect(widget.root.querySelector('.follow-up')).toBeNull();
  });
});
