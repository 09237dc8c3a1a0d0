/**
 * The Help Center's account API under /api/v1/sites/:site/portal: ask for a link, spend one (the
 * page posts the token from the URL fragment), set a password, sign in and out. The session rides
 * in the portal cookie (auth/portal-cookie.ts).
 *
 * Only the Help Center's own pages may call these: a host page the site allows may call the
 * widget's API, never sign a browser in or out here — a sign-in posted from elsewhere would sign the
 * browser into an account of the attacker's choosing (login CSRF). So every write must come from the
 * server's origin (or send none), carry the CSRF token its page was served with (auth/csrf.ts: no
 * other page, not even one of this origin that was not served it, has it) and a JSON body.
 *
 * `POST member-session` is how the Help Center reaches the person's requests: a member session of
 * the widget's member API, for the person this session acts as, good only while this session lives.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { typedRoutes } from './typed.js';
import {
  EmptyBody,
  ErrorBody,
  NoContent,
  PortalLinkAnswer,
  PortalLinkRequest,
  PortalLinkSpend,
  PortalPassword,
  PortalPasswordSet,
  PortalSessionBody,
  PortalSignIn,
  SessionBody,
  SiteParams,
} from '../contract/types.js';
import { carriesPortalCsrf, portalCookieOf, setPortalCookie } from '../auth/portal-cookie.js';
import { presentMember } from '../services/members.js';
import { clientAddress } from '../limits/client-address.js';
import { ApiError } from '../errors.js';
import { createPortalLimits } from '../services/portal-limits.js';
import { requestLink, spendLink } from '../services/portal-links.js';
import { setPassword } from '../services/portal-passwords.js';
import { personOfSession, portalSession, signIn, signOut, signOutEverywhere } from '../services/portal-sessions.js';

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { porthole } = app;
  const limits = createPortalLimits(porthole.windows, porthole.clock);
  const ownOrigin = new URL(porthole.config.publicUrl).origin;
  const fromHelpCenter = async (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin) throw new ApiError(403, 'origin_not_allowed', 'Use the Help Center page for this.');
    if (!carriesPortalCsrf(request, porthole.csrf)) throw new ApiError(403, 'csrf_token_invalid', 'This page is out of date. Reload it and try again.');
  };
  const sessionBody = (email: string, passwordGrantUntil: string | null): PortalSessionBody => ({
    email,
    canSetPassword: passwordGrantUntil !== null && Date.parse(passwordGrantUntil) > porthole.clock().getTime(),
  });

  routes.post(
    '/:site/portal/links',
    { onRequest: fromHelpCenter, schema: { params: SiteParams, body: PortalLinkRequest, response: { 202: PortalLinkAnswer, '4xx': ErrorBody } } },
    async (request, reply) => {
      const asked = await requestLink(porthole, limits, { siteSlug: request.site.slug, ...request.body, clientAddress: clientAddress(request) });
      await reply.code(202).send(asked.answer);
      // After the answer, so its timing is the same for every address. A failure here loses one mail,
      // which the person asks again for; it is logged, never an unhandled rejection.
      asked.deliver().catch((error: unknown) => request.log.error({ err: error }, 'could not store a Help Center link'));
      return reply;
    },
  );

  routes.post(
    '/:site/portal/links/spend',
    { onRequest: fromHelpCenter, schema: { params: SiteParams, body: PortalLinkSpend, response: { 200: PortalSessionBody, '4xx': ErrorBody } } },
    async (request, reply) => {
      const spent = await spendLink(porthole, request.site.id, request.body.token);
      setPortalCookie(reply, porthole.config, request.site.slug, spent.token);
      return sessionBody(spent.account.email, spent.passwordGrantUntil);
    },
  );

  routes.post(
    '/:site/portal/password',
    { onRequest: fromHelpCenter, schema: { params: SiteParams, body: PortalPassword, response: { 200: PortalPasswordSet, '4xx': ErrorBody } } },
    async (request) => setPassword(porthole, request.site.id, portalCookieOf(request), request.body.password),
  );

  routes.get('/:site/portal/session', { schema: { params: SiteParams, response: { 200: PortalSessionBody, '4xx': ErrorBody } } }, async (request) => {
    const session = await portalSession(porthole, request.site.id, portalCookieOf(request));
    return sessionBody(session.account.email, session.passwordGrantUntil);
  });

  routes.post(
    '/:site/portal/session',
    { onRequest: fromHelpCenter, schema: { params: SiteParams, body: PortalSignIn, response: { 200: PortalSessionBody, '4xx': ErrorBody } } },
    async (request, reply) => {
      const { token, account } = await signIn(porthole, limits, { siteSlug: request.site.slug, ...request.body, clientAddress: clientAddress(request) });
      setPortalCookie(reply, porthole.config, request.site.slug, token);
      return sessionBody(account.email, null);
    },
  );

  routes.post(
    '/:site/portal/member-session',
    { onRequest: fromHelpCenter, schema: { params: SiteParams, body: EmptyBody, response: { 200: SessionBody, '4xx': ErrorBody } } },
    async (request) => {
      const { person, sessionHash } = await personOfSession(porthole, request.site, portalCookieOf(request));
      return { ...app.memberSessions.issue(person, { portalSession: sessionHash }), member: presentMember(person) };
    },
  );

  // "Sign out everywhere": every session of the account, this browser's too.
  routes.delete(
    '/:site/portal/sessions',
    { onRequest: fromHelpCenter, schema: { params: SiteParams, response: { 200: PortalPasswordSet, '4xx': ErrorBody } } },
    async (request, reply) => {
      const endedSessions = await signOutEverywhere(porthole, request.site.id, portalCookieOf(request));
      setPortalCookie(reply, porthole.config, request.site.slug, null);
      return { endedSessions };
    },
  );

  routes.delete(
    '/:site/portal/session',
    { onRequest: fromHelpCenter, schema: { params: SiteParams, response: { 204: NoContent, '4xx': ErrorBody } } },
    async (request, reply) => {
      const token = portalCookieOf(request);
      if (token) await signOut(porthole, token);
      setPortalCookie(reply, porthole.config, request.site.slug, null);
      return reply.code(204).send(null);
    },
  );
}
