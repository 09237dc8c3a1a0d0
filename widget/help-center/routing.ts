/**
 * The Help Center's addresses and the panel's views, one for the other: `/help/<site>` is home,
 * `…/articles/<id>` an article, `…/contact` the form (and the confirmation after it, which a reload
 * does not repeat). Views change with history.pushState, so every one can be shared and reloaded.
 */
import { effect } from '@preact/signals';
import type { View } from '../panel/models/navigation.js';
import type { ViewModel } from '../panel/state.js';

export const homePath = (site: string) => `/help/${site}`;

export function viewOfPath(path: string, site: string): View {
  const rest = path.slice(homePath(site).length).replace(/\/$/, '');
  if (rest === '/contact') return { name: 'contact' };
  const article = /^\/articles\/([^/]+)$/.exec(rest);
  return article ? { name: 'article', id: decodeURIComponent(article[1]!) } : { name: 'home' };
}

export function pathOfView(view: View, site: string): string {
  if (view.name === 'article') return `${homePath(site)}/articles/${encodeURIComponent(view.id)}`;
  if (view.name === 'contact' || view.name === 'sent') return `${homePath(site)}/contact`;
  return homePath(site);
}

/** Opens the view the address names, and keeps the address (and history) in step with the views. */
export function followAddress(model: ViewModel, site: string): void {
  const show = (view: View) => {
    if (view.name === 'article') model.help.openArticle(view.id);
    model.navigation.show(view);
  };
  show(viewOfPath(location.pathname, site));
  addEventListener('popstate', () => show(viewOfPath(location.pathname, site)));
  effect(() => {
    const path = pathOfView(model.navigation.view.value, site);
    if (path !== location.pathname) history.pushState(null, '', path);
  });
}
