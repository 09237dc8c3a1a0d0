/**
 * One article, as the server rendered and sanitized it. In the panel it rides in a chunk fetched
 * after the first open (../later-views.ts), so that one carries only what shows the suggestions.
 */
import { contactMessages, messages } from '../../i18n/words.js';
import { Notice, Skeleton } from '../components/Notice.js';
import { trustedArticleHtml } from '../trusted-html.js';
import { adoptArticleStyles } from './article-styles.js';
import type { ViewModel } from '../state.js';

export function ArticleView({ model }: { model: ViewModel }) {
  // Before its first paint: the article's styles join the panel's in the shadow root (once).
  adoptArticleStyles(model.root);
  const article = model.help.article.value;
  if (article.state === 'loading') return <Skeleton view />;
  if (article.state === 'error') {
    return (
      <div class="view">
        <Notice text={article.error.status === 404 ? contactMessages.articleMissing : messages.offline} />
      </div>
    );
  }
  return (
    // In its own language (the site's default fills in for one not translated), read in that voice and direction.
    <article class="view article" aria-labelledby="ph-article-title" lang={article.value.locale} dir="auto">
      <h3 id="ph-article-title" class="article-heading" tabIndex={-1} data-autofocus>
        {article.value.title}
      </h3>
      {/* Sanitized on the server (no scripts, styles or handlers); see server/services/markdown.ts. */}
      <div class="prose" dangerouslySetInnerHTML={{ __html: trustedArticleHtml(article.value.html) as string }} />
      <div class="contact-prompt">
        <p>{messages.contactPrompt}</p>
        <button type="button" class="primary" onClick={() => model.navigation.show({ name: 'contact' })}>
          {messages.contactUs}
        </button>
      </div>
    </article>
  );
}
