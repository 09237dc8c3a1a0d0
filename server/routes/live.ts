/**
 * GET …/sites/:site/events — a signed-in member's live updates: changes to requests they may see.
 * EventSource cannot send an Authorization header and tokens stay out of URLs, so the widget reads
 * this stream with fetch and a bearer header.
 */
import type { FastifyInstance } from 'fastify';
import { ErrorBody, SiteParams } from '../contract/types.js';
import { authenticateMember } from '../auth/member-session.js';
import { openEventStream } from './event-stream.js';

export async function memberEventRoutes(app: FastifyInstance): Promise<void> {
  app.get('/:site/events', { schema: { params: SiteParams, response: { '4xx': ErrorBody } } }, async (request, reply) => {
    const { scope, expiresAt } = await authenticateMember(app, request);
    const identities = new Set(scope.identityIds);
    openEventStream(app, request, reply, {
      siteId: scope.siteId,
      accepts: (event) => event.endUserIds.some((id) => identities.has(id)) || (scope.organizationId !== null && event.organizationId === scope.organizationId),
      endsAt: expiresAt,
    });
  });
}
