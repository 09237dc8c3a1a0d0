/**
 * The page's navigation: "Submit a request", and "Sign in" — or, signed in, "My requests" and the
 * account's menu (the email, "Sign out", "Sign out everywhere"). Nothing about the account shows
 * until the page knows whether anyone is signed in.
 */
import { helpCenterMessages as words } from '../i18n/words.js';
import type { HelpPage } from './page.js';
import { PageLink } from './PageLink.js';

export function PageNav({ page }: { page: HelpPage }) {
  const { account, places } = page;
  const state = account.state.value;
  const email = account.email.value;
  const leave = (signOut: () => Promise<void>) => () =>
    void signOut().then(
      () => places.go({ name: 'home' }),
      () => undefined,
    );

  return (
    <nav class="hc-nav" aria-label={words.navLabel}>
      <PageLink page={page} to={{ name: 'contact' }} class="hc-nav-link">
        {words.submitRequest}
      </PageLink>
      {state === 'signed-out' && (
        <PageLink page={page} to={{ name: 'signin' }} class="hc-nav-link">
          {words.signIn}
        </PageLink>
      )}
      {state === 'signed-in' && email && (
        <>
          <PageLink page={page} to={{ name: 'requests' }} class="hc-nav-link">
            {words.myRequests}
          </PageLink>
          <details class="hc-account">
            <summary aria-label={words.accountMenu(email)}>{email}</summary>
            <div class="hc-account-menu">
              <button type="button" class="secondary" onClick={leave(account.signOut)}>
                {words.signOut}
              </button>
              <button type="button" class="secondary" onClick={leave(account.signOutEverywhere)}>
                {words.signOutEverywhere}
              </button>
            </div>
          </details>
        </>
      )}
    </nav>
  );
}
