/**
 * POST …/session — exchanges a host-signed member token for a session. Failed attempts are limited
 * per site and address (guessing), successful ones per site and member (a leaked signing loop), so
 * colleagues behind one office address never lock each other out.
 */
import type { FastifyInstance } from 'fastify';
import { ErrorBody, SessionBody, SessionRequest, SiteParams } from '../contract/types.js';
import { openFromLink, presentMember, signInMember } from '../services/members.js';
import { createAttemptLimiter } from '../services/attempt-limiter.js';
import { ApiError } from '../errors.js';

const TEN_MINUTES = 10 * 60 * 1000;

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock } = app.porthole;
  const failures = createAttemptLimiter(20, TEN_MINUTES, clock);
  const successes = createAttemptLimiter(60, TEN_MINUTES, clock);

  app.post(
    '/:site/session',
    { schema: { params: SiteParams, body: SessionRequest, response: { 200: SessionBody, '4xx': ErrorBody } } },
    async (request) => {
      const addressKey = `${request.site.id}:${request.ip}`;
      failures.check(addressKey);
      let member;
      try {
        member = await signInMember(db, request.site, (request.body as SessionRequest).token, clock, (sub) => {
          const memberKey = `${request.site.id}:${sub}`;
          successes.check(memberKey);
          successes.record(memberKey);
        });
      } catch (error) {
        if (error instanceof ApiError && error.statusCode === 401) failures.record(addressKey);
        throw error;
      }
      return { ...app.memberSessions.issue(member), member: presentMember(member) };
    },
  );

  // The link in a notification mail: a session for that recipient and that one request.
  app.post(
    '/:site/session/link',
    { schema: { params: SiteParams, body: SessionRequest, response: { 200: SessionBody, '4xx': ErrorBody } } },
    async (request) => {
      const addressKey = `${request.site.id}:${request.ip}`;
      failures.check(addressKey);
      try {
        const { member, number } = await openFromLink(app.porthole, request.site, (request.body as SessionRequest).token);
        return { ...app.memberSessions.issue(member, number), member: presentMember(member) };
      } catch (error) {
        if (error instanceof ApiError && error.statusCode === 401) failures.record(addressKey);
        throw error;
      }
    },
  );
}
