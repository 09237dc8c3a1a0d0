/** Home: search, the articles suggested for this page (or search results), and the way to contact us. */
import { messages } from '../../i18n/words.js';
import { ArticleList } from '../components/ArticleList.js';
import { Notice, Skeleton } from '../components/Notice.js';
import type { ViewModel } from '../state.js';
import { useEffect } from 'preact/hooks';
import { ContactView, preloadLaterViews } from '../later-views.js';
import { memberChunk } from '../member-chunk.js';

export function HomeView({ model }: { model: ViewModel }) {
  const { help } = model;
  const results = help.results.value;
  const shown = results ?? help.suggestions.value;
  const heading = results ? messages.results(help.query.value.trim()) : messages.suggested;
  // Back from an article still listed, focus returns to its link (the panel focuses the first [data-autofocus]).
  const read = help.article.value;
  const back = read.state === 'ready' && shown.state === 'ready' && shown.value.some((article) => article.id === read.value.id) ? read.value.id : undefined;

  const MemberEntry = memberChunk.value?.MemberEntry;
  const shownState = help.suggestions.value.state;
  useEffect(() => {
    if (shownState === 'ready') preloadLaterViews();
  }, [shownState]);
  return (
    <div class="view">
      {MemberEntry && <MemberEntry model={model} />}
      <form class="search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label for="ph-search" class="visually-hidden">
          {messages.searchLabel}
        </label>
        <input
          id="ph-search"
          type="search"
          data-autofocus={back ? undefined : ''}
          autocomplete="off"
          placeholder={messages.searchPlaceholder}
          value={help.query.value}
          onInput={(event) => help.search(event.currentTarget.value)}
        />
      </form>

      <section aria-labelledby="ph-list-heading" aria-busy={shown.state === 'loading'}>
        <h3 id="ph-list-heading" class="section-heading">
          {heading}
        </h3>
        {shown.state === 'loading' && <Skeleton />}
        {shown.state === 'error' && <Notice text={messages.offline} onRetry={results ? () => help.search(help.query.value) : model.retry} />}
        {shown.state === 'ready' &&
          (shown.value.length ? <ArticleList articles={shown.value} onOpen={model.openArticle} focused={back} /> : <p class="muted">{messages.noResults}</p>)}
      </section>

      <div class="contact-prompt">
        <p>{messages.contactPrompt}</p>
        <button type="button" class="primary" onPointerEnter={() => void ContactView.preload()} onClick={() => model.navigation.show({ name: 'contact' })}>
          {messages.contactUs}
        </button>
      </div>
    </div>
  );
}
