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
import type { Csrf } from './csrf.js';
import { newSecret } from './secrets.js';

const PORTAL_COOKIE = 'porthole_portal';
/** The browser's own random value that the Help Center's CSRF token is made from (auth/csrf.ts). */
const CSRF_COOKIE = 'porthole_csrf';

const pathsOf = (siteSlug: string) => [`/help/${encodeURIComponent(siteSlug)}`, `/api/v1/sites/${encodeURIComponent(siteSlug)}/portal`];

export const portalCookieOf = (request: FastifyRequest): string | undefined => readCookie(request, PORTAL_COOKIE);

const cookiesOf = (config: Config, siteSlug: string, name: string, value: string | null, sameSite: 'Lax' | 'Strict') => {
  const secure = config.publicUrl.startsWith('https:') ? '; Secure' : '';
  return pathsOf(siteSlug).map((path) => `${name}=${value ?? ''}; Path=${path}; HttpOnly; SameSite=${sameSite}${secure}${value ? '' : '; Max-Age=0'}`);
};

/** Sets the session's cookie, or clears it (`null`). */
export function setPortalCookie(reply: FastifyReply, config: Config, siteSlug: string, token: string | null): void {
  reply.header('set-cookie', cookiesOf(config, siteSlug, PORTAL_COOKIE, token, 'Lax'));
}

/**
 * The CSRF token for the page being served: made from the browser's CSRF cookie, which is set now
 * when it has none (Strict: no other site's page ever makes the browser send it).
 */
export function portalCsrfToken(reply: FastifyReply, services: { config: Config; csrf: Csrf }, siteSlug: string): string {
  let held = readCookie(reply.request, CSRF_COOKIE);
  if (!held) {
    held = newSecret();
    reply.header('set-cookie', cookiesOf(services.config, siteSlug, CSRF_COOKIE, held, 'Strict'));
  }
  return services.csrf.tokenFor('portal', held);
}

/** Whether a write to the portal API carries the CSRF token of the browser's cookie. */
export const carriesPortalCsrf = (request: FastifyRequest, csrf: Csrf): boolean => csrf.carries(request, 'portal', readCookie(request, CSRF_COOKIE));
