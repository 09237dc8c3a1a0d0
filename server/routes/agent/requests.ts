/**
 * The agent API: GET /api/v1/agent/requests (the queue), GET …/requests/:id (with internal notes),
 * POST …/requests/:id/comments (a public reply or an internal note, with a status), POST
 * …/requests/:id/status. Everything is scoped to the agent's own site: another site's request is 404.
 */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from '../typed.js';
import { AgentReply, AgentRequestBody, AgentRequestParams, ErrorBody, QueueBody, QueueQuery, StatusChange } from '../../contract/types.js';
import { authenticateAgent } from '../../auth/agent-auth.js';
import { agentComment, agentQueue, agentReadRequest, agentSetStatus } from '../../services/agents.js';

export async function agentRequestRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { porthole } = app;
  app.addHook('preHandler', async (request) => {
    request.agent = await authenticateAgent(app, request);
  });

  routes.get('/requests', { schema: { querystring: QueueQuery, response: { 200: QueueBody, '4xx': ErrorBody } } }, async (request) =>
    agentQueue(porthole, request.agent!, request.query),
  );

  routes.get('/requests/:id', { schema: { params: AgentRequestParams, response: { 200: AgentRequestBody, '4xx': ErrorBody } } }, async (request) => ({
    request: await agentReadRequest(porthole, request.agent!, request.params.id),
  }));

  routes.post(
    '/requests/:id/comments',
    { schema: { params: AgentRequestParams, body: AgentReply, response: { 201: AgentRequestBody, '4xx': ErrorBody } } },
    async (request, reply) => reply.code(201).send({ request: await agentComment(porthole, request.agent!, request.params.id, request.body) }),
  );

  routes.post(
    '/requests/:id/status',
    { schema: { params: AgentRequestParams, body: StatusChange, response: { 200: AgentRequestBody, '4xx': ErrorBody } } },
    async (request) => ({
      request: await agentSetStatus(porthole, request.agent!, request.params.id, request.body.status),
    }),
  );
}
