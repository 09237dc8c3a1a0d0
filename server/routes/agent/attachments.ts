/** POST /api/v1/agent/attachments?filename=… — a file for an agent's reply or note, authenticated as every agent write (cookie and CSRF token, or API token). */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from '../typed.js';
import { AttachmentBody, AttachmentUploadQuery, ErrorBody } from '../../contract/types.js';
import { authenticateAgent } from '../../auth/agent-auth.js';
import { acceptRawBodies, answerUpload } from '../uploads.js';

export async function agentAttachmentRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  acceptRawBodies(app);
  routes.post(
    '/attachments',
    { schema: { querystring: AttachmentUploadQuery, response: { 201: AttachmentBody, '4xx': ErrorBody } } },
    async (request, reply) => {
      const agent = await authenticateAgent(app, request);
      return answerUpload(app, request, reply, { siteId: agent.siteId, uploader: { kind: 'agent', id: agent.id }, query: request.query });
    },
  );
}
