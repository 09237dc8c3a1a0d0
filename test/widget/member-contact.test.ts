// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/help"}
/** "Contact us" for a signed-in member: no email or name to give, and a CC field checked before sending. */
import { afterEach, describe, expect, test } from 'vitest';
import {
  buttonByText,
  byId,
  CATEGORY,
  choose,
  describedError,
  flush,
  mountMember,
  mountWidget,
  typeInto,
  until,
  unmountAll,
  type Widget,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function openMemberForm() {
  const signedIn = await mountMember();
  buttonByText(signedIn.widget.root, 'Contact us').click();
  await flush();
  const heading = byId(signedIn.widget.root, 'ph-contact-heading');
  expect(heading?.textContent).toBe('Contact us');
  // The view has settled (focus moved to its heading) before anything is typed.
  await until(() => expect(signedIn.widget.root.activeElement).toBe(heading));
  return signedIn;
}

function fillAccountQuestion(widget: Widget, ccs: string) {
  choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Account & sign-in');
  typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Add my colleagues to our account');
  typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'They should see our orders too.');
  typeInto(byId<HTMLInputElement>(widget.root, 'ph-ccs')!, ccs);
}

async function send(widget: Widget) {
  await flush();
  buttonByText(widget.root, 'Send request').click();
  await flush();
}

const ccField = (widget: Widget) => byId<HTMLInputElement>(widget.root, 'ph-ccs')!;

describe('the signed-in contact form', () => {
  test('asks no email or name — the server knows who the member is — and offers a CC field', async () => {
    const { widget } = await openMemberForm();
    expect(byId(widget.root, 'ph-email')).toBeNull();
    expect(byId(widget.root, 'ph-name')).toBeNull();
    const label = widget.root.querySelector('label[for="ph-ccs"]')!;
    expect(label.textContent).toBe('CC (optional)');
    expect(ccField(widget).getAttribute('aria-describedby')).toBe('ph-ccs-hint');
    expect(byId(widget.root, 'ph-ccs-hint')?.textContent).toBe('Email addresses of people who should see this conversation, separated by commas.');
  });

  test('an invalid, a repeated and the member’s own address are each named next to the CC field, and nothing is sent', async () => {
    const { widget, server } = await openMemberForm();
    fillAccountQuestion(widget, 'sam@example.org, not-an-address; SAM@Example.org  Dana@Example.org');
    await send(widget);

    const ccs = ccField(widget);
    expect(ccs.getAttribute('aria-invalid')).toBe('true');
    expect(ccs.getAttribute('aria-describedby')).toBe('ph-ccs-hint ph-ccs-error');
    expect(describedError(widget.root, ccs)).toBe(
      'not-an-address: Please enter an email address like name@example.com. ' +
        'SAM@Example.org: This address is listed twice. ' +
        'Dana@Example.org: You will get the replies anyway: no need to copy yourself.',
    );
    expect(widget.root.activeElement).toBe(ccs);
    expect(server.posts()).toEqual([]);

    // Fixing the list takes the complaint away at once.
    typeInto(ccs, 'sam@example.org');
    await flush();
    expect(ccs.getAttribute('aria-invalid')).toBe('false');
    expect(describedError(widget.root, ccs)).toBeUndefined();
  });

  test('a valid request is sent with its CCs and the member’s bearer token, and “Request sent” names the member’s address', async () => {
    const { widget, server, backend } = await openMemberForm();
    fillAccountQuestion(widget, ' sam@example.org, lee@example.com ');
    await send(widget);
    await until(() => expect(widget.root.querySelector('.sent h3')?.textContent).toBe('Request sent'));

    const [post, ...more] = server.posts();
    expect(more).toEqual([]);
    expect(post.headers.authorization).toBe(`Bearer ${backend.accessTokens[0]}`);
    expect(post.headers['idempotency-key']).toMatch(UUID);
    expect(post.body).toEqual({
      categoryId: CATEGORY.account,
      subject: 'Add my colleagues to our account',
      description: 'They should see our orders too.',
      ccs: ['sam@example.org', 'lee@example.com'],
      locale: 'en',
    });
    expect(widget.root.querySelector('.sent')?.textContent).toContain('We’ll reply to dana@example.org.');
    expect(widget.emit).toHaveBeenCalledWith('request:created', { id: 1042 });
  });

  test('a request without CCs sends no `ccs` key', async () => {
    const { widget, server } = await openMemberForm();
    fillAccountQuestion(widget, '   ');
    await send(widget);
    await until(() => expect(server.posts()).toHaveLength(1));
    expect(server.posts()[0].body).not.toHaveProperty('ccs');
  });
});

describe('anonymous visitors', () => {
  test('never see the CC field, and give their email instead', async () => {
    const widget = mountWidget();
    widget.run('navigate', 'contact');
    await flush();
    expect(byId(widget.root, 'ph-contact-heading')).not.toBeNull();
    expect(byId(widget.root, 'ph-ccs')).toBeNull();
    expect(widget.root.querySelector('label[for="ph-ccs"]')).toBeNull();
    expect(byId(widget.root, 'ph-email')).not.toBeNull();
    expect(byId(widget.root, 'ph-name')).not.toBeNull();
  });
});
