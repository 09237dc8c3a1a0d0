/** GET …/articles (suggestions for a page, or search with `q`) and GET …/articles/:id. */
import type { FastifyInstance } from 'fastify';
import { ArticleBody, ArticleListBody, ArticleParams, ArticlesQuery, ErrorBody, SiteParams } from '../contract/types.js';
import { findArticles, readArticle, suggestArticles } from '../services/articles.js';

export async function articleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.porthole;

  app.get(
    '/:site/articles',
    { schema: { params: SiteParams, querystring: ArticlesQuery, response: { 200: ArticleListBody, 404: ErrorBody } } },
    async (request) => {
      const { q, url, limit } = request.query as ArticlesQuery;
      const articles = q?.trim() ? await findArticles(db, request.site, q, limit) : await suggestArticles(db, request.site, url, limit);
      return { articles };
    },
  );

  app.get('/:site/articles/:id', { schema: { params: ArticleParams, response: { 200: ArticleBody, 404: ErrorBody } } }, async (request) => ({
    article: await readArticle(db, request.site, (request.params as { id: string }).id),
  }));
}
