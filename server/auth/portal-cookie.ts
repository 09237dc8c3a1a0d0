/**
 * The Help Center's session cookie: HttpOnly, SameSite=Lax (a link from a mail or another site
 * still arrives signed in; a cross-site form post carries no cookie), Secure when PUBLIC_URL is
 * https. It is scoped to one site's Help Center pages and its portal API, so neither the inbox,
 * the widget's API nor another site's Help Center ever receives it — two cookies, one per path,
 * with the same token.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { readCookie } from './cookies.js';

const PORTAL_COOKIE = 'porthole_portal';

const pathsOf = (siteSlug: string) => [`/help/${encodeURIComponent(siteSlug)}`, `/api/v1/sites/${encodeURIComponent(siteSlug)}/portal`];

export const portalCookieOf = (request: FastifyRequest): string | undefined => readCookie(request, PORTAL_COOKIE);

/** Sets the session's cookie, or clears it (`null`). */
export function setPortalCookie(reply: FastifyReply, config: Config, siteSlug: string, token: string | null): void {
  const secure = config.publicUrl.startsWith('https:') ? '; Secure' : '';
  reply.header(
    'set-cookie',
    pathsOf(siteSlug).map((path) => `${PORTAL_COOKIE}=${token ?? ''}; Path=${path}; HttpOnly; SameSite=Lax${secure}${token ? '' : '; Max-Age=0'}`),
  );
}
