/**
 * GET …/sites/:site/events — a signed-in member's live updates: changes to requests they may see.
 * EventSource cannot send an Authorization header and tokens stay out of URLs, so the widget reads
 * this stream with fetch and a bearer header. A session from a mail link hears of its one request only.
 */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from './typed.js';
import { ErrorBody, SiteParams } from '../contract/types.js';
import { authenticateMember } from '../auth/member-session.js';
import { openEventStream } from './event-stream.js';
import type { RequestChanged } from '../services/events.js';

export async function memberEventRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  routes.get('/:site/events', { schema: { params: SiteParams, response: { '4xx': ErrorBody } } }, async (request, reply) => {
    const { scope, expiresAt } = await authenticateMember(app, request, { narrowsToLinkedRequest: true });
    const identities = new Set(scope.identityIds);
    const mayHearOf = (event: RequestChanged) =>
      event.endUserIds.some((id) => identities.has(id)) || (scope.organizationId !== null && event.organizationId === scope.organizationId);
    openEventStream(app, request, reply, {
      siteId: scope.siteId,
      // One person, however many sessions: a new session (or mail link) does not buy more streams.
      holder: { kind: 'member', id: `${scope.siteId}:${scope.memberId}` },
      // A session from a mail link hears of its one request only.
      accepts: (event) => (scope.onlyRequest === null || event.number === scope.onlyRequest) && mayHearOf(event),
      endsAt: expiresAt,
    });
  });
}
