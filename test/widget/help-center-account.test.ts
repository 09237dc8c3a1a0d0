// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://support.example.com/help/demo"}
/**
 * The Help Center page's account: signing in (errors at the field and the form), spending a mailed
 * link's token by POST (and taking it out of the address), choosing a password (the server's field
 * error at the field), asking for a link, signing out, and a signed-in person's requests through
 * the member session the portal session hands over.
 */
import { helpCenterSourceWords } from './source-words.js';
import { render } from 'preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PortalSessionBody } from '../../server/contract/types.js';
import { mountHelpCenter } from '../../widget/help-center/mount.js';
import { post } from '../../widget/panel/api.js';
import {
  addMemberBackend,
  API_BASE,
  apiError,
  buttonByText,
  byId,
  createFakeServer,
  DANA,
  describedError,
  json,
  typeInto,
  until,
  type FakeServer,
  type RecordedCall,
} from './panel-harness.js';

const CSRF = 'csrf-token-of-this-page';
const DANA_SESSION: PortalSessionBody = { email: DANA.email, canSetPassword: false };
let unmount: (() => void) | undefined;

afterEach(() => {
  unmount?.();
  unmount = undefined;
  vi.unstubAllGlobals();
});

/** The server's portal routes as the page sees them; `signedIn` is what the cookie says at first. */
function portalServer(options: { signedIn?: PortalSessionBody; passwordFieldError?: string } = {}) {
  const server = createFakeServer();
  const members = addMemberBackend(server);
  let session = options.signedIn;
  const rel = (call: RecordedCall) => call.url.pathname.slice(new URL(API_BASE).pathname.length);
  server.override((call) => {
    const path = rel(call);
    if (!path.startsWith('portal/')) return undefined;
    if (call.method === 'GET' && path === 'portal/session') return session ? json(session) : apiError(401, 'session_expired', 'Not signed in.');
    if (call.method === 'POST' && path === 'portal/session') {
      const { email, password } = call.body as { email: string; password: string };
      if (email !== DANA.email || password !== 'correct horse battery') return apiError(401, 'invalid_credentials', 'That email and password do not match.');
      return json((session = DANA_SESSION));
    }
    if (call.method === 'POST' && path === 'portal/links/spend') {
      const { token } = call.body as { token: string };
      if (token === 'used-token') return apiError(410, 'link_used', 'This link was used already. Ask for a new one.');
      return json((session = { email: DANA.email, canSetPassword: token === 'password-token' }));
    }
    if (call.method === 'POST' && path === 'portal/password') {
      const { password } = call.body as { password: string };
      if (options.passwordFieldError && password === 'password123')
        return apiError(400, 'weak_password', 'Choose another password.', { password: options.passwordFieldError });
      session = DANA_SESSION;
      return json({ endedSessions: 0 });
    }
    if (call.method === 'POST' && path === 'portal/links') return json({ message: 'If that address is known here, a link is on its way.' }, 202);
    if (call.method === 'DELETE' && path === 'portal/session') {
      session = undefined;
      return new Response(null, { status: 204 });
    }
    // The member session for the member API: the fake member backend's own, for Dana.
    if (call.method === 'POST' && path === 'portal/member-session')
      return session ? server.fetch(`${API_BASE}session`, post({ token: 'host-token-dana' })) : apiError(401, 'session_expired', 'Not signed in.');
    return apiError(404, 'not_found', 'No such route.');
  });
  return Object.assign(server, {
    /** The portal session ends on the server (another tab signed out everywhere), and the member sessions it handed out with it. */
    endPortalSession() {
      session = undefined;
      members.endSessions();
    },
  });
}

/** `cookie`: the server saw a portal cookie and said so in the shell (`data-portal-cookie`). */
function mountPage(server: FakeServer, address: string, cookie = false) {
  history.replaceState(null, '', address);
  vi.stubGlobal('fetch', server.fetch);
  const host = document.createElement('main');
  host.id = 'help';
  host.dataset.site = 'demo';
  host.dataset.csrf = CSRF;
  if (cookie) host.dataset.portalCookie = '';
  document.body.append(host);
  const page = mountHelpCenter(host, 'demo', helpCenterSourceWords);
  const root = host.shadowRoot!;
  unmount = () => {
    render(null, root.querySelector('.ph')!);
    host.remove();
  };
  return { page, root };
}

const portalCalls = (server: FakeServer) => server.calls.filter((call) => call.url.pathname.includes('/portal/'));
const rows = (root: ShadowRoot) => Array.from(root.querySelectorAll('.request-subject'), (row) => row.textContent);
const heading = (root: ShadowRoot) => root.querySelector('h2, h3')?.textContent;

describe('signing in', () => {
  test('without a portal cookie the page asks the server nothing about a session (no 401 to log)', async () => {
    const server = portalServer();
    const { root } = mountPage(server, '/help/demo');
    await until(() => expect(root.querySelector('.hc-nav')?.textContent).toContain('Sign in'));
    expect(portalCalls(server)).toEqual([]);
  });

  test('a requests address while signed out shows the sign-in there, with its problems at the fields and the form, then goes on to it', async () => {
    const server = portalServer();
    const { root } = mountPage(server, '/help/demo/requests');
    await until(() => expect(heading(root)).toBe('Sign in'));
    expect(location.pathname).toBe('/help/demo/requests');

    buttonByText(root, 'Sign in').click();
    await until(() => expect(describedError(root, byId(root, 'hc-email')!)).toBe('Enter the email you use with support.'));
    expect(describedError(root, byId(root, 'hc-password')!)).toBe('Enter your password.');
    expect(portalCalls(server).filter((call) => call.method === 'POST')).toEqual([]);

    typeInto(byId<HTMLInputElement>(root, 'hc-email')!, DANA.email);
    typeInto(byId<HTMLInputElement>(root, 'hc-password')!, 'wrong password');
    buttonByText(root, 'Sign in').click();
    await until(() => expect(byId(root, 'hc-signin-problem')?.textContent).toBe('That email and password do not match.'));
    expect(byId(root, 'hc-signin-problem')?.getAttribute('aria-live')).toBe('polite');
    expect(root.querySelector('form')?.getAttribute('aria-describedby')).toBe('hc-signin-problem');

    typeInto(byId<HTMLInputElement>(root, 'hc-password')!, 'correct horse battery');
    buttonByText(root, 'Sign in').click();
    await until(() => expect(rows(root)).not.toEqual([]));
    expect(location.pathname).toBe('/help/demo/requests');
    // Every write to the portal carries the page's CSRF token, a JSON body and the cookie.
    const signIn = portalCalls(server).find((call) => call.method === 'POST' && call.url.pathname.endsWith('/portal/session'))!;
    expect(signIn.headers).toMatchObject({ 'x-porthole-csrf': CSRF, 'content-type': 'application/json' });
    const init = server.fetch.mock.calls.find(([url, options]) => String(url).endsWith('/portal/session') && options?.method === 'POST')![1]!;
    expect(init.credentials).toBe('same-origin');
    // The lists come from the member API with the member session the portal handed over, as in the widget.
    const list = server.calls.find((call) => call.method === 'GET' && call.url.pathname.endsWith('/requests'))!;
    expect(list.headers.authorization).toMatch(/^Bearer sess\./);
    expect(root.querySelector('.hc-account summary')?.textContent).toBe(DANA.email);
  });

  test('"Get a password" gives the server\'s one answer; the nav links go to each account view', async () => {
    const server = portalServer();
    const { root } = mountPage(server, '/help/demo/signin');
    await until(() => expect(heading(root)).toBe('Sign in'));
    const link = Array.from(root.querySelectorAll('a')).find((a) => a.textContent === 'Get a password')!;
    expect(link.getAttribute('href')).toBe('/help/demo/password');
    link.click();
    await until(() => expect(heading(root)).toBe('Get a password'));
    expect(location.pathname).toBe('/help/demo/password');

    typeInto(byId<HTMLInputElement>(root, 'hc-email')!, 'someone@example.org');
    buttonByText(root, 'Send the link').click();
    await until(() => expect(heading(root)).toBe('Check your mail'));
    expect(root.textContent).toContain('If that address is known here, a link is on its way.');
    const asked = portalCalls(server).find((call) => call.url.pathname.endsWith('/portal/links'))!;
    expect(asked.body).toEqual({ email: 'someone@example.org', purpose: 'set_password' });
    expect(asked.headers['x-porthole-csrf']).toBe(CSRF);
  });

  test('signing out ends the portal session and the member session, and goes home', async () => {
    const server = portalServer({ signedIn: DANA_SESSION });
    const { root } = mountPage(server, '/help/demo/requests', true);
    await until(() => expect(rows(root)).not.toEqual([]));
    buttonByText(root, 'Sign out').click();
    await until(() => expect(location.pathname).toBe('/help/demo'));
    const signOut = portalCalls(server).find((call) => call.method === 'DELETE')!;
    expect(signOut.url.pathname).toBe('/api/v1/sites/demo/portal/session');
    expect(signOut.headers['x-porthole-csrf']).toBe(CSRF);
    await until(() => expect(Array.from(root.querySelectorAll('.hc-nav a'), (a) => a.textContent)).toEqual(['Submit a request', 'Sign in']));
  });

  test('a portal session that ended elsewhere signs the page out at the next call, header included', async () => {
    const server = portalServer({ signedIn: DANA_SESSION });
    const { root } = mountPage(server, '/help/demo/requests', true);
    await until(() => expect(rows(root)).not.toEqual([]));
    server.endPortalSession();
    Array.from(root.querySelectorAll<HTMLButtonElement>('[role="tab"]')).at(1)!.click();
    await until(() => expect(heading(root)).toBe('Sign in'));
    expect(root.textContent).toContain('You have been signed out. Sign in again to go on.');
    expect(location.pathname).toBe('/help/demo/requests');
    expect(Array.from(root.querySelectorAll('.hc-nav a'), (a) => a.textContent)).toEqual(['Submit a request', 'Sign in']);
    expect(root.querySelector('.hc-account')).toBeNull();
  });
});

describe('a mailed link', () => {
  test('is spent by a POST from the page, taken out of the address, and a password link asks for a password', async () => {
    const server = portalServer({ passwordFieldError: 'That password is too common. Choose another one.' });
    const { root } = mountPage(server, '/help/demo/#token=password-token');
    // Gone from the address (and its history entry) at once.
    expect(location.hash).toBe('');
    await until(() => expect(heading(root)).toBe('Choose a password'));
    expect(location.pathname).toBe('/help/demo/choose-password');
    const spend = portalCalls(server).find((call) => call.url.pathname.endsWith('/portal/links/spend'))!;
    expect(spend).toMatchObject({ method: 'POST', body: { token: 'password-token' } });
    expect(spend.headers['x-porthole-csrf']).toBe(CSRF);
    // No GET ever carried the token.
    expect(server.calls.filter((call) => call.method === 'GET').map((call) => call.url.href)).not.toContainEqual(expect.stringContaining('password-token'));

    const field = byId<HTMLInputElement>(root, 'hc-new-password')!;
    typeInto(field, 'short');
    buttonByText(root, 'Save password').click();
    await until(() => expect(describedError(root, field)).toBe('Use at least 10 characters.'));

    typeInto(field, 'password123');
    buttonByText(root, 'Save password').click();
    await until(() => expect(describedError(root, field)).toBe('That password is too common. Choose another one.'));
    expect(field.getAttribute('aria-invalid')).toBe('true');

    typeInto(field, 'a long and rare passphrase');
    buttonByText(root, 'Save password').click();
    await until(() => expect(location.pathname).toBe('/help/demo/requests'));
    await until(() => expect(rows(root)).not.toEqual([]));
  });

  test('from a solve mail’s rating link (`#token=…&rate=good`), signs in, opens the request and asks to confirm Good — storing nothing yet', async () => {
    const server = portalServer();
    const { root } = mountPage(server, '/help/demo/requests/1038#token=sign-in-token&rate=good');
    expect(location.hash).toBe('');
    await until(() => expect(root.querySelector('.rating .rate-confirm')?.textContent).toBe('Send this rating?'));
    expect(location.pathname).toBe('/help/demo/requests/1038');
    const scores = Array.from(root.querySelectorAll('.rate-scores button'), (b) => [b.textContent, b.getAttribute('aria-pressed')]);
    expect(scores).toEqual([
      ['Good', 'true'],
      ['Bad', 'false'],
    ]);
    expect(server.calls.filter((call) => call.method === 'PUT')).toEqual([]);

    buttonByText(root, 'Send rating').click();
    await until(() => expect(root.querySelector('.rate-thanks')).not.toBeNull());
    expect(server.calls.filter((call) => call.method === 'PUT').map((call) => [call.url.pathname, call.body])).toEqual([
      ['/api/v1/sites/demo/requests/1038/rating', { score: 'good' }],
    ]);
  });

  test('a used link says so on the sign-in view', async () => {
    const server = portalServer();
    const { root } = mountPage(server, '/help/demo/#token=used-token');
    await until(() => expect(heading(root)).toBe('Sign in'));
    expect(location.hash).toBe('');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('This link was used already. Ask for a new one.');
  });
});

describe("a signed-in person's requests", () => {
  test('open at their address: a request, and "Submit a request" with CC at /requests/new', async () => {
    const server = portalServer({ signedIn: DANA_SESSION });
    const { root } = mountPage(server, '/help/demo/requests/1042', true);
    await until(() => expect(root.querySelector('.request-heading, .request h3, h3')?.textContent).toBeTruthy());
    await until(() => expect(server.calls.some((call) => call.method === 'GET' && call.url.pathname.endsWith('/requests/1042'))).toBe(true));
    expect(location.pathname).toBe('/help/demo/requests/1042');

    const submit = Array.from(root.querySelectorAll('.hc-nav a')).find((a) => a.textContent === 'Submit a request') as HTMLAnchorElement;
    submit.click();
    await until(() => expect(byId(root, 'ph-ccs')).not.toBeNull());
    expect(location.pathname).toBe('/help/demo/requests/new');
    expect(byId(root, 'ph-email')).toBeNull();
    // Called what the page calls it, and leading back to the person's requests.
    expect(byId(root, 'ph-contact-heading')?.textContent).toBe('Submit a request');
    const back = root.querySelector<HTMLAnchorElement>('.hc-back')!;
    expect([back.textContent, back.getAttribute('href')]).toEqual(['My requests', '/help/demo/requests']);
  });

  test('signed out, the form is still "Contact us", with no CC, and leads back to the articles', async () => {
    const server = portalServer();
    const { root } = mountPage(server, '/help/demo/contact');
    await until(() => expect(byId(root, 'ph-contact-heading')?.textContent).toBe('Contact us'));
    expect(byId(root, 'ph-ccs')).toBeNull();
    expect(root.querySelector('.hc-back')?.textContent).toBe('All articles');
  });
});
