/** GET …/articles (suggestions for a page, or search with `q`) and GET …/articles/:id. */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from './typed.js';
import { ArticleBody, ArticleListBody, ArticleParams, ArticlesQuery, ErrorBody, SiteParams } from '../contract/types.js';
import { findArticles, readArticle, suggestArticles } from '../services/articles.js';

export async function articleRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { store } = app.porthole;

  routes.get(
    '/:site/articles',
    { schema: { params: SiteParams, querystring: ArticlesQuery, response: { 200: ArticleListBody, 404: ErrorBody } } },
    async (request) => {
      const { q, url, limit } = request.query;
      const articles = q?.trim() ? await findArticles(store, request.site, q, limit) : await suggestArticles(store, request.site, url, limit);
      return { articles: articles.map((article) => ({ ...article, locale: 'en' as const })) }; // TEMPORARY (issue 13)
    },
  );

  routes.get('/:site/articles/:id', { schema: { params: ArticleParams, response: { 200: ArticleBody, 404: ErrorBody } } }, async (request) => ({
    article: await readArticle(store, request.site, request.params.id),
  }));
}
