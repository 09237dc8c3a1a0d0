/**
 * The Help Center page's language, chosen in this order: the `ph_locale` cookie its language picker set, then the
 * browser's Accept-Language (by q value), then the site's default. A `?locale=xx` address (the picker's links) sets
 * the cookie — SameSite=Lax, a year, for this site's Help Center only — and redirects to the same address without
 * it, so the address a visitor shares names no language; a locale Porthole does not speak is ignored.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, type Locale } from '../../widget/i18n/locales.js';
import type { Config } from '../config.js';
import { readCookie } from '../auth/cookies.js';

export const LOCALE_COOKIE = 'ph_locale';
const A_YEAR_S = 365 * 24 * 60 * 60;
/** A header longer than any browser sends is not read through (each entry is parsed). */
const MAX_LANGUAGES = 32;

/**
 * The languages of an Accept-Language header that Porthole speaks, most wanted first: each tag's primary subtag
 * ("de-AT" is de), ordered by q (1 when absent; equal q keeps the header's order), q=0 and malformed q dropped.
 */
export function acceptedLocales(header: string | undefined): Locale[] {
  if (!header) return [];
  const entries = header
    .split(',')
    .slice(0, MAX_LANGUAGES)
    .flatMap((entry, position) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const qParam = params.map((param) => param.trim()).find((param) => /^q=/i.test(param));
      const q = qParam === undefined ? 1 : /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i.test(qParam) ? Number(qParam.slice(2)) : NaN;
      const language = tag.trim().split('-')[0]!.toLowerCase();
      return q > 0 && isLocale(language) ? [{ language, q, position }] : [];
    });
  entries.sort((a, b) => b.q - a.q || a.position - b.position);
  return [...new Set(entries.map((entry) => entry.language))];
}

export function pageLocale(request: FastifyRequest, siteDefault: Locale): Locale {
  const chosen = readCookie(request, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  return acceptedLocales(request.headers['accept-language'])[0] ?? siteDefault;
}

/**
 * Answers a `?locale=` request: sets the cookie and redirects to the address without it. Returns false (nothing
 * sent) when the address has no `locale` the page speaks, so the page is served as usual.
 */
export function answerLocaleChoice(request: FastifyRequest, reply: FastifyReply, config: Config, siteSlug: string): boolean {
  const url = new URL(request.url, 'http://page.invalid');
  const chosen = url.searchParams.get('locale');
  if (!isLocale(chosen)) return false;
  url.searchParams.delete('locale');
  const secure = config.publicUrl.startsWith('https:') ? '; Secure' : '';
  reply
    .code(303)
    .header('set-cookie', `${LOCALE_COOKIE}=${chosen}; Path=/help/${encodeURIComponent(siteSlug)}; Max-Age=${A_YEAR_S}; HttpOnly; SameSite=Lax${secure}`)
    .header('cache-control', 'no-store')
    .header('location', `${url.pathname}${url.search}`)
    .send();
  return true;
}
