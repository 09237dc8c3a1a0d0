/**
 * Articles in the panel: suggestions for the host page (or the host's `suggest` query), search as
 * the visitor types, and the article being read.
 */
import { signal } from '@preact/signals';
import type { ArticleSummary, Article } from '../../../server/contract/types.js';
import type { ApiClient } from '../api.js';
import { failed, loading, ready, type Loadable } from '../api.js';

const SUGGESTION_COUNT = 5;
const SEARCH_DELAY_MS = 180;

export function createHelpCenter(api: ApiClient, pageUrl: () => string) {
  const suggestions = signal<Loadable<ArticleSummary[]>>(loading);
  const suggestQuery = signal<string | undefined>(undefined);
  const query = signal('');
  const results = signal<Loadable<ArticleSummary[]> | undefined>(undefined);
  const article = signal<Loadable<Article>>(loading);
  const articles = new Map<string, Article>();
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searchRun = 0;
  let suggestionRun = 0;
  let wantedArticle = '';

  const loadSuggestions = () => {
    suggestions.value = loading;
    const override = suggestQuery.value;
    const run = ++suggestionRun;
    api.listArticles(override ? { q: override, limit: SUGGESTION_COUNT } : { url: pageUrl(), limit: SUGGESTION_COUNT }).then(
      // Only the latest load may answer: the page-URL suggestions started with the panel must not
      // overwrite the host's `suggest` override when they arrive after it.
      ({ articles: list }) => run === suggestionRun && (suggestions.value = ready(list)),
      (error) => run === suggestionRun && (suggestions.value = failed(error)),
    );
  };

  return {
    suggestions,
    query,
    results,
    article,
    loadSuggestions,
    /** `Porthole('suggest', { query })`: the host knows better than the URL what this page is about. */
    suggest(value: string | undefined) {
      suggestQuery.value = value?.trim() || undefined;
      loadSuggestions();
    },
    search(value: string) {
      query.value = value;
      clearTimeout(searchTimer);
      const run = ++searchRun;
      if (!value.trim()) {
        results.value = undefined;
        return;
      }
      results.value = loading;
      searchTimer = setTimeout(() => {
        api.listArticles({ q: value, limit: 10 }).then(
          // Only the latest search may answer: a slow early response must not overwrite a later one.
          ({ articles: list }) => run === searchRun && (results.value = ready(list)),
          (error) => run === searchRun && (results.value = failed(error)),
        );
      }, SEARCH_DELAY_MS);
    },
    openArticle(id: string) {
      wantedArticle = id;
      const known = articles.get(id);
      article.value = known ? ready(known) : loading;
      if (known) return;
      api.getArticle(id).then(
        ({ article: value }) => {
          articles.set(id, value);
          if (wantedArticle === id) article.value = ready(value);
        },
        (error) => wantedArticle === id && (article.value = failed(error)),
      );
    },
  };
}

export type HelpCenter = ReturnType<typeof createHelpCenter>;
