/**
 * POST …/requests — a new request from the contact form: anonymous, or as a signed-in member when a
 * bearer token comes with it (a bad token is refused, never treated as anonymous).
 */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from './typed.js';
import { CreatedRequestBody, ErrorBody, NewRequest, SiteParams } from '../contract/types.js';
import { submitRequest } from '../services/requests.js';
import { authenticateMember, bearerToken, sessionSubject } from '../auth/member-session.js';
import { ApiError } from '../errors.js';
import { clientAddress } from '../limits/client-address.js';
import { createCcAllowance } from '../services/portal-limits.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

export async function requestRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { config } = app.porthole;
  const takeCcs = createCcAllowance(app.porthole.windows, app.porthole.clock);

  routes.post(
    '/:site/requests',
    {
      schema: { params: SiteParams, body: NewRequest, response: { 201: CreatedRequestBody, '4xx': ErrorBody } },
      config: {
        rateLimit: {
          max: config.submitLimit.max,
          timeWindow: config.submitLimit.windowMs,
          // Signed-in members are counted per member, so colleagues behind one office address do not
          // use up each other's allowance; everyone else — and any token that fails verification —
          // per address, so a made-up token can neither open a fresh allowance nor spend a member's.
          keyGenerator: (request) => {
            const member = sessionSubject(app, request);
            return member ? `submit:${request.site.id}:member:${member}` : `submit:${request.site.id}:${clientAddress(request)}`;
          },
        },
      },
    },
    async (request, reply) => {
      const idempotencyKey = request.headers['idempotency-key'];
      if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey))) {
        throw new ApiError(400, 'validation_failed', 'Idempotency-Key must be 8–128 visible ASCII characters.', { 'Idempotency-Key': 'is not valid' });
      }
      const member = bearerToken(request) === undefined ? undefined : await authenticateMember(app, request);
      const outcome = await submitRequest(app.porthole, request.site, request.body, { member, idempotencyKey, takeCcs });
      if (outcome.replayed) reply.header('Idempotency-Replayed', 'true');
      return reply.code(outcome.statusCode).send(outcome.body);
    },
  );
}
