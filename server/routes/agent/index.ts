/** Everything under /api/v1/agent/. No CORS here on purpose: only the inbox page (same origin) and programs call it. */
import type { FastifyInstance } from 'fastify';
import { agentSessionRoutes } from './session.js';
import { agentRequestRoutes } from './requests.js';
import { agentEventRoutes } from './events.js';
import { agentAttachmentRoutes } from './attachments.js';

export async function agentApi(app: FastifyInstance): Promise<void> {
  await app.register(agentSessionRoutes);
  await app.register(agentRequestRoutes);
  await app.register(agentEventRoutes);
  await app.register(agentAttachmentRoutes);
}
