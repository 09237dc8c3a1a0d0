/**
 * The agent API: GET /api/v1/agent/requests (the queue), GET …/requests/:id (with internal notes),
 * POST …/requests/:id/comments (a public reply or an internal note, with a status), POST
 * …/requests/:id/status, GET …/unverified-mail (the spam view's count) and POST …/unverified-mail/empty
 * (deletes what it holds), PUT …/requests/:id/assignee and …/tags (the team's own facts: services/team.ts) and
 * GET …/tags (the tags in use). Everything is scoped to the agent's own site: another site's request is 404.
 */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from '../typed.js';
import {
  AgentReply,
  AgentRequestBody,
  AgentRequestParams,
  AssigneeChange,
  EmptyBody,
  ErrorBody,
  QueueBody,
  QueueQuery,
  StatusChange,
  TagsChange,
  TagsInUse,
  UnverifiedMailBody,
  UnverifiedMailEmptied,
} from '../../contract/types.js';
import { authenticateAgent } from '../../auth/agent-auth.js';
import { agentComment, agentQueue, agentReadRequest, agentSetStatus } from '../../services/agents.js';
import { countUnverifiedMail, emptyUnverifiedMail } from '../../services/unverified-mail.js';
import { assignRequest, tagRequest, tagsInUse } from '../../services/team.js';

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

  routes.put(
    '/requests/:id/assignee',
    { schema: { params: AgentRequestParams, body: AssigneeChange, response: { 200: AgentRequestBody, '4xx': ErrorBody } } },
    async (request) => ({ request: await assignRequest(porthole, request.agent!, request.params.id, request.body.agentId) }),
  );

  routes.put(
    '/requests/:id/tags',
    { schema: { params: AgentRequestParams, body: TagsChange, response: { 200: AgentRequestBody, '4xx': ErrorBody } } },
    async (request) => ({ request: await tagRequest(porthole, request.agent!, request.params.id, request.body.tags) }),
  );

  routes.get('/tags', { schema: { response: { 200: TagsInUse, '4xx': ErrorBody } } }, async (request) => tagsInUse(porthole, request.agent!));

  routes.get('/unverified-mail', { schema: { response: { 200: UnverifiedMailBody, '4xx': ErrorBody } } }, async (request) => ({
    count: await countUnverifiedMail(porthole, request.agent!),
  }));

  routes.post('/unverified-mail/empty', { schema: { body: EmptyBody, response: { 200: UnverifiedMailEmptied, '4xx': ErrorBody } } }, async (request) => ({
    deleted: await emptyUnverifiedMail(porthole, request.agent!),
  }));
}
