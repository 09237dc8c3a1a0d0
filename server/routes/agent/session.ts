/**
 * POST /api/v1/agent/session (sign in: sets the inbox cookie), DELETE (sign out), GET …/me. Sign-in
 * and /me with the cookie answer the session's CSRF token (`csrfToken`), which the inbox page keeps
 * in memory and sends with every write (auth/agent-auth.ts).
 *
 * Failed sign-ins are limited per address, and per address and email, so guessing is slow and one
 * agent's typos do not lock out a colleague. Per email alone there is only a back-off that never
 * makes the agent wait more than a minute: that limit anyone can spend from anywhere, and a firm
 * one would let a stranger lock the agent out. Attempts are counted before the password is hashed,
 * so parallel guesses cannot all be checked against a limit none of them has reached yet.
 */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from '../typed.js';
import { AgentBody, AgentSignIn, ErrorBody, NoContent } from '../../contract/types.js';
import { agentCsrfToken, authenticateAgent, sessionCookieOf, setSessionCookie } from '../../auth/agent-auth.js';
import { countingFailures, createAttemptLimiter, type CountedOn } from '../../services/attempt-limiter.js';
import { describeAgent, signInAgent, signOutAgent } from '../../services/agents.js';
import { normalizeEmail } from '../../contract/rules.js';
import { clientAddress } from '../../limits/client-address.js';
import { ApiError } from '../../errors.js';

const MINUTE = 60 * 1000;

export async function agentSessionRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { porthole } = app;
  const { windows, clock } = porthole;
  const byAddress = createAttemptLimiter(windows('agent sign-in failures per address'), { max: 20, windowMs: 10 * MINUTE }, clock);
  const byAddressAndEmail = createAttemptLimiter(windows('agent sign-in failures per address and email'), { max: 10, windowMs: 10 * MINUTE }, clock);
  const byEmail = createAttemptLimiter(
    windows('agent sign-in failures per email'),
    { max: 20, windowMs: 60 * MINUTE, backoff: { firstMs: 1000, longestMs: MINUTE } },
    clock,
  );

  routes.post('/session', { schema: { body: AgentSignIn, response: { 200: AgentBody, '4xx': ErrorBody } } }, async (request, reply) => {
    // A sign-in posted from another site would sign the browser into an account of the attacker's
    // choosing (login CSRF): only the inbox page itself, or programs sending no Origin, may sign in.
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== new URL(porthole.config.publicUrl).origin) {
      throw new ApiError(403, 'origin_not_allowed', 'Sign in from the inbox page.');
    }
    const { email, password } = request.body;
    const [address, account] = [clientAddress(request), normalizeEmail(email)];
    // The back-off last: a pause it starts is only worth starting for an attempt that goes ahead.
    const limits: CountedOn[] = [
      [byAddress, address],
      [byAddressAndEmail, `${address} ${account}`],
      [byEmail, account],
    ];
    const { token, agent } = await countingFailures(limits, () => signInAgent(porthole, email, password));
    setSessionCookie(reply, token);
    return { ...(await describeAgent(porthole, agent)), csrfToken: agentCsrfToken(app, token) };
  });

  routes.delete('/session', { schema: { response: { 204: NoContent, '4xx': ErrorBody } } }, async (request, reply) => {
    await authenticateAgent(app, request);
    const token = sessionCookieOf(request);
    if (token) await signOutAgent(porthole, token);
    setSessionCookie(reply, null);
    return reply.code(204).send(null);
  });

  routes.get('/me', { schema: { response: { 200: AgentBody, '4xx': ErrorBody } } }, async (request) => {
    const agent = await authenticateAgent(app, request);
    return { ...(await describeAgent(porthole, agent)), ...(agent.csrfToken && { csrfToken: agent.csrfToken }) };
  });
}
