/**
 * The Help Center's HTML, rendered on the server: a shell in the site's name and colour around
 * what the address asks for (the popular articles, one article, the contact form's heading), so a
 * page can be linked, read and found without script; the page app then takes over in #help.
 * Every value from the database is escaped here except an article's HTML, which was sanitized when
 * the article was written (services/markdown.ts). The page speaks the visitor's language (page-locale.ts):
 * `<html lang dir>`, its words, and `data-locale` on the app's root (#help), which the app speaks too.
 */
import { escapeHtml } from '../services/mail-text.js';
import { tablesFor } from '../../widget/i18n/all-tables.js';
import { LOCALES, textDirection, type Locale } from '../../widget/i18n/locales.js';
import type { ArticleListRow } from '../store/types.js';
import { cssRgb, textOn, type Rgb } from '../../widget/panel/accent/accent-text.js';
import type { ArticleRow, SiteRow } from '../store/rows.js';

export type HelpWords = ReturnType<typeof tablesFor>['helpCenterMessages'];

/** Each language by its own name, as a reader of it looks for it in a list of languages. */
const OWN_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', ar: 'العربية' };

export const HELP_ASSETS = '/help/_assets/';

/** What the build made (dist/help-center/manifest.json); names are [A-Za-z0-9-.]. */
export interface HelpBuild {
  script: string;
  stylesheet: string | null;
}

export type HelpContent =
  | { view: 'home'; articles: ArticleListRow[] }
  | { view: 'article'; article: Pick<ArticleRow, 'title' | 'html' | 'locale'> }
  | { view: 'contact'; heading: string }
  | { view: 'page'; heading: string }
  | { view: 'not-found' };

// Only a hex colour reaches the <style> element: the admin command checks it, and this keeps it so.
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** #0f766e or #0f7 → [15, 118, 110]: the header's text colour is chosen here, so it is right before any script. */
const hexRgb = (hex: string): Rgb => {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d) : [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  return digits.map((d) => parseInt(d, 16)) as Rgb;
};

export const siteHome = (site: SiteRow) => `/help/${site.slug}`;
export const articleUrl = (site: SiteRow, id: string) => `${siteHome(site)}/articles/${encodeURIComponent(id)}`;

function titleOf(words: HelpWords, site: SiteRow | undefined, content: HelpContent): string {
  if (!site) return words.notFoundTitle;
  if (content.view === 'article') return words.pageTitle(content.article.title, site.name);
  if (content.view === 'page') return words.pageTitle(content.heading, site.name);
  if (content.view === 'not-found') return `${words.notFoundTitle} · ${words.title(site.name)}`;
  return words.title(site.name);
}

function mainOf(words: HelpWords, site: SiteRow | undefined, content: HelpContent): string {
  switch (content.view) {
    case 'home':
      return `<h2>${escapeHtml(words.popular)}</h2>
<ul class="hc-articles">
${content.articles.map((a) => `<li lang="${escapeHtml(a.locale)}" dir="${textDirection(a.locale)}"><a href="${escapeHtml(articleUrl(site!, a.id))}">${escapeHtml(a.title)}</a>${a.excerpt ? `<p>${escapeHtml(a.excerpt)}</p>` : ''}</li>`).join('\n')}
</ul>`;
    case 'article':
      return `<article lang="${escapeHtml(content.article.locale)}" dir="${textDirection(content.article.locale)}"><h2>${escapeHtml(content.article.title)}</h2>
<div class="prose">${content.article.html}</div></article>`;
    case 'contact':
    case 'page':
      return `<h2>${escapeHtml(content.heading)}</h2>`;
    case 'not-found':
      return `<h2>${escapeHtml(words.notFoundTitle)}</h2>
<p>${escapeHtml(words.notFoundBody)}</p>${site ? `\n<p><a href="${escapeHtml(siteHome(site))}">${escapeHtml(words.home)}</a></p>` : ''}`;
  }
}

/**
 * The footer's language picker: a link per language to this address with `?locale=xx` (page-locale.ts sets the
 * cookie and comes back here), each named in its own language and marked with it, the page's own marked current.
 */
function languagePicker(words: HelpWords, locale: Locale, path: string): string {
  const links = LOCALES.map((each) => {
    const current = each === locale ? ' aria-current="true"' : '';
    const href = `${path}?locale=${each}`;
    return `<li><a href="${escapeHtml(href)}" lang="${each}" hreflang="${each}" dir="${textDirection(each)}"${current}>${escapeHtml(OWN_NAMES[each])}</a></li>`;
  }).join('');
  return `<footer class="hc-foot"><nav class="hc-column" aria-label="${escapeHtml(words.languages)}"><ul class="hc-languages">${links}</ul></nav></footer>`;
}

export interface HelpPage {
  build: HelpBuild;
  site: SiteRow | undefined;
  content: HelpContent;
  nonce: string;
  /** The page's language (page-locale.ts). */
  locale: Locale;
  /** The address's path, which the language picker's links return to. */
  path: string;
  /** What the page's writes to the portal API must carry (auth/csrf.ts). */
  csrfToken?: string;
  /** The browser sent a portal session cookie (HttpOnly, so the app cannot see it): the app asks whether it is still good; without one it asks nothing (and logs no 401). */
  portalCookie?: boolean;
}

/** The page. Its one script and style element carry the response's nonce; a page that is not found gets no script at all. */
export function helpPageHtml({ build, site, content, nonce, locale, path, csrfToken = '', portalCookie = false }: HelpPage): string {
  const words = tablesFor(locale).helpCenterMessages;
  const color = site && HEX_COLOR.test(site.color) ? site.color : '';
  const app = site && content.view !== 'not-found';
  // A site's chosen theme paints from the first byte (page.css); 'auto' is the visitor's system setting, no attribute.
  const theme = site && site.theme !== 'auto' ? ` data-theme="${escapeHtml(site.theme)}"` : '';
  return `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}"${theme}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(titleOf(words, site, content))}</title>
<link rel="icon" href="data:,">
${build.stylesheet ? `<link rel="stylesheet" href="${HELP_ASSETS}${build.stylesheet}">\n` : ''}${color ? `<style nonce="${nonce}">:root{--ph-accent:${color};--ph-on-accent:${cssRgb(textOn(hexRgb(color)))}}</style>\n` : ''}${app ? `<script type="module" nonce="${nonce}" src="${HELP_ASSETS}${build.script}"></script>\n` : ''}</head>
<body>
<header class="hc-top"><div class="hc-column"><h1 class="hc-site">${site ? `<a href="${escapeHtml(siteHome(site))}">${escapeHtml(words.title(site.name))}</a>` : escapeHtml(words.notFoundTitle)}</h1></div></header>
<main class="hc-column"${app ? ` id="help" data-site="${escapeHtml(site.slug)}" data-locale="${locale}" data-csrf="${escapeHtml(csrfToken)}"${portalCookie ? ' data-portal-cookie' : ''} aria-label="${escapeHtml(words.appLabel)}"` : ''}>
${mainOf(words, site, content)}
</main>
${site ? languagePicker(words, locale, path) : ''}
</body>
</html>
`;
}
