/**
 * The Help Center's account API under /api/v1/sites/:site/portal: ask for a link, spend one (the
 * page posts the token from the URL fragment), set a password, sign in and out. The session rides
 * in the portal cookie (auth/portal-cookie.ts).
 *
 * Only the Help Center's own pages may call these (or programs sending no Origin): a host page the
 * site allows may call the widget's API, never sign a browser in or out here — a sign-in posted
 * from elsewhere would sign the browser into an account of the attacker's choosing (login CSRF).
 * Each takes a JSON body (a plain form post cannot send one) and the cookie is SameSite=Lax.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { typedRoutes } from './typed.js';
import {
  ErrorBody,
  NoContent,
  PortalLinkAnswer,
  PortalLinkRequest,
  PortalLinkSpend,
  PortalPassword,
  PortalPasswordSet,
  PortalSessionBody,
  PortalSignIn,
  SiteParams,
} from '../contract/types.js';
import { portalCookieOf, setPortalCookie } from '../auth/portal-cookie.js';
import { clientAddress } from '../limits/client-address.js';
import { ApiError } from '../errors.js';
import { createPortalLimits } from '../services/portal-limits.js';
import { requestLink, spendLink } from '../services/portal-links.js';
import { setPassword } from '../services/portal-passwords.js';
import { portalSession, signIn, signOut } from '../services/portal-sessions.js';

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { porthole } = app;
  const limits = createPortalLimits(porthole.windows, porthole.clock);
  const ownOrigin = new URL(porthole.config.publicUrl).origin;
  const fromHelpCenter = async (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin) throw new ApiError(403, 'origin_not_allowed', 'Use the Help Center page for this.');
  };
  const sessionBody = (email: string, passwordGrantUntil: string | null): PortalSessionBody => ({
    email,
    canSetPassword: passwordGrantUntil !== null && Date.parse(passwordGrantUntil) > porthole.clock().getTime(),
  });

  routes.post(
    '/:site/portal/links',
    { onRequest: fromHelpCenter, schema: { params: SiteParams, body: PortalLinkRequest, response: { 202: PortalLinkAnswer, '4xx': ErrorBody } } },
    async (request, reply) => {
      const answer = await requestLink(porthole, limits, { siteSlug: request.site.slug, ...request.body, clientAddress: clientAddress(request) });
      return reply.code(202).send(answer);
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
