// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/account"}
/**
 * Attaching files: the control on the contact form and on a member's reply (each file uploads at
 * once and shows how it stands, can be taken off before sending, and holds Send back while it
 * uploads), the errors in words, and a comment's files as previews or downloads.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  addMemberBackend,
  apiError,
  buttonByText,
  byId,
  choose,
  createFakeServer,
  deferred,
  flush,
  mountMember,
  json,
  mountWidget,
  openRequestFromList,
  openRequestList,
  requestDetail,
  siteConfig,
  typeInto,
  until,
  unmountAll,
  type FakeServer,
  type RecordedCall,
  type Widget,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const IMG = '<img src=x onerror=alert(1)>';

const file = (name: string, type: string, bytes = 1200) => new File([new Uint8Array(bytes).fill(65)], name, { type });

/** Chooses files in the file input, as the browser does after the visitor picked them. */
async function chooseFiles(widget: Widget, id: string, files: File[]) {
  const input = byId<HTMLInputElement>(widget.root, id)!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await flush();
}

/** Each chosen file's row: its name, size and state (or its problem). */
const rows = (widget: Widget) =>
  Array.from(widget.root.querySelectorAll('.upload'), (row) =>
    Array.from(row.querySelectorAll('.upload-name, .muted, .notice p'), (part) => part.textContent).join(' · '),
  );

const submitButton = (widget: Widget) => widget.root.querySelector<HTMLButtonElement>('form.form button[type="submit"]')!;
const uploadName = (call: RecordedCall) => call.url.searchParams.get('filename');

async function openContactForm(server?: FakeServer) {
  const widget = mountWidget({ server });
  widget.run('open');
  await flush();
  buttonByText(widget.root, 'Contact us').click();
  await until(() => expect(byId(widget.root, 'ph-files')).not.toBeNull());
  return widget;
}

async function fillAccountQuestion(widget: Widget) {
  choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Account & sign-in');
  typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Error on sign-in');
  typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'Screenshot attached.');
  typeInto(byId<HTMLInputElement>(widget.root, 'ph-email')!, 'sam@example.org');
  await flush();
}

describe('the attach control', () => {
  test('is a labelled file input that takes several files, with the limit as its hint', async () => {
    const widget = await openContactForm();
    const input = byId<HTMLInputElement>(widget.root, 'ph-files')!;
    expect(input.type).toBe('file');
    expect(input.multiple).toBe(true);
    expect(widget.root.querySelector('label[for="ph-files"]')?.textContent).toBe('Attach files');
    expect(byId(widget.root, input.getAttribute('aria-describedby')!)?.textContent).toBe('Up to 10 files, 20 MB each.');
  });

  test('uploads each chosen file at once, raw, with its type and name; Send waits for them, and the request claims them', async () => {
    const server = createFakeServer();
    const widget = await openContactForm(server);
    await fillAccountQuestion(widget);

    const screenshot = file('screen shot.png', 'image/png', 2400);
    await chooseFiles(widget, 'ph-files', [screenshot]);
    await until(() => expect(rows(widget)).toEqual(['screen shot.png · 2.3 KB · Attached']));
    const [upload] = server.uploads();
    expect(upload.url.search).toBe('?filename=screen+shot.png');
    expect(upload.headers['content-type']).toBe('image/png');
    expect(upload.headers.authorization).toBeUndefined(); // a visitor uploads anonymously
    expect(upload.body).toBe(screenshot);

    // A second file still uploading: it says so, and Send waits.
    let answer: (reply: Response) => void = () => {};
    server.override((call) => (uploadName(call) === 'notes.txt' ? new Promise<Response>((resolve) => (answer = resolve)) : undefined));
    await chooseFiles(widget, 'ph-files', [file('notes.txt', 'text/plain', 999)]);
    expect(rows(widget)).toEqual(['screen shot.png · 2.3 KB · Attached', 'notes.txt · 999 B · Uploading…']);
    expect(submitButton(widget).disabled).toBe(true);
    submitButton(widget)
      .closest('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    expect(server.posts()).toEqual([]);

    answer(new Response(JSON.stringify({ attachment: { id: 'att_notes', name: 'notes.txt', size: 999, contentType: 'text/plain' } }), { status: 201 }));
    await until(() => expect(submitButton(widget).disabled).toBe(false));
    submitButton(widget).click();
    await until(() => expect(server.posts()).toHaveLength(1));
    expect(server.posts()[0].body).toMatchObject({ subject: 'Error on sign-in', attachmentIds: ['att_1', 'att_notes'] });
    // The next request starts without them.
    await until(() => expect(widget.root.querySelector('.sent')).not.toBeNull());
    expect(widget.root.querySelectorAll('.upload')).toHaveLength(0);
  });

  test('a file taken off before sending is not claimed, even when its upload answers afterwards; focus returns to the input', async () => {
    const server = createFakeServer();
    const late = deferred<Response>();
    server.override((call) => (uploadName(call) === 'wrong.pdf' ? late.promise : undefined));
    const widget = await openContactForm(server);
    await fillAccountQuestion(widget);
    await chooseFiles(widget, 'ph-files', [file('wrong.pdf', 'application/pdf'), file('right.pdf', 'application/pdf')]);
    await until(() => expect(rows(widget)).toEqual(['wrong.pdf · 1.2 KB · Uploading…', 'right.pdf · 1.2 KB · Attached']));

    const remove = widget.root.querySelector<HTMLButtonElement>('button[aria-label="Remove wrong.pdf"]')!;
    remove.focus();
    remove.click();
    await flush();
    expect(rows(widget)).toEqual(['right.pdf · 1.2 KB · Attached']);
    expect(widget.root.activeElement).toBe(byId(widget.root, 'ph-files'));

    late.resolve(
      new Response(JSON.stringify({ attachment: { id: 'att_wrong', name: 'wrong.pdf', size: 1200, contentType: 'application/pdf' } }), { status: 201 }),
    );
    await flush();
    expect(rows(widget)).toEqual(['right.pdf · 1.2 KB · Attached']);
    submitButton(widget).click();
    await until(() => expect(server.posts()).toHaveLength(1));
    expect(server.posts()[0].body).toMatchObject({ attachmentIds: ['att_1'] }); // right.pdf, the fake's first upload
  });

  test('a refused file says why in words; one refused for the moment can be tried again; none of them is claimed', async () => {
    const server = createFakeServer();
    let rateLimited = true;
    server.override((call) => {
      if (uploadName(call) === 'huge.mov') return apiError(413, 'file_too_large', 'This file is larger than 20 MB.');
      if (uploadName(call) === 'page.html') return apiError(415, 'file_type_not_allowed', 'Files of this type cannot be attached.');
      if (uploadName(call) === 'busy.png' && rateLimited) return apiError(429, 'rate_limited', 'Slow down.');
      if (uploadName(call) === 'one-too-many.pdf') return apiError(413, 'site_quota_exceeded', 'This site has no room for more files.');
      return undefined;
    });
    const widget = await openContactForm(server);
    await fillAccountQuestion(widget);
    await chooseFiles(widget, 'ph-files', [
      file('huge.mov', 'video/quicktime'),
      file('page.html', 'text/html'),
      file('busy.png', 'image/png'),
      file('one-too-many.pdf', 'application/pdf'),
    ]);
    await until(() =>
      expect(rows(widget)).toEqual([
        'huge.mov · 1.2 KB · Files can be at most 20 MB.',
        'page.html · 1.2 KB · This type of file can’t be attached.',
        'busy.png · 1.2 KB · Too many uploads just now. Please wait a moment and try again.',
        'one-too-many.pdf · 1.2 KB · This site has no room for more files.',
      ]),
    );
    // Only the one that may pass later offers a retry.
    const retries = Array.from(widget.root.querySelectorAll('.upload'), (row) => Boolean(row.querySelector('.notice button')));
    expect(retries).toEqual([false, false, true, false]);

    rateLimited = false;
    buttonByText(widget.root.querySelectorAll('.upload')[2], 'Try again').click();
    await until(() => expect(rows(widget)[2]).toBe('busy.png · 1.2 KB · Attached'));
    submitButton(widget).click();
    await until(() => expect(server.posts()).toHaveLength(1));
    expect(server.posts()[0].body).toMatchObject({ attachmentIds: ['att_1'] });
  });

  test('takes up to 10 files for one message, and says so when full', async () => {
    const widget = await openContactForm();
    await chooseFiles(
      widget,
      'ph-files',
      Array.from({ length: 12 }, (_, i) => file(`photo-${i + 1}.jpg`, 'image/jpeg')),
    );
    await until(() => expect(widget.server.uploads()).toHaveLength(10));
    expect(rows(widget)).toHaveLength(10);
    const input = byId<HTMLInputElement>(widget.root, 'ph-files')!;
    const full = byId(widget.root, 'ph-files-full');
    expect(full?.textContent).toBe('That is the most one message can carry (10 files). Remove one to attach another.');
    expect(input.getAttribute('aria-describedby')).toBe('ph-files-hint ph-files-full');

    await chooseFiles(widget, 'ph-files', [file('one-more.jpg', 'image/jpeg')]);
    expect(widget.server.uploads()).toHaveLength(10);
  });

  test("keeps to the server's limits from the site config: offers no more files, and refuses a file too big before uploading it", async () => {
    const server = createFakeServer();
    server.override((call) =>
      call.method === 'GET' && call.url.pathname.endsWith('/config')
        ? json({ ...siteConfig, attachments: { perMessage: 2, maxBytes: 1536 * 1024 } })
        : undefined,
    );
    const widget = await openContactForm(server);
    const input = byId<HTMLInputElement>(widget.root, 'ph-files')!;
    expect(byId(widget.root, input.getAttribute('aria-describedby')!)?.textContent).toBe('Up to 2 files, 1.5 MB each.');

    await chooseFiles(widget, 'ph-files', [
      file('video.mov', 'video/quicktime', 2 * 1024 * 1024),
      file('a.pdf', 'application/pdf'),
      file('b.pdf', 'application/pdf'),
    ]);
    await until(() => expect(rows(widget)).toEqual(['video.mov · 2 MB · Files can be at most 1.5 MB.', 'a.pdf · 1.2 KB · Attached']));
    // The too-big file never went to the server, and has no retry: it stays too big.
    expect(widget.server.uploads().map(uploadName)).toEqual(['a.pdf']);
    expect(widget.root.querySelector('.upload .notice button')).toBeNull();
    expect(byId(widget.root, 'ph-files-full')?.textContent).toBe('That is the most one message can carry (2 files). Remove one to attach another.');
  });

  test.each([
    ['too_many_attachments', 'A message can have at most 10 files. Remove one and send again.'],
    ['attachment_not_found', 'An attached file is no longer there. Remove it, attach it again and send again.'],
  ])('the contact form says in words of its own when the server refuses its files (%s)', async (code, words) => {
    const server = createFakeServer();
    server.override((call) =>
      call.method === 'POST' && call.url.pathname.endsWith('/requests') ? apiError(400, code, 'Refused.', { attachmentIds: 'refused' }) : undefined,
    );
    const widget = await openContactForm(server);
    await fillAccountQuestion(widget);
    await chooseFiles(widget, 'ph-files', [file('a.pdf', 'application/pdf')]);
    await until(() => expect(rows(widget)).toEqual(['a.pdf · 1.2 KB · Attached']));
    submitButton(widget).click();
    await until(() => expect(widget.root.querySelector('.form-error')?.textContent).toBe(words));
  });

  test('file names are shown as text', async () => {
    const widget = await openContactForm();
    await chooseFiles(widget, 'ph-files', [file(`${IMG}.png`, 'image/png')]);
    await until(() => expect(rows(widget)).toEqual([`${IMG}.png · 1.2 KB · Attached`]));
    expect(widget.root.querySelector('.upload img')).toBeNull();
  });
});

describe('a member', () => {
  test('attaches files to a reply with their session, and the conversation shows them: images as previews, the rest as downloads', async () => {
    const { widget, server, backend } = await mountMember();
    await openRequestList(widget);
    await openRequestFromList(widget, 'Tent pole snapped on the first trip');
    await chooseFiles(widget, 'ph-reply-files', [file('break.jpg', 'image/jpeg', 52_000), file(`${IMG}.pdf`, 'application/pdf', 2_300_000)]);
    await until(() => expect(rows(widget)).toEqual(['break.jpg · 50.8 KB · Attached', `${IMG}.pdf · 2.2 MB · Attached`]));
    expect(server.uploads().map((call) => call.headers.authorization)).toEqual([`Bearer ${backend.accessTokens[0]}`, `Bearer ${backend.accessTokens[0]}`]);

    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-reply')!, 'Photo and receipt attached.');
    await flush();
    buttonByText(widget.root, 'Send').click();
    await until(() => expect(widget.root.querySelectorAll('.thread .message')).toHaveLength(4));
    const comment = server.calls.find((call) => call.method === 'POST' && call.url.pathname.endsWith('/comments'))!;
    expect(comment.body).toEqual({ body: 'Photo and receipt attached.', attachmentIds: ['att_1', 'att_2'] });
    expect(widget.root.querySelectorAll('.upload')).toHaveLength(0);

    const last = widget.root.querySelectorAll('.thread .message')[3];
    const preview = last.querySelector<HTMLAnchorElement>('a.preview')!;
    expect(preview.href).toBe('https://support.example.com/api/v1/files/att_1?sig=s1gn3d');
    const image = preview.querySelector('img')!;
    expect(image.getAttribute('src')).toBe(preview.href);
    expect(image.getAttribute('alt')).toBe('break.jpg');
    const download = last.querySelector<HTMLAnchorElement>('a.download')!;
    expect(download.href).toBe('https://support.example.com/api/v1/files/att_2?sig=s1gn3d');
    expect(download.getAttribute('download')).toBe(`${IMG}.pdf`);
    // Its own tab: an expired link's error page never replaces the host's page.
    expect(download.target).toBe('_blank');
    expect(download.textContent).toBe(`${IMG}.pdf 2.2 MB`);
    // Only the one image: the name that looks like markup stayed text.
    expect(last.querySelectorAll('img')).toHaveLength(1);
  });

  test('a reply refused over its files says so in words of its own, and keeps what was written', async () => {
    const server = createFakeServer();
    server.override((call) =>
      call.method === 'POST' && call.url.pathname.endsWith('/comments')
        ? apiError(400, 'attachment_not_found', 'An attached file was not found.', { attachmentIds: 'refused' })
        : undefined,
    );
    const { widget } = await mountMember({ server });
    await openRequestList(widget);
    await openRequestFromList(widget, 'Tent pole snapped on the first trip');
    await chooseFiles(widget, 'ph-reply-files', [file('break.jpg', 'image/jpeg')]);
    await until(() => expect(rows(widget)).toEqual(['break.jpg · 1.2 KB · Attached']));
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-reply')!, 'Photo attached.');
    await flush();
    buttonByText(widget.root, 'Send').click();
    await until(() =>
      expect(widget.root.querySelector('form.reply .form-error')?.textContent).toBe(
        'An attached file is no longer there. Remove it, attach it again and send again.',
      ),
    );
    expect(byId<HTMLTextAreaElement>(widget.root, 'ph-reply')!.value).toBe('Photo attached.');
  });

  test('an SVG or any other type outside the inline list is a download, never an image', async () => {
    const files = [
      { id: 'att_svg', name: 'logo.svg', size: 800, contentType: 'image/svg+xml', url: 'https://support.example.com/f/svg' },
      { id: 'att_gif', name: 'spin.gif', size: 900, contentType: 'image/gif', url: 'https://support.example.com/f/gif' },
    ];
    const detail = requestDetail(1042, 'Logo looks wrong', {
      comments: [
        {
          id: 'cmt_1',
          body: 'See files.',
          author: { name: 'Dana Reyes', role: 'customer', you: true },
          createdAt: '2025-03-01T09:00:00.000Z',
          attachments: files,
        },
      ],
    });
    const { widget } = await mountMember({ requests: [{ lists: ['mine'], detail }] });
    await openRequestList(widget);
    await openRequestFromList(widget, 'Logo looks wrong');
    expect(Array.from(widget.root.querySelectorAll('.files img'), (img) => img.getAttribute('alt'))).toEqual(['spin.gif']);
    expect(Array.from(widget.root.querySelectorAll('.files a.download'), (link) => link.textContent)).toEqual(['logo.svg 800 B']);
  });

  describe('a view left open longer than its file URLs live', () => {
    const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;
    const urlOf = (id: string, end: number) => `https://support.example.com/api/v1/files/${id}/f?e=${end}&s=sig${end}`;
    /** Request 1042 with a photo and a PDF, their URLs ending at `end`; every read of it counted, the first with `first`, later ones fresh. */
    async function openWithFiles(first: number) {
      const server = createFakeServer();
      const reads: number[] = [];
      const detailEnding = (end: number) =>
        requestDetail(1042, 'Tent pole snapped', {
          comments: [
            {
              id: 'cmt_1',
              body: 'Photo and receipt.',
              author: { name: 'Dana Reyes', role: 'customer', you: true },
              createdAt: '2025-03-01T09:00:00.000Z',
              attachments: [
                { id: 'att_photo', name: 'pole.jpg', size: 900, contentType: 'image/jpeg', url: urlOf('att_photo', end) },
                { id: 'att_receipt', name: 'receipt.pdf', size: 900, contentType: 'application/pdf', url: urlOf('att_receipt', end) },
              ],
            },
          ],
        });
      server.override((call) => {
        if (call.method !== 'GET' || !call.url.pathname.endsWith('/requests/1042')) return undefined;
        reads.push(reads.length ? inSeconds(300) : first);
        return json({ request: detailEnding(reads.at(-1)!) });
      });
      const { widget } = await mountMember({ server, requests: [{ lists: ['mine'], detail: detailEnding(first) }] });
      await openRequestList(widget);
      await openRequestFromList(widget, 'Tent pole snapped');
      return { widget, reads };
    }
    const image = (widget: Widget) => widget.root.querySelector<HTMLImageElement>('.files img')!;
    const download = (widget: Widget) => widget.root.querySelector<HTMLAnchorElement>('.files a.download')!;

    test('a preview that fails to load re-reads the request once and shows the fresh URL; failing again, it asks no more', async () => {
      const { widget, reads } = await openWithFiles(inSeconds(-60));
      expect(reads).toHaveLength(1);
      image(widget).dispatchEvent(new Event('error'));
      await until(() => expect(image(widget).getAttribute('src')).toBe(urlOf('att_photo', reads[1])));
      expect(download(widget).href).toBe(urlOf('att_receipt', reads[1]));
      expect(reads).toHaveLength(2);

      image(widget).dispatchEvent(new Event('error'));
      await flush();
      expect(reads).toHaveLength(2);
    });

    test('a download whose URL has ended follows the fresh one; one still valid is followed as it is, with no re-read', async () => {
      const followed: string[] = [];
      const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        followed.push(`${this.href} ${this.download}`);
      });
      try {
        const { widget, reads } = await openWithFiles(inSeconds(-1));
        const event = new MouseEvent('click', { bubbles: true, cancelable: true });
        download(widget).dispatchEvent(event);
        expect(event.defaultPrevented).toBe(true);
        await until(() => expect(followed).toEqual([`${urlOf('att_receipt', reads[1])} receipt.pdf`]));
        expect(reads).toHaveLength(2);

        // Whether the view let the link go its way; then kept from leaving the test's page.
        let followedAsItIs = false;
        widget.root.addEventListener('click', (click) => {
          followedAsItIs = !click.defaultPrevented;
          click.preventDefault();
        });
        await until(() => expect(download(widget).href).toBe(urlOf('att_receipt', reads[1])));
        download(widget).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        expect(followedAsItIs).toBe(true);
        expect(reads).toHaveLength(2);
      } finally {
        click.mockRestore();
      }
    });
  });

  test('uploads with their session on their new request form too', async () => {
    const { widget, server, backend } = await mountMember();
    buttonByText(widget.root, 'Contact us').click();
    await until(() => expect(byId(widget.root, 'ph-files')).not.toBeNull());
    await chooseFiles(widget, 'ph-files', [file('receipt.pdf', 'application/pdf')]);
    await until(() => expect(rows(widget)).toEqual(['receipt.pdf · 1.2 KB · Attached']));
    expect(server.uploads()[0].headers.authorization).toBe(`Bearer ${backend.accessTokens[0]}`);
  });
});

describe('who uploaded', () => {
  test('files a visitor attached go when they sign in: the server lets only their uploader claim them', async () => {
    const server = createFakeServer();
    addMemberBackend(server);
    const widget = await openContactForm(server);
    await chooseFiles(widget, 'ph-files', [file('before.pdf', 'application/pdf')]);
    await until(() => expect(rows(widget)).toEqual(['before.pdf · 1.2 KB · Attached']));

    widget.run('identify', { token: 'host-token-dana' });
    await until(() => expect(byId(widget.root, 'ph-ccs')).not.toBeNull());
    expect(rows(widget)).toEqual([]);
    await chooseFiles(widget, 'ph-files', [file('after.pdf', 'application/pdf')]);
    await until(() => expect(rows(widget)).toEqual(['after.pdf · 1.2 KB · Attached']));
    expect(server.uploads().map((call) => Boolean(call.headers.authorization))).toEqual([false, true]);

    widget.run('logout');
    await until(() => expect(byId(widget.root, 'ph-email')).not.toBeNull());
    expect(rows(widget)).toEqual([]);
  });
});
