/**
 * The Help Center page app: the widget panel's own views (home with search, an article, the
 * contact form, a signed-in person's requests) in a page column instead of the panel beside a
 * launcher, with the page's navigation and its account views (sign in, links, a new password).
 */
import { useEffect, useRef } from 'preact/hooks';
import { helpCenterMessages as words } from '../i18n/words.js';
import { ArticleView } from '../panel/views/ArticleView.js';
import { HomeView } from '../panel/views/HomeView.js';
import { ContactView } from '../panel/contact-view.js';
import { MemberArea } from '../panel/MemberArea.js';
import { ChoosePasswordView } from './account/ChoosePasswordView.js';
import { LinkRequestView } from './account/LinkRequestView.js';
import { SignInView } from './account/SignInView.js';
import type { HelpPage } from './page.js';
import { PageLink } from './PageLink.js';
import { PageNav } from './PageNav.js';
import type { AccountView } from './routing.js';

const ACCOUNT_TITLES: Record<AccountView['name'], string> = {
  signin: words.signInTitle,
  password: words.passwordTitle,
  'signin-link': words.signInLinkTitle,
  'choose-password': words.choosePasswordTitle,
};

export function HelpApp({ page }: { page: HelpPage }) {
  const { model } = page;
  const frame = useRef<HTMLDivElement>(null);
  const shown = page.places.shown.value;
  const view = model.navigation.view.value;
  const article = model.help.article.value;
  const config = model.config.value;
  const siteName = config.state === 'ready' ? config.value.site.name : '';
  const first = useRef(shown ?? view);
  const signedIn = Boolean(model.session.member.value);

  // The tab says what is being read, as the server's page did.
  useEffect(() => {
    // An article's title waits for the article: the server's page already has it, and must not flip to the site's meanwhile.
    if (!siteName || (!shown && view.name === 'article' && article.state !== 'ready')) return;
    const heading = shown
      ? ACCOUNT_TITLES[shown.name]
      : view.name === 'article' && article.state === 'ready'
        ? article.value.title
        : view.name === 'requests'
          ? words.myRequests
          : view.name === 'request'
            ? words.requestTitle(String(view.id))
            : undefined;
    document.title = heading ? words.pageTitle(heading, siteName) : words.title(siteName);
  }, [shown, view, article, siteName]);

  // Each view the visitor moves to gets focus on its heading or first field, as in the panel; the
  // page's first view does not take focus from where the browser put it.
  const content = view.name === 'contact' ? `${config.state}${Boolean(ContactView.loaded.value)}` : view.name === 'article' ? article.state : 'ready';
  useEffect(() => {
    if ((shown ?? view) !== first.current) frame.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [shown, view, content]);

  return (
    <div ref={frame} class="hc">
      <PageNav page={page} />
      {shown?.name === 'signin' && <SignInView page={page} next={shown.next} notice={shown.notice} />}
      {shown?.name === 'password' && <LinkRequestView page={page} purpose="set_password" />}
      {shown?.name === 'signin-link' && <LinkRequestView page={page} purpose="sign_in" />}
      {shown?.name === 'choose-password' && <ChoosePasswordView page={page} />}
      {!shown && (
        <>
          {(view.name === 'article' || view.name === 'contact' || view.name === 'sent') &&
            // A signed-in person's form is "Submit a request" at /requests/new: it leads back to their requests.
            (signedIn && view.name !== 'article' ? (
              <PageLink page={page} to={{ name: 'requests' }} class="hc-back">
                {words.myRequests}
              </PageLink>
            ) : (
              <PageLink page={page} to={{ name: 'home' }} class="hc-back">
                {words.home}
              </PageLink>
            ))}
          {view.name === 'home' && <HomeView model={model} />}
          {view.name === 'article' && <ArticleView model={model} />}
          {(view.name === 'contact' || view.name === 'sent') && <ContactView model={model} title={signedIn ? words.submitRequest : undefined} />}
          {(view.name === 'requests' || view.name === 'request') && <MemberArea model={model} />}
        </>
      )}
    </div>
  );
}
