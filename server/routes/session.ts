/**
 * POST …/session — exchanges a host-signed member token for a session. Failed attempts are limited
 * per site and address (guessing), successful ones per site and member (a leaked signing loop), so
 * colleagues behind one office address never lock each other out. Both are counted before the
 * token is checked (parallel guesses cannot slip under the limit) and given back when the outcome
 * is not the kind the limit counts: a replayed token is a failure, never a member's success.
 */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from './typed.js';
import { ErrorBody, SessionBody, SessionRequest, SiteParams } from '../contract/types.js';
import { openFromLink, presentMember, signInMember } from '../services/members.js';
import { countingFailures, createAttemptLimiter } from '../services/attempt-limiter.js';
import { clientAddress } from '../limits/client-address.js';

const TEN_MINUTES = 10 * 60 * 1000;

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { store, clock, windows } = app.porthole;
  const failures = createAttemptLimiter(windows('member sign-in failures'), { max: 20, windowMs: TEN_MINUTES }, clock);
  const successes = createAttemptLimiter(windows('member sign-ins'), { max: 60, windowMs: TEN_MINUTES }, clock);

  routes.post('/:site/session', { schema: { params: SiteParams, body: SessionRequest, response: { 200: SessionBody, '4xx': ErrorBody } } }, async (request) => {
    const { site } = request;
    const member = await countingFailures([[failures, `${site.id}:${clientAddress(request)}`]], () =>
      signInMember(store, site, request.body.token, clock, (sub) => successes.reserve(`${site.id}:${sub}`)),
    );
    return { ...app.memberSessions.issue(member), member: presentMember(member) };
  });

  // The link in a notification mail: a session for that recipient and that one request.
  routes.post(
    '/:site/session/link',
    { schema: { params: SiteParams, body: SessionRequest, response: { 200: SessionBody, '4xx': ErrorBody } } },
    async (request) => {
      const { site } = request;
      const { member, number } = await countingFailures([[failures, `${site.id}:${clientAddress(request)}`]], () =>
        openFromLink(app.porthole, site, request.body.token),
      );
      return { ...app.memberSessions.issue(member, { onlyRequest: number }), member: presentMember(member) };
    },
  );
}
