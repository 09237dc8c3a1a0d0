/** GET …/config — the site's name, colour, plan features, contact-form categories and attachment limits. */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from './typed.js';
import { ErrorBody, SiteConfigBody, SiteParams } from '../contract/types.js';
import { describeSite } from '../services/sites.js';

export async function configRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  routes.get('/:site/config', { schema: { params: SiteParams, response: { 200: SiteConfigBody, 404: ErrorBody } } }, async (request) =>
    describeSite(app.porthole.store, request.site, app.porthole.config.attachments),
  );
}
