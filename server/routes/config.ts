/** GET …/config — the site's name, colour, plan features and contact-form categories. */
import type { FastifyInstance } from 'fastify';
import { ErrorBody, SiteConfigBody, SiteParams } from '../contract/types.js';
import { describeSite } from '../services/sites.js';

export async function configRoutes(app: FastifyInstance): Promise<void> {
  app.get('/:site/config', { schema: { params: SiteParams, response: { 200: SiteConfigBody, 404: ErrorBody } } }, async (request) =>
    describeSite(app.porthole.db, request.site),
  );
}
