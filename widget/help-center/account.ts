/**
 * Who is signed in to the Help Center, from the portal session's cookie: their email and whether a
 * password link just let them choose a password. Signing in also signs the panel's member session
 * in (`{ portal }` identity), so the member's own views — lists, a request, a new request with CC —
 * run on the member API exactly as in the widget; signing out ends both.
 */
import { signal } from '@preact/signals';
import type { PortalLinkRequest, PortalSessionBody } from '../../server/contract/types.js';
import type { ViewModel } from '../panel/state.js';
import type { PortalApi } from './portal-api.js';

export type AccountState = 'checking' | 'signed-out' | 'signed-in';

export function createAccount(model: ViewModel, portal: PortalApi) {
  const state = signal<AccountState>('checking');
  const email = signal<string | null>(null);
  const canSetPassword = signal(false);

  const signedIn = (body: PortalSessionBody) => {
    const sameOne = state.peek() === 'signed-in' && email.peek() === body.email;
    email.value = body.email;
    canSetPassword.value = body.canSetPassword;
    state.value = 'signed-in';
    if (!sameOne) model.session.identify({ portal: portal.memberSession });
    return body;
  };
  const signedOut = () => {
    email.value = null;
    canSetPassword.value = false;
    state.value = 'signed-out';
    model.session.logout();
    model.forgetMember();
  };

  return {
    state,
    email,
    canSetPassword,
    /** On the page's load: the cookie's session, if the server saw one (`hasCookie`) and it is still good. */
    async resume(hasCookie: boolean): Promise<void> {
      if (!hasCookie) return signedOut();
      try {
        signedIn(await portal.session());
      } catch {
        signedOut();
      }
    },
    requestLink: (body: PortalLinkRequest) => portal.requestLink(body),
    /** The token from a mailed link's fragment: the page's POST spends it (a mail scanner's GET never does). */
    spend: async (token: string) => signedIn(await portal.spendLink(token)),
    signIn: async (address: string, password: string) => signedIn(await portal.signIn(address, password)),
    async setPassword(password: string): Promise<void> {
      await portal.setPassword(password);
      canSetPassword.value = false;
    },
    async signOut(): Promise<void> {
      await portal.signOut();
      signedOut();
    },
    /** The portal session ended on the server (another tab, "everywhere", a new password): forgotten here. */
    endedElsewhere: signedOut,
    async signOutEverywhere(): Promise<void> {
      await portal.signOutEverywhere();
      signedOut();
    },
  };
}

export type Account = ReturnType<typeof createAccount>;
