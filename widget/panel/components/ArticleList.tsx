/** A list of article titles with teasers; choosing one opens it in the panel. `focused`: the article whose link takes focus when the view opens. */
import type { ArticleSummary } from '../../../server/contract/types.js';

export function ArticleList({ articles, onOpen, focused }: { articles: ArticleSummary[]; onOpen: (id: string) => void; focused?: string }) {
  return (
    <ul class="articles">
      {articles.map((article) => (
        // An article may be in the site's default language rather than the panel's: it says which.
        <li key={article.id} lang={article.locale} dir="auto">
          <button type="button" class="article-link" data-autofocus={article.id === focused ? '' : undefined} onClick={() => onOpen(article.id)}>
            <span class="article-title">{article.title}</span>
            {article.excerpt && <span class="article-excerpt">{article.excerpt}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
