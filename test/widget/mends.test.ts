// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/account"}
/**
 * What a new user tripped over (issue 13, "Looks"): "Mark as solved" with an unsent reply, the empty
 * list under a status filter, "View request" after sending, a select's placeholder, the contact form
 * opening at its top, drafts that survive moving to another page of the host site, and skeletons
 * while a view loads.
 */
import { afterEach, describe, expect, test } from 'vitest';
import {
  buttonByText,
  byId,
  CATEGORY,
  choose,
  deferred,
  flush,
  leavePage,
  mountMember,
  mountWidget,
  openRequestFromList,
  openRequestList,
  requestRows,
  typeInto,
  until,
  unmountAll,
  type Widget,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
  localStorage.clear();
});

const replyBox = (widget: Widget) => byId<HTMLTextAreaElement>(widget.root, 'ph-reply');
const badge = (widget: Widget) => widget.root.querySelector('.request .request-meta .badge')?.textContent;
const buttons = (scope: ParentNode) => Array.from(scope.querySelectorAll('button'), (b) => b.textContent?.trim());

async function openTentRequest() {
  const mounted = await mountMember();
  await openRequestList(mounted.widget);
  await openRequestFromList(mounted.widget, 'Tent pole snapped on the first trip');
  return mounted;
}

async function pressSolveWith(widget: Widget, text: string) {
  typeInto(replyBox(widget)!, text);
  await flush();
  buttonByText(widget.root, 'Mark as solved').click();
  await flush();
  return widget.root.querySelector<HTMLElement>('.send-first')!;
}

describe('“Mark as solved” with a reply still in the box', () => {
  test('asks whether to send it first; “Send and mark as solved” sends the reply, then solves', async () => {
    const { widget, backend } = await openTentRequest();
    const question = await pressSolveWith(widget, 'Thanks, the new pole fits.');
    expect(question.getAttribute('role')).toBe('group');
    expect(byId(widget.root, question.getAttribute('aria-labelledby')!)?.textContent).toBe(
      'You have a reply you haven’t sent. Send it before marking the request as solved?',
    );
    expect(buttons(question)).toEqual(['Send and mark as solved', 'Mark as solved without sending', 'Cancel']);
    expect(widget.root.activeElement?.textContent).toBe('Send and mark as solved');
    // Nothing went out yet: the question comes first.
    expect(backend.memberCalls().filter((c) => c.method === 'POST')).toEqual([]);

    buttonByText(question, 'Send and mark as solved').click();
    await until(() => expect(badge(widget)).toBe('Solved'));
    expect(
      backend
        .memberCalls()
        .filter((c) => c.method === 'POST')
        .map((c) => [c.url.pathname.split('/').slice(-2).join('/'), c.body]),
    ).toEqual([
      ['1042/comments', { body: 'Thanks, the new pole fits.' }],
      ['1042/solve', undefined],
    ]);
    expect(widget.root.querySelector('.thread')?.textContent).toContain('Thanks, the new pole fits.');
    expect(widget.root.querySelector('.send-first')).toBeNull();
  });

  test('“Mark as solved without sending” solves and leaves the text unsent; “Cancel” does neither', async () => {
    const { widget, backend } = await openTentRequest();
    buttonByText(await pressSolveWith(widget, 'Never mind'), 'Cancel').click();
    await flush();
    expect(widget.root.querySelector('.send-first')).toBeNull();
    expect(replyBox(widget)!.value).toBe('Never mind');
    expect(backend.memberCalls().filter((c) => c.method === 'POST')).toEqual([]);

    buttonByText(widget.root, 'Mark as solved').click();
    await flush();
    buttonByText(widget.root.querySelector('.send-first')!, 'Mark as solved without sending').click();
    await until(() => expect(badge(widget)).toBe('Solved'));
    expect(
      backend
        .memberCalls()
        .filter((c) => c.method === 'POST')
        .map((c) => c.url.pathname.split('/').pop()),
    ).toEqual(['solve']);
    expect(widget.root.querySelector('.thread')?.textContent).not.toContain('Never mind');
  });

  test('with an empty box it solves at once, as before', async () => {
    const { widget } = await openTentRequest();
    buttonByText(widget.root, 'Mark as solved').click();
    await until(() => expect(badge(widget)).toBe('Solved'));
    expect(widget.root.querySelector('.send-first')).toBeNull();
  });
});

describe('an empty list under a status filter', () => {
  test('says which status it holds none of and offers to clear the filter, which shows every request again', async () => {
    const { widget, backend } = await mountMember();
    await openRequestList(widget);
    const filter = widget.root.querySelector<HTMLSelectElement>('.filter select')!;
    expect(Array.from(filter.options, (o) => o.textContent)).toEqual(['All', 'Open', 'Awaiting your reply', 'Solved', 'Closed']);
    choose(filter, 'Solved');
    await until(() => expect(widget.root.querySelector('.empty-filter p')?.textContent).toBe('No solved requests'));
    expect(requestRows(widget)).toEqual([]);

    buttonByText(widget.root, 'Show all requests').click();
    await until(() => expect(requestRows(widget)).toEqual(['Tent pole snapped on the first trip [Awaiting your reply]', 'Refund for returned boots [Closed]']));
    expect(filter.value).toBe('');
    expect(backend.lists().at(-1)!.url.searchParams.get('status')).toBeNull();
  });

  test('“Closed” lists the closed requests', async () => {
    const { widget, backend } = await mountMember();
    await openRequestList(widget);
    choose(widget.root.querySelector<HTMLSelectElement>('.filter select')!, 'Closed');
    await until(() => expect(requestRows(widget)).toEqual(['Refund for returned boots [Closed]']));
    expect(backend.lists().at(-1)!.url.searchParams.get('status')).toBe('closed');
  });

  test('with no filter, an empty list still says “Nothing here yet.”', async () => {
    const { widget } = await mountMember({ requests: [] });
    await openRequestList(widget);
    expect(widget.root.querySelector('#ph-request-list')?.textContent).toBe('Nothing here yet.');
  });
});

async function openContact(widget: Widget) {
  buttonByText(widget.root, 'Contact us').click();
  await until(() => expect(byId(widget.root, 'ph-contact-heading')).not.toBeNull());
}

describe('after a member sends a request', () => {
  test('“View request” opens it', async () => {
    const { widget, backend } = await mountMember();
    await openContact(widget);
    choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Account & sign-in');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Locked out');
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'My password stopped working.');
    await flush();
    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(widget.root.querySelector('.sent')).not.toBeNull());
    // The fake server numbers new requests from 1042, the request it already holds for Dana.
    buttonByText(widget.root, 'View request').click();
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Tent pole snapped on the first trip'));
    expect(backend.memberCalls().at(-1)!.url.pathname).toBe('/api/v1/sites/demo/requests/1042');
  });

  test('a visitor (no member) gets no “View request”: they have no list to see it in', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    await openContact(widget);
    choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Account & sign-in');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Locked out');
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'My password stopped working.');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-email')!, 'sam@example.org');
    await flush();
    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(widget.root.querySelector('.sent')).not.toBeNull());
    expect(buttons(widget.root.querySelector('.sent')!)).toEqual(['Back to help']);
  });
});

describe('the contact form', () => {
  test('a category’s select field names its own field in its placeholder', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    await openContact(widget);
    choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Product question');
    await flush();
    const select = byId<HTMLSelectElement>(widget.root, 'ph-field-productType')!;
    expect(select.options[0]!.textContent).toBe('Choose a product type');
    expect(select.options[0]!.value).toBe('');
  });

  test('opens at its top, wherever the home view had been scrolled to', async () => {
    const widget = mountWidget();
    widget.run('open');
    await flush();
    const body = widget.root.querySelector<HTMLElement>('.body')!;
    body.scrollTop = 400;
    await openContact(widget);
    await flush();
    expect(body.scrollTop).toBe(0);
  });
});

describe('drafts kept for the tab', () => {
  const keys = () => Object.keys(sessionStorage).sort();

  test('the contact form’s text comes back on the next page of the site, and goes once sent — never in localStorage', async () => {
    let widget = mountWidget();
    widget.run('open');
    await flush();
    await openContact(widget);
    choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Orders & shipping');
    await flush();
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-field-orderNumber')!, 'NW-20931');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Parcel never came');
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'Tracking stopped on Monday.');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-email')!, 'sam@example.org');
    await flush();
    expect(keys()).toEqual(['porthole:demo:draft:contact']);
    // What the visitor wrote, not who they are.
    expect(JSON.parse(sessionStorage.getItem('porthole:demo:draft:contact')!)).toEqual({
      categoryId: CATEGORY.orders,
      subject: 'Parcel never came',
      description: 'Tracking stopped on Monday.',
      fields: { orderNumber: 'NW-20931' },
    });
    expect(localStorage.length).toBe(0);

    // The next page of the host site: a new widget, the same tab.
    leavePage();
    widget = mountWidget();
    widget.run('open');
    await flush();
    await openContact(widget);
    expect(byId<HTMLSelectElement>(widget.root, 'ph-category')!.value).toBe(CATEGORY.orders);
    expect(byId<HTMLInputElement>(widget.root, 'ph-field-orderNumber')!.value).toBe('NW-20931');
    expect(byId<HTMLInputElement>(widget.root, 'ph-subject')!.value).toBe('Parcel never came');
    expect(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!.value).toBe('Tracking stopped on Monday.');

    typeInto(byId<HTMLInputElement>(widget.root, 'ph-email')!, 'sam@example.org');
    await flush();
    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(widget.root.querySelector('.sent')).not.toBeNull());
    expect(keys()).toEqual([]);
  });

  test('a stored draft that is not what the widget wrote is read as text only', async () => {
    sessionStorage.setItem('porthole:demo:draft:contact', JSON.stringify({ subject: { evil: true }, description: 'Kept', fields: { a: 1, b: 'two' } }));
    const widget = mountWidget();
    widget.run('open');
    await flush();
    await openContact(widget);
    expect(byId<HTMLInputElement>(widget.root, 'ph-subject')!.value).toBe('');
    expect(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!.value).toBe('Kept');
  });

  test('a reply’s text is kept under its request, comes back when the request opens again, and goes once sent', async () => {
    let { widget } = await openTentRequest();
    typeInto(replyBox(widget)!, 'Photo coming tonight');
    await flush();
    expect(sessionStorage.getItem('porthole:demo:draft:request.1042')).toBe('"Photo coming tonight"');

    leavePage();
    ({ widget } = await openTentRequest());
    expect(replyBox(widget)!.value).toBe('Photo coming tonight');
    buttonByText(widget.root, 'Send').click();
    await until(() => expect(widget.root.querySelector('.thread')?.textContent).toContain('Photo coming tonight'));
    expect(keys()).toEqual([]);
  });

  test('logout removes every kept draft of the site', async () => {
    const { widget } = await openTentRequest();
    typeInto(replyBox(widget)!, 'Half a thought');
    await flush();
    sessionStorage.setItem('porthole:demo:draft:contact', JSON.stringify({ subject: 'Another' }));
    sessionStorage.setItem('porthole:other-site:draft:contact', JSON.stringify({ subject: 'Not ours' }));
    widget.run('logout');
    await flush();
    expect(keys()).toEqual(['porthole:other-site:draft:contact']);
  });

  test('a session that ends removes them too', async () => {
    const { widget, backend } = await openTentRequest();
    typeInto(replyBox(widget)!, 'Half a thought');
    await flush();
    backend.endSessions();
    buttonByText(widget.root, 'Send').click();
    await until(() => expect(widget.root.querySelector('.body .notice')?.textContent).toBe('Your session has ended. Reload the page to sign in again.'));
    expect(keys()).toEqual([]);
  });
});

describe('loading', () => {
  test('is a skeleton, busy, with a visually hidden “Loading…” for screen readers, not the word on screen', async () => {
    const held = deferred<void>();
    const { widget } = await mountMember({ delay: (call) => (call.url.pathname.endsWith('/requests') ? held.promise : undefined) });
    widget.root.querySelector<HTMLButtonElement>('.member-entry')!.click();
    await until(() => expect(widget.root.querySelector('#ph-request-list .skeleton')).not.toBeNull());
    const skeleton = widget.root.querySelector('#ph-request-list .skeleton')!;
    expect(skeleton.getAttribute('aria-busy')).toBe('true');
    expect(skeleton.querySelector('.visually-hidden')?.textContent).toBe('Loading…');
    expect(skeleton.textContent).toBe('Loading…');
    held.resolve();
    await until(() => expect(widget.root.querySelector('.skeleton')).toBeNull());
  });
});
