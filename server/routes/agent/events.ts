/** GET /api/v1/agent/events — live updates for the inbox: every change to the agent's site's requests. */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from '../typed.js';
import { ErrorBody } from '../../contract/types.js';
import { agentCredentialStillValid, authenticateAgent } from '../../auth/agent-auth.js';
import { openEventStream } from '../event-stream.js';

export async function agentEventRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  routes.get('/events', { schema: { response: { '4xx': ErrorBody } } }, async (request, reply) => {
    const agent = await authenticateAgent(app, request);
    // The stream ends when its session or token would, or within 12 hours (the inbox reconnects and so
    // re-authenticates), and within seconds of the token's revocation, the agent's removal or a password reset.
    openEventStream(app, request, reply, {
      siteId: agent.siteId,
      // Counted per agent: the inbox and their API tokens together.
      holder: { kind: 'agent', id: agent.id },
      accepts: () => true,
      endsAt: agent.credentialEndsAt,
      stillAllowed: () => agentCredentialStillValid(app, request),
    });
  });
}
