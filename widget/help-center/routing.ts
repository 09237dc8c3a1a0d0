/**
 * The Help Center's addresses and its views, one for the other: `/help/<site>` is home, `…/articles/<id>`
 * an article, `…/contact` the anonymous form (and the confirmation after it, which a reload does not
 * repeat); `…/signin`, `…/password`, `…/signin-link` and `…/choose-password` the account's own views;
 * `…/requests`, `…/requests/<n>` and `…/requests/new` a signed-in person's requests, the panel's member
 * views. Views change with history.pushState, so every one can be shared and reloaded.
 *
 * A requests address reached while signed out shows the sign-in view at that same address, and
 * signing in goes on to it.
 */
import { effect, signal } from '@preact/signals';
import type { View } from '../panel/models/navigation.js';
import type { ViewModel } from '../panel/state.js';
import type { Account } from './account.js';
import { helpCenterMessages as words } from '../i18n/words.js';

/** The page's own views, beside the panel's. `notice`: why the visitor is asked to sign in (a spent link). */
export type AccountView = { name: 'signin'; next?: View; notice?: string } | { name: 'password' } | { name: 'signin-link' } | { name: 'choose-password' };
export type Place = View | AccountView;

const ACCOUNT_PATHS = { signin: '/signin', password: '/password', 'signin-link': '/signin-link', 'choose-password': '/choose-password' } as const;
const isAccountView = (place: Place): place is AccountView => place.name in ACCOUNT_PATHS;
/** Only a signed-in person's, or a mail link's one request. */
const needsSignIn = (place: Place) => place.name === 'requests' || place.name === 'request' || place.name === 'choose-password';

export const homePath = (site: string) => `/help/${site}`;

export function placeOfPath(path: string, site: string): Place {
  const rest = path.slice(homePath(site).length).replace(/\/$/, '');
  const account = (Object.keys(ACCOUNT_PATHS) as AccountView['name'][]).find((name) => ACCOUNT_PATHS[name] === rest);
  if (account) return { name: account };
  if (rest === '/contact' || rest === '/requests/new') return { name: 'contact' };
  if (rest === '/requests') return { name: 'requests' };
  const request = /^\/requests\/(\d+)$/.exec(rest);
  if (request) return { name: 'request', id: Number(request[1]) };
  const article = /^\/articles\/([^/]+)$/.exec(rest);
  return article ? { name: 'article', id: decodeURIComponent(article[1]!) } : { name: 'home' };
}

/** `member`: a signed-in person's form is "Submit a request" among their requests (with CC). */
export function pathOfPlace(place: Place, site: string, member: boolean): string {
  const home = homePath(site);
  switch (place.name) {
    case 'signin':
      return place.next ? pathOfPlace(place.next, site, member) : home + ACCOUNT_PATHS.signin;
    case 'password':
    case 'signin-link':
    case 'choose-password':
      return home + ACCOUNT_PATHS[place.name];
    case 'article':
      return `${home}/articles/${encodeURIComponent(place.id)}`;
    case 'contact':
    case 'sent':
      return member ? `${home}/requests/new` : `${home}/contact`;
    case 'requests':
      return `${home}/requests`;
    case 'request':
      return `${home}/requests/${place.id}`;
    case 'home':
      return home;
  }
}

/**
 * Where the page is: the panel's view (model.navigation), unless one of the page's own views is
 * shown over it (`account`). The panel's views move on by navigation.show, which leaves the page's.
 */
export function createPlaces(model: ViewModel, account: Account, site: string, hasCookie: boolean) {
  const { navigation, session } = model;
  const shown = signal<AccountView | null>(null);
  effect(() => {
    void navigation.view.value;
    shown.value = null;
  });

  const go = (place: Place) => {
    // A mail link's session counts: it opens its one request.
    const signedIn = account.state.peek() === 'signed-in' || session.state.peek() === 'signed-in' || session.state.peek() === 'signing-in';
    if (place.name === 'choose-password' && account.state.peek() === 'signed-in' && !account.canSetPassword.peek()) place = { name: 'requests' };
    if (needsSignIn(place) && !signedIn) place = { name: 'signin', next: place.name === 'choose-password' ? undefined : (place as View) };
    if (isAccountView(place)) {
      shown.value = place;
      return;
    }
    if (place.name === 'article') model.help.openArticle(place.id);
    navigation.show(place);
  };

  // The portal session ended elsewhere, so the member session could not be renewed from it: the page
  // is signed out too (its header with it), and where the person was asks them to sign in again.
  effect(() => {
    if (session.state.value !== 'ended' || account.state.peek() !== 'signed-in') return;
    account.endedElsewhere();
    const here = navigation.view.peek();
    if (needsSignIn(here)) go({ name: 'signin', next: here, notice: words.signedOutElsewhere });
  });

  return {
    /** The page's own view on show, if any. */
    shown,
    go,
    /** After signing in: where the visitor was going, or a password to choose first. */
    afterSignIn(next: View = { name: 'requests' }) {
      go(account.canSetPassword.peek() ? { name: 'choose-password' } : next);
    },
    /**
     * Opens what the address says, once a mailed link in the fragment is spent or the cookie's
     * session is known; then keeps the address (and history) in step with the views.
     */
    async start(): Promise<void> {
      const fragment = location.hash;
      // A solve mail's rating link adds `&rate=good` (or bad): the request asks to confirm that score — a link never rates by itself.
      const signInLink = /^#token=([\w-]+)(?:&rate=(good|bad))?$/.exec(fragment);
      const token = signInLink?.[1];
      const mailed = /^#porthole=request\/(\d+)&t=([\w.-]+)(?:&rate=(good|bad))?$/.exec(fragment);
      const rate = (signInLink?.[2] ?? mailed?.[3]) as 'good' | 'bad' | undefined;
      const rated = (place: Place): Place => (rate && place.name === 'request' ? { ...place, rate } : place);
      // The token is not left in history, nor shared by copying the address.
      if (token || mailed) history.replaceState(null, '', location.pathname + location.search);
      const here = placeOfPath(location.pathname, site);

      if (mailed) {
        // One request to read and reply on, never a portal session: a forwarded mail gives nothing more.
        account.state.value = 'signed-out';
        session.identify({ link: mailed[2]! });
        go({ name: 'request', id: Number(mailed[1]), rate });
      } else if (token) {
        try {
          await account.spend(token);
          this.afterSignIn(needsSignIn(here) ? (rated(here) as View) : undefined);
        } catch (error) {
          account.state.value = 'signed-out';
          go({ name: 'signin', notice: error instanceof Error ? error.message : String(error) });
        }
      } else {
        // Articles and the form need no answer first; a requests address waits for it.
        if (!needsSignIn(here)) go(here);
        await account.resume(hasCookie);
        if (needsSignIn(here)) go(here);
      }

      addEventListener('popstate', () => go(placeOfPath(location.pathname, site)));
      effect(() => {
        const place = shown.value ?? navigation.view.value;
        const path = pathOfPlace(place, site, Boolean(session.member.value));
        if (path !== location.pathname) history.pushState(null, '', path);
      });
    },
  };
}

export type Places = ReturnType<typeof createPlaces>;
