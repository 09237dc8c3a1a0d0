// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/account"}
/**
 * "How did we do?" on a solved request (`can.rate`): Good / Bad as pressed buttons, an optional
 * comment, thanks, and a change of mind; and a solve mail's link (`…&rate=good`), which pre-selects
 * the score and asks to confirm it — opening a link never stores a rating.
 */
import { afterEach, describe, expect, test } from 'vitest';
import {
  addMemberBackend,
  buttonByText,
  byId,
  createFakeServer,
  DANA,
  flush,
  mountMember,
  mountWidget,
  requestDetail,
  typeInto,
  until,
  unmountAll,
  type StoredRequest,
  type Widget,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
  history.replaceState(null, '', '/account');
});

const SUBJECT = 'Stove will not light';
const solved = (): StoredRequest => ({
  lists: ['mine'],
  detail: requestDetail(1050, SUBJECT, {
    status: 'solved',
    comments: [
      {
        id: 'cmt_s1',
        body: 'Clean the jet and it lights.',
        author: { name: 'Priya Natarajan', role: 'agent', you: false },
        createdAt: '2025-03-02T10:00:00.000Z',
        attachments: [],
      },
    ],
    can: { comment: true, solve: false, rate: true },
  }),
});

const rating = (widget: Widget) => widget.root.querySelector<HTMLElement>('.rating');
const pressed = (widget: Widget) =>
  Array.from(rating(widget)!.querySelectorAll('.rate-scores button'), (b) => `${b.textContent}${b.getAttribute('aria-pressed') === 'true' ? ' *' : ''}`);
const ratingPuts = (widget: Widget) =>
  widget.server.calls.filter((c) => c.method === 'PUT').map((c) => [c.url.pathname.split('/').slice(-2).join('/'), c.body]);

async function openSolved(requests = [solved()]) {
  const mounted = await mountMember({ requests });
  mounted.widget.run('navigate', { request: 1050 });
  await until(() => expect(rating(mounted.widget)).not.toBeNull());
  return mounted;
}

describe('rating a solved request', () => {
  test('Good is a real button that shows it is pressed; a comment is optional; sending thanks the member', async () => {
    const { widget } = await openSolved();
    expect(byId(widget.root, 'ph-rate-title')?.textContent).toBe('How did we do?');
    expect(rating(widget)!.querySelector('[role="group"]')?.getAttribute('aria-labelledby')).toBe('ph-rate-title');
    expect(pressed(widget)).toEqual(['Good', 'Bad']);

    buttonByText(rating(widget)!, 'Good').click();
    await flush();
    expect(pressed(widget)).toEqual(['Good *', 'Bad']);
    // Choosing only selects: nothing is stored until it is sent.
    expect(ratingPuts(widget)).toEqual([]);
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-rate-comment')!, '  Quick and kind.  ');
    await flush();
    buttonByText(rating(widget)!, 'Send rating').click();
    await until(() => expect(rating(widget)!.querySelector('.rate-thanks')?.textContent).toBe('Thanks for your rating. You can change it at any time.'));
    expect(ratingPuts(widget)).toEqual([['1050/rating', { score: 'good', comment: 'Quick and kind.' }]]);
    expect(pressed(widget)).toEqual(['Good *', 'Bad']);
    expect(byId(widget.root, 'ph-rate-comment')).toBeNull();
  });

  test('a change of mind: choosing Bad after Good and sending replaces the rating, keeping the comment to edit', async () => {
    const stored = solved();
    stored.detail.rating = { score: 'good', comment: 'Fine' };
    const { widget } = await openSolved([stored]);
    expect(pressed(widget)).toEqual(['Good *', 'Bad']);
    expect(rating(widget)!.querySelector('.rate-thanks')).not.toBeNull();

    buttonByText(rating(widget)!, 'Bad').click();
    await flush();
    expect(pressed(widget)).toEqual(['Good', 'Bad *']);
    expect(byId<HTMLTextAreaElement>(widget.root, 'ph-rate-comment')!.value).toBe('Fine');
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-rate-comment')!, '');
    await flush();
    buttonByText(rating(widget)!, 'Send rating').click();
    await until(() => expect(rating(widget)!.querySelector('.rate-thanks')).not.toBeNull());
    expect(ratingPuts(widget)).toEqual([['1050/rating', { score: 'bad' }]]);
    expect(pressed(widget)).toEqual(['Good', 'Bad *']);
  });

  test('Cancel leaves the rating as it was', async () => {
    const { widget } = await openSolved();
    buttonByText(rating(widget)!, 'Bad').click();
    await flush();
    buttonByText(rating(widget)!, 'Cancel').click();
    await flush();
    expect(pressed(widget)).toEqual(['Good', 'Bad']);
    expect(ratingPuts(widget)).toEqual([]);
  });

  test('a refusal shows the server’s words and keeps the choice', async () => {
    const { widget, backend } = await openSolved();
    // Meanwhile the server stopped taking a rating from this member.
    const stored = backend.requests[0]!;
    stored.detail = { ...stored.detail, can: { ...stored.detail.can, rate: false } };
    buttonByText(rating(widget)!, 'Good').click();
    await flush();
    buttonByText(rating(widget)!, 'Send rating').click();
    await until(() => expect(rating(widget)!.querySelector('[role="alert"]')?.textContent).toBe('Only the person who opened this request can rate it.'));
    expect(pressed(widget)).toEqual(['Good *', 'Bad']);
  });

  test('is not offered where the member may not rate (`can.rate` false: open, or someone else’s)', async () => {
    const { widget } = await mountMember();
    widget.run('navigate', { request: 1042 });
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Tent pole snapped on the first trip'));
    await flush();
    expect(rating(widget)).toBeNull();
  });
});

describe('from a solve mail’s rating link', () => {
  const LINK = 'eyJhbGciOiJIUzI1NiJ9.link.for-dana-1050';

  async function openFromMail(rate: 'good' | 'bad') {
    history.replaceState(null, '', `/account#porthole=request/1050&t=${LINK}&rate=${rate}`);
    const server = createFakeServer();
    addMemberBackend(server, { requests: [solved()], links: { [LINK]: { member: DANA, request: 1050 } } });
    const widget = mountWidget({ server });
    await until(() => expect(rating(widget)).not.toBeNull());
    return widget;
  }

  test('pre-selects the score and asks to confirm; nothing is stored until the member sends it', async () => {
    const widget = await openFromMail('bad');
    expect(location.hash).toBe('');
    expect(pressed(widget)).toEqual(['Good', 'Bad *']);
    expect(rating(widget)!.querySelector('.rate-confirm')?.textContent).toBe('Send this rating?');
    await flush();
    expect(ratingPuts(widget)).toEqual([]);

    buttonByText(rating(widget)!, 'Send rating').click();
    await until(() => expect(rating(widget)!.querySelector('.rate-thanks')).not.toBeNull());
    expect(ratingPuts(widget)).toEqual([['1050/rating', { score: 'bad' }]]);
    expect(rating(widget)!.querySelector('.rate-confirm')).toBeNull();
  });

  test('a link whose score is not good or bad is not one the widget opens', async () => {
    history.replaceState(null, '', `/account#porthole=request/1050&t=${LINK}&rate=great`);
    const server = createFakeServer();
    addMemberBackend(server, { requests: [solved()], links: { [LINK]: { member: DANA, request: 1050 } } });
    const widget = mountWidget({ server });
    await flush();
    expect(widget.dialog().hidden).toBe(true);
    expect(ratingPuts(widget)).toEqual([]);
  });
});
