// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/account/orders"}
/** "Contact us": what a visitor sees while filling in, sending and re-sending a request. */
import { afterEach, describe, expect, test } from 'vitest';
import {
  apiError,
  buttonByText,
  byId,
  CATEGORY,
  choose,
  createFakeServer,
  deferred,
  describedError,
  flush,
  json,
  mountWidget,
  typeInto,
  unmountAll,
  type FakeServer,
  type Widget,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function openContactForm(server?: FakeServer): Promise<Widget> {
  const widget = mountWidget({ server });
  widget.run('open');
  await flush();
  buttonByText(widget.root, 'Contact us').click();
  await flush();
  expect(byId(widget.root, 'ph-contact-heading')?.textContent).toBe('Contact us');
  return widget;
}

const control = <T extends HTMLElement = HTMLInputElement>(widget: Widget, id: string) => {
  const el = byId<T>(widget.root, id);
  if (!el) throw new Error(`no #${id} in the form`);
  return el;
};

function fillValidAccountQuestion(widget: Widget) {
  choose(control<HTMLSelectElement>(widget, 'ph-category'), 'Account & sign-in');
  typeInto(control(widget, 'ph-subject'), 'Cannot reset my password');
  typeInto(control<HTMLTextAreaElement>(widget, 'ph-description'), 'The reset email never arrives.');
  typeInto(control(widget, 'ph-email'), 'sam@example.org');
}

const submitButton = (widget: Widget) => widget.root.querySelector<HTMLButtonElement>('form.form button[type="submit"]')!;

/** Clicks Send the way a person does: after what they typed has rendered. */
async function send(widget: Widget) {
  await flush();
  submitButton(widget).click();
  await flush();
}

describe('checking the form before sending', () => {
  test('sending an empty form shows a message next to each required field and sends nothing', async () => {
    const widget = await openContactForm();
    await send(widget);

    for (const id of ['ph-category', 'ph-subject', 'ph-description', 'ph-email']) {
      const field = control(widget, id);
      expect(field.getAttribute('aria-invalid'), id).toBe('true');
      expect(field.getAttribute('aria-describedby'), id).toContain(`${id}-error`);
      expect(describedError(widget.root, field), id).toBe('Please fill this in.');
    }
    // The description keeps its hint alongside the error.
    expect(control(widget, 'ph-description').getAttribute('aria-describedby')!.split(' ')).toEqual(['ph-description-hint', 'ph-description-error']);
    // Name is optional.
    expect(control(widget, 'ph-name').getAttribute('aria-invalid')).toBe('false');
    expect(describedError(widget.root, control(widget, 'ph-name'))).toBeUndefined();
    // Focus goes to the first problem.
    expect(widget.root.activeElement).toBe(control(widget, 'ph-category'));
    expect(widget.server.posts()).toEqual([]);
  });

  test('fixing a field clears its message while the others stay', async () => {
    const widget = await openContactForm();
    await send(widget);
    typeInto(control(widget, 'ph-subject'), 'Where is my parcel?');
    await flush();
    expect(control(widget, 'ph-subject').getAttribute('aria-invalid')).toBe('false');
    expect(describedError(widget.root, control(widget, 'ph-subject'))).toBeUndefined();
    expect(describedError(widget.root, control(widget, 'ph-email'))).toBe('Please fill this in.');
  });

  test('an email address without a domain is pointed out', async () => {
    const widget = await openContactForm();
    fillValidAccountQuestion(widget);
    typeInto(control(widget, 'ph-email'), 'sam@example');
    await send(widget);
    expect(describedError(widget.root, control(widget, 'ph-email'))).toBe('Please enter an email address like name@example.com.');
    expect(widget.server.posts()).toEqual([]);
  });

  test('a subject of invisible characters, or a name with a right-to-left override, is pointed out before sending', async () => {
    const widget = await openContactForm();
    fillValidAccountQuestion(widget);
    typeInto(control(widget, 'ph-subject'), '\u200b\u200b');
    typeInto(control(widget, 'ph-name'), 'Sam \u202eredwoh');
    await send(widget);
    expect(describedError(widget.root, control(widget, 'ph-subject'))).toBe('Please write something we can read.');
    expect(describedError(widget.root, control(widget, 'ph-name'))).toBe('This contains characters that are not allowed.');
    expect(widget.server.posts()).toEqual([]);
  });

  test('choosing "Orders & shipping" asks for its required order number', async () => {
    const widget = await openContactForm();
    expect(byId(widget.root, 'ph-field-orderNumber')).toBeNull();

    choose(control<HTMLSelectElement>(widget, 'ph-category'), 'Orders & shipping');
    await flush();
    const orderNumber = control(widget, 'ph-field-orderNumber');
    const label = widget.root.querySelector(`label[for="ph-field-orderNumber"]`)!;
    expect(label.textContent).toBe('Order number');
    expect(label.querySelector('.optional')).toBeNull();
    expect(orderNumber.getAttribute('maxlength')).toBe('20');

    typeInto(control(widget, 'ph-subject'), 'Where is my parcel?');
    typeInto(control<HTMLTextAreaElement>(widget, 'ph-description'), 'Ordered two weeks ago.');
    typeInto(control(widget, 'ph-email'), 'sam@example.org');
    await send(widget);
    expect(orderNumber.getAttribute('aria-invalid')).toBe('true');
    expect(describedError(widget.root, orderNumber)).toBe('Please fill this in.');
    expect(widget.root.activeElement).toBe(orderNumber);
    expect(widget.server.posts()).toEqual([]);

    // Another topic has other fields: the order number goes away.
    choose(control<HTMLSelectElement>(widget, 'ph-category'), 'Product question');
    await flush();
    expect(byId(widget.root, 'ph-field-orderNumber')).toBeNull();
    const productType = control<HTMLSelectElement>(widget, 'ph-field-productType');
    expect(Array.from(productType.options, (o) => o.textContent)).toEqual(['Choose a product type', 'Tents', 'Backpacks', 'Clothing', 'Footwear', 'Other']);
  });
});

describe('sending a request', () => {
  test('a complete form is sent once, then "Request sent" shows its number and the host hears about it', async () => {
    const widget = await openContactForm();
    choose(control<HTMLSelectElement>(widget, 'ph-category'), 'Orders & shipping');
    await flush();
    typeInto(control(widget, 'ph-field-orderNumber'), 'NW-10042');
    typeInto(control(widget, 'ph-subject'), '  Where is my parcel?  ');
    typeInto(control<HTMLTextAreaElement>(widget, 'ph-description'), 'Ordered two weeks ago,\nstill not here.');
    typeInto(control(widget, 'ph-email'), ' sam@example.org ');
    // Name left empty, honeypot untouched.
    await send(widget);

    const posts = widget.server.posts();
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post.url.href).toBe('https://support.example.com/api/v1/sites/demo/requests');
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['idempotency-key']).toMatch(UUID);
    expect(post.body).toEqual({
      categoryId: CATEGORY.orders,
      subject: 'Where is my parcel?',
      description: 'Ordered two weeks ago,\nstill not here.',
      email: 'sam@example.org',
      fields: { orderNumber: 'NW-10042' },
      locale: 'en',
    });
    expect(post.body).not.toHaveProperty('name');
    expect(post.body).not.toHaveProperty('website');

    const sent = widget.root.querySelector('.sent')!;
    expect(sent.getAttribute('role')).toBe('status');
    expect(sent.querySelector('h3')?.textContent).toBe('Request sent');
    expect(sent.textContent).toContain('Thanks! Your request #1042 has reached our support team.');
    expect(sent.textContent).toContain('We’ll reply to sam@example.org.');
    expect(widget.emit).toHaveBeenCalledWith('request:created', { id: 1042 });
    expect(widget.emit.mock.calls.filter(([event]) => event === 'request:created')).toHaveLength(1);
  });

  test('after sending, a new request starts from an empty form but keeps the email', async () => {
    const widget = await openContactForm();
    fillValidAccountQuestion(widget);
    await send(widget);
    buttonByText(widget.root, 'Back to help').click();
    await flush();
    buttonByText(widget.root, 'Contact us').click();
    await flush();
    expect(control(widget, 'ph-subject').value).toBe('');
    expect(control<HTMLSelectElement>(widget, 'ph-category').value).toBe('');
    expect(control(widget, 'ph-email').value).toBe('sam@example.org');
  });

  test('clicking Send twice quickly sends one request', async () => {
    const server = createFakeServer();
    const answer = deferred<Response>();
    server.override((call) => (call.method === 'POST' ? answer.promise : undefined));
    const widget = await openContactForm(server);
    fillValidAccountQuestion(widget);
    await flush();

    // Two clicks in the same moment: the button has not even re-rendered as disabled yet.
    submitButton(widget).click();
    submitButton(widget).click();
    await flush();
    expect(widget.server.posts()).toHaveLength(1);
    expect(submitButton(widget).disabled).toBe(true);
    expect(submitButton(widget).textContent).toBe('Sending…');

    answer.resolve(json({ request: { id: 7, subject: 'Cannot reset my password', status: 'open', statusLabel: 'Open', createdAt: 'x', updatedAt: 'x' } }, 201));
    await flush();
    expect(widget.server.posts()).toHaveLength(1);
    expect(widget.root.querySelector('.sent')?.textContent).toContain('#7');
    expect(widget.emit.mock.calls.filter(([event]) => event === 'request:created')).toEqual([['request:created', { id: 7 }]]);
  });

  test('retrying after the network failed reuses the same Idempotency-Key, so no duplicate ticket', async () => {
    const server = createFakeServer();
    let failures = 1;
    server.override((call) => (call.method === 'POST' && failures-- > 0 ? Promise.reject(new TypeError('Failed to fetch')) : undefined));
    const widget = await openContactForm(server);
    fillValidAccountQuestion(widget);

    await send(widget);
    const alert = widget.root.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('We couldn’t reach support just now. Check your connection and try again.');
    expect(widget.root.querySelector('.sent')).toBeNull();
    expect(widget.emit).not.toHaveBeenCalledWith('request:created', expect.anything());

    await send(widget);
    const [first, retry] = widget.server.posts();
    expect(widget.server.posts()).toHaveLength(2);
    expect(first.headers['idempotency-key']).toMatch(UUID);
    expect(retry.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(retry.body).toEqual(first.body);
    expect(widget.root.querySelector('.sent h3')?.textContent).toBe('Request sent');
  });

  test('changing the request after a failure sends it with a new Idempotency-Key', async () => {
    const server = createFakeServer();
    let failures = 1;
    server.override((call) => (call.method === 'POST' && failures-- > 0 ? Promise.reject(new TypeError('Failed to fetch')) : undefined));
    const widget = await openContactForm(server);
    fillValidAccountQuestion(widget);
    await send(widget);

    typeInto(control<HTMLTextAreaElement>(widget, 'ph-description'), 'The reset email never arrives, not even in spam.');
    await send(widget);

    const [first, changed] = widget.server.posts();
    expect(changed.headers['idempotency-key']).toMatch(UUID);
    expect(changed.headers['idempotency-key']).not.toBe(first.headers['idempotency-key']);
    expect(changed.body).toMatchObject({ description: 'The reset email never arrives, not even in spam.' });
  });

  test('two separate requests get different Idempotency-Keys', async () => {
    const widget = await openContactForm();
    fillValidAccountQuestion(widget);
    await send(widget);
    buttonByText(widget.root, 'Back to help').click();
    await flush();
    buttonByText(widget.root, 'Contact us').click();
    await flush();
    fillValidAccountQuestion(widget);
    await send(widget);

    const [first, second] = widget.server.posts();
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotency-key']).not.toBe(first.headers['idempotency-key']);
  });
});

describe('the server’s answers', () => {
  test('a field the server refuses shows its message next to that field', async () => {
    const server = createFakeServer();
    server.override((call) =>
      call.method === 'POST' ? apiError(400, 'validation_failed', 'Some fields need attention.', { subject: 'Subjects may not be only links.' }) : undefined,
    );
    const widget = await openContactForm(server);
    fillValidAccountQuestion(widget);
    await send(widget);

    const subject = control(widget, 'ph-subject');
    expect(subject.getAttribute('aria-invalid')).toBe('true');
    expect(describedError(widget.root, subject)).toBe('Subjects may not be only links.');
    expect(widget.root.activeElement).toBe(subject);
    expect(control(widget, 'ph-email').getAttribute('aria-invalid')).toBe('false');
    // The field message is the explanation: no generic banner on top of it, and the form is kept.
    expect(widget.root.querySelector('[role="alert"]')).toBeNull();
    expect(widget.root.querySelector('.sent')).toBeNull();
    expect(subject.value).toBe('Cannot reset my password');
  });

  test('too many requests says to wait rather than to retry', async () => {
    const server = createFakeServer();
    server.override((call) => (call.method === 'POST' ? apiError(429, 'rate_limited', 'Too many requests.') : undefined));
    const widget = await openContactForm(server);
    fillValidAccountQuestion(widget);
    await send(widget);
    expect(widget.root.querySelector('[role="alert"]')?.textContent).toBe(
      'You have sent several requests in a short time. Please wait a few minutes and try again.',
    );
  });
});
