/**
 * The panel: a labelled dialog beside the launcher (full screen on phones). Escape closes it and
 * returns focus to the Support button; each new view moves focus to its heading or first field.
 */
import { useEffect, useRef } from 'preact/hooks';
import { messages } from '../i18n/words.js';
import { Header } from './components/Header.js';
import { ArticleView, ContactView, HelpCenterLink } from './later-views.js';
import { HomeView } from './views/HomeView.js';
import { MemberArea } from './MemberArea.js';
import type { WidgetModel } from './state.js';
import type { View } from './models/navigation.js';
import { locale } from './language.js';

/** Back goes up one level: from a request to a member's list (a mail link's session has none), from anything else to home. */
const backFrom = (view: View, member: unknown): View => (view.name === 'request' && member ? { name: 'requests' } : { name: 'home' });

export function App({ model }: { model: WidgetModel }) {
  const panel = useRef<HTMLDivElement>(null);
  const isOpen = model.navigation.isOpen.value;
  const view = model.navigation.view.value;
  const config = model.config.value;
  const Link = HelpCenterLink.value;
  // Read so that the whole panel renders again, in the new words, when the locale switches.
  void locale.value;
  const title = config.state === 'ready' ? config.value.site.name : messages.panelTitle;
  // A view may open before what it shows has loaded (the form needs the config, an article its
  // text); focus moves when that arrives, and only then — never again while the visitor is in it.
  const content =
    view.name === 'contact'
      ? `${config.state}${Boolean(ContactView.loaded.value)}`
      : view.name === 'article'
        ? `${model.help.article.value.state}${Boolean(ArticleView.loaded.value)}`
        : 'ready';

  useEffect(() => {
    if (isOpen) panel.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [isOpen, view, content]);

  return (
    <div
      ref={panel}
      class="panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="ph-title"
      hidden={!isOpen}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          model.close();
        }
      }}
    >
      <Header
        title={title}
        onBack={view.name === 'home' ? undefined : () => model.navigation.show(backFrom(view, model.session.member.value))}
        onClose={model.close}
      />
      <div class="body">
        {view.name === 'home' && <HomeView model={model} />}
        {view.name === 'home' && Link && <Link model={model} />}
        {view.name === 'article' && <ArticleView model={model} />}
        {(view.name === 'contact' || view.name === 'sent') && <ContactView model={model} />}
        {(view.name === 'requests' || view.name === 'request') && <MemberArea model={model} />}
      </div>
    </div>
  );
}
