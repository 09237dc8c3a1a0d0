// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/account"}
/**
 * The XSS corpus the server stores verbatim (test/server/xss-corpus.test.ts), as a signed-in
 * member sees it: in request subjects on the list, and in the subject, category, CC names, author
 * names and messages of one request, and in their own name. Every payload is shown as text; none
 * makes an element, a handler attribute or a `javascript:` link anywhere in the shadow root.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  byId,
  CATEGORY,
  DANA,
  flush,
  mountMember,
  openRequestList,
  requestDetail,
  requestRows,
  unmountAll,
  until,
  type StoredRequest,
  type Widget,
} from './panel-harness.js';
import { XSS_CORPUS } from '../support/xss-corpus.js';

afterEach(() => {
  unmountAll();
});

/** Elements only a payload could have made. The widget's own icons are aria-hidden SVGs with no script inside. */
function madeFromPayloads(widget: Widget): string[] {
  const root = widget.root;
  const suspicious = Array.from(root.querySelectorAll('script, img, iframe, object, embed, xss, math, style, body, table, div[style]'));
  const foreignSvg = Array.from(root.querySelectorAll('svg')).filter(
    (svg) => svg.getAttribute('aria-hidden') !== 'true' || svg.querySelector('script, foreignObject'),
  );
  const scriptLinks = Array.from(root.querySelectorAll('a[href], [src], [action], [formaction]')).filter((el) =>
    ['href', 'src', 'action', 'formaction'].some((name) => /^\s*javascript:/i.test(el.getAttribute(name) ?? '')),
  );
  return [...suspicious, ...foreignSvg, ...scriptLinks].map((el) => el.outerHTML);
}

/** Every inline event handler attribute in the shadow root. */
const handlerAttributes = (widget: Widget) =>
  Array.from(widget.root.querySelectorAll('*')).flatMap((el) =>
    el
      .getAttributeNames()
      .filter((name) => name.toLowerCase().startsWith('on'))
      .map((name) => `${el.tagName.toLowerCase()}[${name}]`),
  );

const thread = (widget: Widget) =>
  Array.from(widget.root.querySelectorAll('.thread .message'), (message) => ({
    author: message.querySelector('.message-author strong')?.textContent,
    body: message.querySelector('.message-body')?.textContent,
  }));

function hostileRequests(): StoredRequest[] {
  return XSS_CORPUS.map((payload, i) => ({
    lists: ['mine'],
    detail: requestDetail(2000 + i, payload, {
      category: { id: CATEGORY.product, name: `Products ${payload}` },
      ccs: [{ name: payload, email: `cc${i}@example.org` }],
      comments: [
        { id: `c${i}a`, body: payload, author: { name: payload, role: 'customer', you: false }, createdAt: '2025-03-01T09:00:00.000Z', attachments: [] },
        {
          id: `c${i}b`,
          body: `${payload}\nsecond line ${payload}`,
          author: { name: `Agent ${payload}`, role: 'agent', you: false },
          createdAt: '2025-03-01T10:00:00.000Z',
          attachments: [],
        },
      ],
    }),
  }));
}

describe('the XSS corpus in what a member sees', () => {
  test('the request list shows every hostile subject as its plain text and builds nothing from it', async () => {
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const { widget } = await mountMember({ requests: hostileRequests() });
    await openRequestList(widget);
    await until(() => expect(requestRows(widget)).toHaveLength(XSS_CORPUS.length));

    const subjects = Array.from(widget.root.querySelectorAll('.request-row .request-subject'), (el) => el.textContent);
    expect(subjects).toEqual(XSS_CORPUS);
    expect(madeFromPayloads(widget)).toEqual([]);
    expect(handlerAttributes(widget)).toEqual([]);
    await flush();
    expect(alert).not.toHaveBeenCalled();
  });

  test.each(XSS_CORPUS.map((payload, i) => ({ payload, id: 2000 + i })))(
    'request #$id shows $payload as text in its subject, category, CCs, authors and messages',
    async ({ payload, id }) => {
      const alert = vi.fn();
      vi.stubGlobal('alert', alert);
      const { widget } = await mountMember({ requests: hostileRequests() });
      widget.run('navigate', { request: id });
      await until(() => expect(thread(widget)).toHaveLength(2));

      expect(byId(widget.root, 'ph-request-title')?.textContent).toBe(payload);
      expect(widget.root.querySelector('.request .request-meta')?.textContent).toContain(`Products ${payload}`);
      expect(widget.root.querySelector('.ccs')?.textContent).toBe(`CC: ${payload}`);
      expect(thread(widget)).toEqual([
        { author: payload, body: payload },
        { author: `Agent ${payload}`, body: `${payload}\nsecond line ${payload}` },
      ]);
      expect(madeFromPayloads(widget)).toEqual([]);
      expect(handlerAttributes(widget)).toEqual([]);
      await flush();
      expect(alert).not.toHaveBeenCalled();
    },
  );

  test('a member whose own name is hostile markup sees it as text on the home view', async () => {
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const name = '<img src=x onerror=alert(1)><svg onload=alert(2)>';
    const { widget } = await mountMember({ tokens: { 'host-token-eve': { ...DANA, name } } });
    expect(widget.root.textContent).toContain(name);
    expect(madeFromPayloads(widget)).toEqual([]);
    expect(handlerAttributes(widget)).toEqual([]);
    await flush();
    expect(alert).not.toHaveBeenCalled();
  });
});
