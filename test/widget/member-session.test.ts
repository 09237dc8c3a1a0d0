// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/account?order=77#top"}
/**
 * Signing a member in with `Porthole('identify', …)`, keeping their session alive, and
 * `Porthole('logout')`: what the member notices, and what travels over the wire.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  addMemberBackend,
  API_BASE,
  apiError,
  buttonByText,
  byId,
  CATEGORY,
  choose,
  createFakeServer,
  DANA,
  deferred,
  describedError,
  flush,
  json,
  memberEntry,
  mountMember,
  mountWidget,
  openRequestFromList,
  openRequestList,
  requestRows,
  SOLO,
  typeInto,
  unmountAll,
  until,
  type RecordedCall,
  type Widget,
} from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

const SESSION_ENDED = 'Your session has ended. Reload the page to sign in again.';
const bodyText = (widget: Widget) => widget.root.querySelector('.body')?.textContent ?? '';
const scopes = (calls: RecordedCall[]) =>
  calls.map((c) => `${c.url.searchParams.get('scope')}${c.url.searchParams.has('status') ? `/${c.url.searchParams.get('status')}` : ''}`);

async function typeAndSend(widget: Widget, text: string) {
  typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-reply')!, text);
  await flush();
  buttonByText(widget.root, 'Send').click();
  await flush();
}

describe('signing in with identify', () => {
  test('a member signed in with a host token sees “Your requests” as themselves; their session token travels only in an Authorization header, never in a URL or a cookie', async () => {
    const { widget, backend, server } = await mountMember();

    // The host token was exchanged exactly once, in a JSON body, with nothing else attached.
    const [exchange, ...more] = backend.sessionPosts();
    expect(more).toEqual([]);
    expect(exchange.url.href).toBe(`${API_BASE}session`);
    expect(exchange.body).toEqual({ token: 'host-token-dana' });
    expect(exchange.headers.authorization).toBeUndefined();

    const entry = memberEntry(widget)!;
    expect(entry.querySelector('.member-entry-title')?.textContent).toBe('Your requests');
    expect(entry.textContent).toContain('Signed in as Dana Reyes');

    // The list, a request, adding to it and solving it: all with the session's bearer token.
    await openRequestList(widget);
    await openRequestFromList(widget, 'Tent pole snapped on the first trip');
    await typeAndSend(widget, 'Here is the photo.');
    await until(() => expect(byId<HTMLTextAreaElement>(widget.root, 'ph-reply')!.value).toBe(''));
    buttonByText(widget.root, 'Mark as solved').click();
    await until(() => expect(widget.root.querySelector('.request .badge')?.textContent).toBe('Solved'));

    const [accessToken] = backend.accessTokens;
    expect(backend.accessTokens).toHaveLength(1);
    const memberCalls = backend.memberCalls();
    expect(memberCalls.map((c) => `${c.method} ${c.url.pathname.replace('/api/v1/sites/demo/', '')}`)).toEqual([
      'GET requests',
      'GET requests/1042',
      'POST requests/1042/comments',
      'POST requests/1042/solve',
    ]);
    for (const call of memberCalls) expect(call.headers.authorization, call.url.pathname).toBe(`Bearer ${accessToken}`);
    // Neither token ever appears in an address, and the page's query and fragment never leave it.
    for (const call of server.calls) {
      expect(call.url.href).not.toContain(accessToken);
      expect(call.url.href).not.toContain('host-token-dana');
      expect(call.url.href).not.toContain('order=77');
    }
    expect(backend.sessionPosts()).toHaveLength(1);
    expect(document.cookie).toBe('');
    expect(server.fetch.mock.calls.every(([, init]) => init?.credentials === 'omit')).toBe(true);
  });

  test('a member without a name is shown by their email address', async () => {
    const { widget } = await mountMember({ tokens: { 'host-token-anon': { ...SOLO, name: null } } });
    expect(memberEntry(widget)!.textContent).toContain('Signed in as jo@example.net');
  });

  test('a host token the server refuses leaves the visitor anonymous', async () => {
    const server = createFakeServer();
    const backend = addMemberBackend(server);
    const widget = mountWidget({ server });
    widget.run('identify', { token: 'forged' });
    widget.run('open');
    await until(() => expect(backend.sessionPosts()).toHaveLength(1));
    await flush();
    expect(memberEntry(widget)).toBeNull();
    widget.run('navigate', 'contact');
    await flush();
    expect(byId(widget.root, 'ph-email')).not.toBeNull();
    expect(byId(widget.root, 'ph-ccs')).toBeNull();
  });
});

describe('when the session ends', () => {
  test('with identify({ jwt }), a call refused as session_expired asks the host for a new token, exchanges it and retries once — the member just sees their list', async () => {
    const jwt = vi.fn<() => Promise<string>>().mockResolvedValueOnce('host-jwt-1').mockResolvedValueOnce('host-jwt-2');
    const { widget, backend } = await mountMember({ tokens: { 'host-jwt-1': DANA, 'host-jwt-2': DANA }, identity: { jwt } });
    expect(jwt).toHaveBeenCalledTimes(1);
    await openRequestList(widget);

    backend.endSessions();
    buttonByText(widget.root, 'Requests I’m CC’d on').click();
    await until(() => expect(requestRows(widget)).toEqual(['Team order for the climbing club [Open]']));

    expect(jwt).toHaveBeenCalledTimes(2);
    expect(backend.sessionPosts().map((c) => c.body)).toEqual([{ token: 'host-jwt-1' }, { token: 'host-jwt-2' }]);
    const [, refused, retried, ...more] = backend.lists();
    expect(more).toEqual([]);
    expect(scopes([refused, retried])).toEqual(['ccd', 'ccd']);
    expect(retried.headers.authorization).toMatch(/^Bearer sess\.2\./);
    expect(refused.headers.authorization).not.toBe(retried.headers.authorization);
    expect(bodyText(widget)).not.toContain(SESSION_ENDED);
  });

  test('with identify({ jwt }), a request sent as the session ends is sent again under the new session with the same Idempotency-Key', async () => {
    const jwt = vi.fn<() => Promise<string>>().mockResolvedValueOnce('host-jwt-1').mockResolvedValueOnce('host-jwt-2');
    const { widget, backend, server } = await mountMember({ tokens: { 'host-jwt-1': DANA, 'host-jwt-2': DANA }, identity: { jwt } });
    widget.run('navigate', 'contact');
    await flush();
    choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Account & sign-in');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Two-factor codes never arrive');
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'Tried SMS and the app.');
    await flush();
    backend.endSessions();
    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(widget.root.querySelector('.sent h3')?.textContent).toBe('Request sent'));

    const [refused, retried, ...more] = server.posts();
    expect(more).toEqual([]);
    expect(retried.headers['idempotency-key']).toBe(refused.headers['idempotency-key']);
    expect(retried.headers.authorization).toMatch(/^Bearer sess\.2\./);
    expect(retried.body).toEqual(refused.body);
    expect(jwt).toHaveBeenCalledTimes(2);
  });

  test('a renewed session that is refused again is not renewed in a loop: the member is told their session ended', async () => {
    const jwt = vi.fn<() => Promise<string>>().mockResolvedValueOnce('host-jwt-1').mockResolvedValueOnce('host-jwt-2').mockResolvedValue('host-jwt-3');
    const server = createFakeServer();
    let refuse = false;
    server.override((call) =>
      refuse && call.url.pathname.endsWith('/requests') && call.method === 'GET' ? apiError(401, 'session_expired', 'Please sign in again.') : undefined,
    );
    const { widget, backend } = await mountMember({ server, tokens: { 'host-jwt-1': DANA, 'host-jwt-2': DANA, 'host-jwt-3': DANA }, identity: { jwt } });
    await openRequestList(widget);

    refuse = true;
    buttonByText(widget.root, 'Requests I’m CC’d on').click();
    await until(() => expect(bodyText(widget)).toContain(SESSION_ENDED));
    await flush();
    expect(scopes(backend.lists())).toEqual(['mine', 'ccd', 'ccd']);
    expect(jwt).toHaveBeenCalledTimes(2);
  });

  test('with identify({ jwt }), a host function that throws while renewing is asked again the next time the member sends something', async () => {
    const jwt = vi
      .fn<() => Promise<string>>()
      .mockResolvedValueOnce('host-jwt-1')
      .mockImplementationOnce(() => {
        throw new Error('the host page is between sessions');
      })
      .mockResolvedValue('host-jwt-3');
    const { widget, backend, server } = await mountMember({ tokens: { 'host-jwt-1': DANA, 'host-jwt-3': DANA }, identity: { jwt } });
    widget.run('navigate', 'contact');
    await flush();
    choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Account & sign-in');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Two-factor codes never arrive');
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'Tried SMS and the app.');
    await flush();
    backend.endSessions();

    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(widget.root.querySelector('[role="alert"]')).not.toBeNull());
    expect(jwt).toHaveBeenCalledTimes(2);
    expect(widget.root.querySelector('.sent')).toBeNull();

    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(widget.root.querySelector('.sent h3')?.textContent).toBe('Request sent'));
    expect(jwt).toHaveBeenCalledTimes(3);
    expect(backend.sessionPosts().map((c) => c.body)).toEqual([{ token: 'host-jwt-1' }, { token: 'host-jwt-3' }]);
    expect(server.posts().at(-1)!.headers.authorization).toBe(`Bearer ${backend.accessTokens[1]}`);
  });

  test('with identify({ token }), a call refused as session_expired shows “Your session has ended…” — the spent token is not re-sent and an earlier jwt function is not asked', async () => {
    const jwt = vi.fn(async () => 'host-jwt-earlier');
    const server = createFakeServer();
    const backend = addMemberBackend(server, { tokens: { 'host-jwt-earlier': SOLO, 'host-token-dana': DANA } });
    const widget = mountWidget({ server });
    // The host first signed someone in with a function, then replaced that with a one-off token.
    widget.run('identify', { jwt });
    widget.run('identify', { token: 'host-token-dana' });
    widget.run('open');
    await until(() => expect(memberEntry(widget)?.textContent).toContain('Signed in as Dana Reyes'));
    await flush();
    expect(memberEntry(widget)?.textContent).toContain('Signed in as Dana Reyes');
    await openRequestList(widget);
    expect(jwt).toHaveBeenCalledTimes(1);
    const exchanges = backend.sessionPosts().length;

    backend.endSessions();
    buttonByText(widget.root, 'Requests I’m CC’d on').click();
    await until(() => expect(bodyText(widget)).toContain(SESSION_ENDED));
    await flush();

    expect(jwt).toHaveBeenCalledTimes(1);
    expect(backend.sessionPosts()).toHaveLength(exchanges);
    expect(backend.sessionPosts().filter((c) => (c.body as { token: string }).token === 'host-token-dana')).toHaveLength(1);
    expect(scopes(backend.lists())).toEqual(['mine', 'ccd']);
    expect(widget.root.querySelectorAll('.request-row')).toHaveLength(0);
  });
});

describe('logout', () => {
  test('logging out on a request goes home, removes “Your requests”, and later calls carry no Authorization header', async () => {
    const { widget, server } = await mountMember();
    widget.run('navigate', 'contact');
    await flush();
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-ccs')!, 'sam@example.org');
    await flush();
    await until(() => expect(byId<HTMLInputElement>(widget.root, 'ph-ccs')?.value).toBe('sam@example.org'));
    widget.run('navigate', { request: 1042 });
    await until(() => expect(byId(widget.root, 'ph-request-title')?.textContent).toBe('Tent pole snapped on the first trip'));

    widget.run('logout');
    await flush();
    expect(byId(widget.root, 'ph-request-title')).toBeNull();
    expect(byId(widget.root, 'ph-search')).not.toBeNull(); // home
    expect(memberEntry(widget)).toBeNull();
    expect(bodyText(widget)).not.toContain('Dana');

    // The form is an anonymous one again, and what it sends has no CCs and no bearer token.
    const before = server.calls.length;
    buttonByText(widget.root, 'Contact us').click();
    await flush();
    expect(byId(widget.root, 'ph-ccs')).toBeNull();
    choose(byId<HTMLSelectElement>(widget.root, 'ph-category')!, 'Account & sign-in');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-subject')!, 'Cannot sign in');
    typeInto(byId<HTMLTextAreaElement>(widget.root, 'ph-description')!, 'It says my session ended.');
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-email')!, 'dana@example.org');
    await flush();
    buttonByText(widget.root, 'Send request').click();
    await until(() => expect(widget.root.querySelector('.sent')).not.toBeNull());
    widget.run('navigate', 'requests');
    await flush();
    expect(bodyText(widget)).toContain(SESSION_ENDED);

    const after = server.calls.slice(before);
    expect(after.length).toBeGreaterThan(0);
    for (const call of after) expect(call.headers.authorization, call.url.pathname).toBeUndefined();
    expect(server.posts().at(-1)!.body).toEqual({
      categoryId: CATEGORY.account,
      subject: 'Cannot sign in',
      description: 'It says my session ended.',
      email: 'dana@example.org',
      locale: 'en',
    });
    expect(after.filter((c) => c.url.pathname.includes('/requests') && c.method === 'GET')).toEqual([]);
  });

  test('logging out on the request list falls back to home', async () => {
    const { widget } = await mountMember();
    await openRequestList(widget);
    widget.run('logout');
    await flush();
    expect(widget.root.querySelector('.requests-heading')).toBeNull();
    expect(byId(widget.root, 'ph-search')).not.toBeNull();
    expect(widget.root.querySelector('button[aria-label="Back"]')).toBeNull();
  });

  test('a session exchange that answers after logout does not sign the member back in', async () => {
    const server = createFakeServer();
    const exchange = deferred<Response>();
    server.override((call) => (call.url.pathname.endsWith('/session') ? exchange.promise : undefined));
    const backend = addMemberBackend(server);
    const widget = mountWidget({ server });
    widget.run('identify', { token: 'host-token-dana' });
    widget.run('open');
    await flush();
    widget.run('logout');
    await flush();

    exchange.resolve(json({ accessToken: 'sess.late', expiresAt: new Date(Date.now() + 900_000).toISOString(), member: DANA }));
    await flush(8);
    expect(memberEntry(widget)).toBeNull();
    widget.run('navigate', 'requests');
    await flush(8);
    expect(bodyText(widget)).toContain(SESSION_ENDED);
    widget.run('navigate', 'contact');
    await flush();
    expect(byId(widget.root, 'ph-ccs')).toBeNull();
    expect(byId(widget.root, 'ph-email')).not.toBeNull();
    expect(backend.memberCalls()).toEqual([]);
  });

  test('logout forgets the CC draft: the next member to sign in finds an empty CC field, without the previous member’s complaints', async () => {
    const { widget } = await mountMember({ tokens: { 'host-token-dana': DANA, 'host-token-jo': SOLO } });
    widget.run('navigate', 'contact');
    await flush();
    typeInto(byId<HTMLInputElement>(widget.root, 'ph-ccs')!, 'sam@example.org, sam@example.org');
    await flush();
    buttonByText(widget.root, 'Send request').click();
    await flush();
    expect(describedError(widget.root, byId(widget.root, 'ph-ccs')!)).toContain('This address is listed twice.');

    widget.run('logout');
    await flush();
    expect(byId(widget.root, 'ph-ccs')).toBeNull();
    // Jo signs in while the form is still open: the CC field comes back for Jo, empty and without complaints.
    widget.run('identify', { token: 'host-token-jo' });
    await until(() => expect(byId(widget.root, 'ph-ccs')).not.toBeNull());
    const ccs = byId<HTMLInputElement>(widget.root, 'ph-ccs')!;
    expect(ccs.value).toBe('');
    expect(ccs.getAttribute('aria-invalid')).toBe('false');
    expect(describedError(widget.root, ccs)).toBeUndefined();
  });

  test('the next member to sign in sees their own requests, not the previous member’s tab and filter', async () => {
    const { widget, backend } = await mountMember({ tokens: { 'host-token-dana': DANA, 'host-token-jo': SOLO } });
    await openRequestList(widget);
    buttonByText(widget.root, 'Organization requests').click();
    await flush();
    choose(widget.root.querySelector<HTMLSelectElement>('.filter select')!, 'Open');
    await until(() => expect(requestRows(widget)).toEqual(['Bulk discount for our shop [Open]']));

    widget.run('logout');
    await flush();
    widget.run('identify', { token: 'host-token-jo' });
    await until(() => expect(memberEntry(widget)?.textContent).toContain('Signed in as Jo Park'));
    await openRequestList(widget);

    // Jo has no organization: no Organization tab, and the list asked for is Jo's own, unfiltered.
    expect(scopes(backend.lists()).at(-1)).toBe('mine');
    expect(
      Array.from(widget.root.querySelectorAll('[role="tab"]'), (t) => `${t.textContent}${t.getAttribute('aria-selected') === 'true' ? ' *' : ''}`),
    ).toEqual(['My requests *', 'Requests I’m CC’d on']);
    expect(widget.root.querySelector<HTMLSelectElement>('.filter select')!.value).toBe('');
    expect(bodyText(widget)).not.toContain(SESSION_ENDED);
    expect(bodyText(widget)).not.toContain('couldn’t reach support');
  });
});

describe('the launcher badge', () => {
  test('shows how many of the member’s requests await their reply, with the token in a header, and goes away on logout', async () => {
    // Dana's stored requests include exactly one of her own awaiting her reply.
    const { widget, backend } = await mountMember();
    const badge = () => widget.launcher.querySelector<HTMLElement>('.count');
    await until(() => expect(badge()?.textContent).toBe('1'));
    expect(badge()?.hidden).toBe(false);
    // The button's name stays "Support"; the count describes it.
    expect(badge()?.getAttribute('aria-hidden')).toBe('true');
    const describedBy = widget.launcher.getAttribute('aria-describedby');
    expect(widget.root.getElementById(describedBy ?? '')?.textContent).toBe('1 request is awaiting your reply');
    const [call] = backend.badgeCalls();
    expect(call?.headers.authorization).toMatch(/^Bearer /);
    expect(call?.url.search).toBe('');
    widget.run('logout');
    await until(() => expect(badge()?.hidden).toBe(true));
  });
});
