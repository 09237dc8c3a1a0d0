/**
 * The Help Center's public pages: `GET /help/<site>` (popular articles, search), `/help/<site>/articles/<id>`
 * (that article, rendered here so it can be linked and found) and `/help/<site>/contact`, each the
 * same page app on a different view, and `/help/_assets/<file>` its built files (no site is called
 * `_assets`: slugs start with a letter or digit), and the sign-in and requests addresses (`/signin`,
 * `/requests/<n>`…), whose views only the app can fill. An unknown site or article is an HTML 404 page.
 *
 * The page shares its origin with the agent inbox, so it runs under a strict CSP of its own: a new
 * nonce per response for its one script and style element ('strict-dynamic' lets that script load
 * its chunks), and Trusted Types, where only the widget's `porthole` policy may make HTML.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { typedRoutes } from '../routes/typed.js';
import { AssetParams, SLUG_PATTERN } from '../contract/types.js';
import { ApiError, notFound } from '../errors.js';
import { readAssets, sendAsset, type Asset } from '../http/built-assets.js';
import { tablesFor } from '../../widget/i18n/all-tables.js';
import type { Locale } from '../../widget/i18n/locales.js';
import type { SiteRow } from '../store/rows.js';
import { findArticleIn, localeChoice } from '../services/articles.js';
import { answerLocaleChoice, pageLocale } from './page-locale.js';
import { portalCookieOf, portalCsrfToken } from '../auth/portal-cookie.js';
import { helpPageHtml, type HelpBuild, type HelpContent, type HelpWords } from './page-html.js';

const POPULAR_COUNT = 10;
const SLUG = new RegExp(SLUG_PATTERN);

export const helpCsp = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; ` +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types porthole";

function readHelpBuild(dir: string): { build: HelpBuild; assets: Map<string, Asset> } | undefined {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as HelpBuild & { files: string[] };
  return { build: manifest, assets: readAssets(dir, manifest.files) };
}

export async function helpCenterRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { store } = app.porthole;
  // An address that cannot be a slug is not looked up.
  const sites = { find: (slug: string) => (SLUG.test(slug) ? app.porthole.sites.find(slug) : Promise.resolve(undefined)) };
  // dist/help-center sits beside dist/widget (both come from build.mjs).
  const dir = join(dirname(app.porthole.config.widgetDir), 'help-center');
  const built = readHelpBuild(dir);
  if (!built) app.log.warn(`no built Help Center in ${dir}; run \`npm run build\``);

  /**
   * Serves a page in the visitor's language (page-locale.ts), or first takes a `?locale=` choice and comes back
   * without it. `content` says what the address shows, in that language.
   */
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    site: SiteRow | undefined,
    content: (page: { locale: Locale; words: HelpWords }) => HelpContent | Promise<HelpContent>,
  ) => {
    if (site && answerLocaleChoice(request, reply, app.porthole.config, site.slug)) return reply;
    const locale = pageLocale(request, site?.locale ?? 'en');
    const shown = await content({ locale, words: tablesFor(locale).helpCenterMessages });
    const portalCookie = Boolean(portalCookieOf(reply.request));
    if (!built) throw new ApiError(503, 'helpcenter_not_built', 'The Help Center has not been built on this server.');
    const nonce = randomBytes(16).toString('base64');
    const csrfToken = site ? portalCsrfToken(reply, app.porthole, site.slug) : '';
    const path = new URL(request.url, 'http://page.invalid').pathname;
    return reply
      .code(shown.view === 'not-found' ? 404 : 200)
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The language follows these (page-locale.ts).
        vary: 'Cookie, Accept-Language',
        // Replaces helmet's general policy with the page's own (and its framing rule to match).
        'content-security-policy': helpCsp(nonce),
        'x-frame-options': 'DENY',
      })
      .send(helpPageHtml({ build: built.build, site, content: shown, nonce, locale, path, csrfToken, portalCookie }));
  };
  const notFoundPage = () => ({ view: 'not-found' }) as const;

  routes.get('/help/_assets/:file', { schema: { params: AssetParams } }, (request, reply) => {
    const asset = built?.assets.get(request.params.file);
    if (!asset) throw notFound('That file');
    return sendAsset(request, reply, asset);
  });

  const home = async (request: FastifyRequest<{ Params: { site: string } }>, reply: FastifyReply) => {
    const site = await sites.find(request.params.site);
    return answer(request, reply, site, async ({ locale }) =>
      site ? { view: 'home', articles: await store.articles.popular(site.id, localeChoice(site, locale), POPULAR_COUNT) } : notFoundPage(),
    );
  };
  routes.get<{ Params: { site: string } }>('/help/:site', home);
  routes.get<{ Params: { site: string } }>('/help/:site/', home);

  routes.get<{ Params: { site: string } }>('/help/:site/contact', async (request, reply) => {
    const site = await sites.find(request.params.site);
    return answer(request, reply, site, ({ locale }) => (site ? { view: 'contact', heading: tablesFor(locale).contactMessages.contactTitle } : notFoundPage()));
  });

  // An article in the page's language when it has that translation (services/articles.ts).
  routes.get<{ Params: { site: string; id: string } }>('/help/:site/articles/:id', async (request, reply) => {
    const site = await sites.find(request.params.site);
    return answer(request, reply, site, async ({ locale }) => {
      const article = site && (await findArticleIn(store, site, request.params.id, locale));
      return article ? { view: 'article', article } : notFoundPage();
    });
  });

  // The account's views and a signed-in person's requests: the app decides what they show (the
  // sign-in, when nobody is), the shell says where the visitor is.
  const accountPages: Record<string, (words: HelpWords) => string> = {
    signin: (words) => words.signInTitle,
    password: (words) => words.passwordTitle,
    'signin-link': (words) => words.signInLinkTitle,
    'choose-password': (words) => words.choosePasswordTitle,
    requests: (words) => words.myRequests,
    'requests/new': (words) => words.submitRequest,
  };
  for (const [path, heading] of Object.entries(accountPages)) {
    routes.get<{ Params: { site: string } }>(`/help/:site/${path}`, async (request, reply) => {
      const site = await sites.find(request.params.site);
      return answer(request, reply, site, ({ words }) => (site ? { view: 'page', heading: heading(words) } : notFoundPage()));
    });
  }
  routes.get<{ Params: { site: string; number: string } }>('/help/:site/requests/:number', async (request, reply) => {
    const site = await sites.find(request.params.site);
    const number = /^\d{1,15}$/.test(request.params.number) ? request.params.number : undefined;
    return answer(request, reply, site, ({ words }) => (site && number ? { view: 'page', heading: words.requestTitle(number) } : notFoundPage()));
  });

  // Any other address under /help is a page that is not there, said in HTML like the rest.
  routes.get<{ Params: { site: string } }>('/help/:site/*', async (request, reply) =>
    answer(request, reply, await sites.find(request.params.site), notFoundPage),
  );
}
