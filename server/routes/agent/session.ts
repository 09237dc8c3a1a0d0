/**
 * POST /api/v1/agent/session (sign in: sets the inbox cookie), DELETE (sign out), GET …/me.
 * Sign-in attempts are limited per address and per email, so guessing is slow and one agent's
 * typos do not lock out a colleague.
 */
import type { FastifyInstance } from 'fastify';
import { AgentBody, AgentSignIn, ErrorBody } from '../../contract/types.js';
import { authenticateAgent, sessionCookieOf, setSessionCookie } from '../../auth/agent-auth.js';
import { createAttemptLimiter } from '../../services/attempt-limiter.js';
import { describeAgent, signInAgent, signOutAgent } from '../../services/agents.js';
import { normalizeEmail } from '../../contract/rules.js';
import { ApiError } from '../../errors.js';

const TEN_MINUTES = 10 * 60 * 1000;

export async function agentSessionRoutes(app: FastifyInstance): Promise<void> {
  const { porthole } = app;
  const byAddress = createAttemptLimiter(20, TEN_MINUTES, porthole.clock);
  const byEmail = createAttemptLimiter(10, TEN_MINUTES, porthole.clock);

  app.post('/session', { schema: { body: AgentSignIn, response: { 200: AgentBody, '4xx': ErrorBody } } }, async (request, reply) => {
    // A sign-in posted from another site would sign the browser into an account of the attacker's
    // choosing (login CSRF): only the inbox page itself, or programs sending no Origin, may sign in.
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== new URL(porthole.config.publicUrl).origin) {
      throw new ApiError(403, 'origin_not_allowed', 'Sign in from the inbox page.');
    }
    const { email, password } = request.body as AgentSignIn;
    const keys = [`ip:${request.ip}`, `email:${normalizeEmail(email)}`] as const;
    byAddress.check(keys[0]);
    byEmail.check(keys[1]);
    try {
      const { token, agent } = await signInAgent(porthole, email, password);
      setSessionCookie(reply, token);
      return describeAgent(porthole, agent);
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 401) {
        byAddress.record(keys[0]);
        byEmail.record(keys[1]);
      }
      throw error;
    }
  });

  app.delete('/session', { schema: { response: { '4xx': ErrorBody } } }, async (request, reply) => {
    await authenticateAgent(app, request);
    const token = sessionCookieOf(request);
    if (token) await signOutAgent(porthole, token);
    setSessionCookie(reply, null);
    return reply.code(204).send();
  });

  app.get('/me', { schema: { response: { 200: AgentBody, '4xx': ErrorBody } } }, async (request) => describeAgent(porthole, await authenticateAgent(app, request)));
}
