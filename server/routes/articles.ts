/** GET …/articles (suggestions for a page, or search with `q`) and GET …/articles/:id, in the visitor's `locale`. */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from './typed.js';
import { ArticleBody, ArticleListBody, ArticleParams, ArticleQuery, ArticlesQuery, ErrorBody, SiteParams } from '../contract/types.js';
import { findArticles, localeChoice, readArticle, suggestArticles } from '../services/articles.js';

export async function articleRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { store } = app.porthole;

  routes.get(
    '/:site/articles',
    { schema: { params: SiteParams, querystring: ArticlesQuery, response: { 200: ArticleListBody, 404: ErrorBody } } },
    async (request) => {
      const { q, url, limit, locale } = request.query;
      const choice = localeChoice(request.site, locale);
      const articles = q?.trim() ? await findArticles(store, request.site, q, choice, limit) : await suggestArticles(store, request.site, url, choice, limit);
      return { articles };
    },
  );

  routes.get(
    '/:site/articles/:id',
    { schema: { params: ArticleParams, querystring: ArticleQuery, response: { 200: ArticleBody, 404: ErrorBody } } },
    async (request) => ({ article: await readArticle(store, request.site, request.params.id, request.query.locale) }),
  );
}
