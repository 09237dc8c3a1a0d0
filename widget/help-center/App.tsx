/**
 * The Help Center page app: the widget panel's own views (home with search, an article, the
 * contact form and its confirmation), in a page column instead of the panel beside a launcher.
 */
import { useEffect, useRef } from 'preact/hooks';
import { helpCenterMessages as words } from '../i18n/en-help-center.js';
import { ArticleView } from '../panel/views/ArticleView.js';
import { HomeView } from '../panel/views/HomeView.js';
import { ContactView } from '../panel/contact-view.js';
import type { ViewModel } from '../panel/state.js';
import { homePath } from './routing.js';

export function HelpApp({ model, site }: { model: ViewModel; site: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const view = model.navigation.view.value;
  const article = model.help.article.value;
  const config = model.config.value;
  const siteName = config.state === 'ready' ? config.value.site.name : '';
  const firstView = useRef(view);

  // The tab says what is being read, as the server's page did.
  useEffect(() => {
    if (!siteName) return;
    document.title = view.name === 'article' && article.state === 'ready' ? words.articleTitle(article.value.title, siteName) : words.title(siteName);
  }, [view, article, siteName]);

  // Each view the visitor moves to gets focus on its heading or first field, as in the panel; the
  // page's first view does not take focus from where the browser put it.
  const content = view.name === 'contact' ? `${config.state}${Boolean(ContactView.loaded.value)}` : view.name === 'article' ? article.state : 'ready';
  useEffect(() => {
    if (view !== firstView.current) frame.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [view, content]);

  return (
    <div ref={frame} class="hc">
      {view.name !== 'home' && (
        <a
          class="hc-back"
          href={homePath(site)}
          onClick={(event) => {
            if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
            event.preventDefault();
            model.navigation.show({ name: 'home' });
          }}
        >
          {words.home}
        </a>
      )}
      {view.name === 'home' && <HomeView model={model} />}
      {view.name === 'article' && <ArticleView model={model} />}
      {(view.name === 'contact' || view.name === 'sent') && <ContactView model={model} />}
    </div>
  );
}
