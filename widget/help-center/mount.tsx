/**
 * Builds the Help Center page app in its element (`#help`, rendered by the server with the site
 * and the CSRF token): the widget panel's views in a shadow root, where the panel's constructed
 * stylesheets apply as they do in the widget (nothing inline: strict CSP). Same origin as the API,
 * so the API client needs no CORS; only the portal's calls send a cookie.
 */
import { render } from 'preact';
import { createApiClient } from '../panel/api.js';
import { createViewModel } from '../panel/state.js';
import { adoptPanelStyles } from '../panel/styles.js';
import { adoptFormStyles } from '../panel/form-styles.js';
import { createAccount } from './account.js';
import { HelpApp } from './App.js';
import type { HelpPage } from './page.js';
import { portalApi } from './portal-api.js';
import { createPlaces } from './routing.js';
import { adoptHelpPageStyles } from './styles.js';
import { speak, wordsFor, type WordsSource } from '../panel/language.js';
import { wordsChunk } from '../panel/words-chunks.js';
import { isLocale, pickLocale } from '../i18n/locales.js';
import { followTheme, siteTheme } from '../panel/theme.js';

/** All the page's words are one chunk per locale (`help-<locale>`), whichever part asks. */
const helpWords: WordsSource = (_part, locale) => wordsChunk(`${location.origin}/`, 'help', locale);

/**
 * The page speaks the locale the server chose and rendered its shell in (`data-locale`: the visitor's choice on the
 * page, their browser's languages, the site's default); without one, the browser's languages. Nothing renders
 * before its words have arrived.
 */
export function mountHelpCenter(host: HTMLElement, site: string, words: WordsSource = helpWords): HelpPage & { started: Promise<void> } {
  const chosen = host.dataset.locale;
  speak(words, isLocale(chosen) ? chosen : pickLocale(navigator.languages));
  host.replaceChildren();
  const root = host.attachShadow({ mode: 'open' });
  adoptPanelStyles(root);
  adoptFormStyles(root);
  adoptHelpPageStyles(root);
  const api = createApiClient(`${location.origin}/`, site);
  // No host page listens here: the views' events (a request sent) go nowhere.
  const model = createViewModel(api, root, () => undefined);
  // The page is the open panel: a signed-in person's views stay live while it is shown.
  model.navigation.isOpen.value = true;
  const account = createAccount(model, portalApi(api, host.dataset.csrf ?? ''));
  const page = { model, account, places: createPlaces(model, account, site, host.dataset.portalCookie !== undefined), site };
  const container = document.createElement('div');
  container.className = 'ph';
  root.append(container);
  // The site's default theme, on the page's shell too (page.css): the page has no host to choose one.
  followTheme(container, () => siteTheme(model.config.value), [document.documentElement]);
  // What the address asks for (and a mailed token taken out of it at once) and the site's config start now, beside
  // the words; only the rendering waits for them.
  model.start();
  const started = Promise.all([wordsFor('panel').then(() => render(<HelpApp page={page} />, container)), page.places.start()]).then(() => undefined);
  return { ...page, started };
}
