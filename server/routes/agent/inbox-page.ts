/**
 * The support team's inbox page: `GET /agent` and `GET /agent/*` answer one small HTML document
 * (the app routes on the client), and `/agent/assets/<file>` the content-hashed script and
 * stylesheet that `node build.mjs` puts in dist/inbox/ beside dist/widget/, named in its
 * manifest.json. Same origin as the agent API, so no CORS headers; a strict CSP of its own, since
 * the page holds a signed-in agent's CSRF token. The session cookie never comes here (its Path is
 * the agent API): the page asks GET /me who is signed in.
 * Files are read once at start: they only change with a new build, which means a restart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { typedRoutes } from '../typed.js';
import { AssetParams } from '../../contract/types.js';
import { ApiError, notFound } from '../../errors.js';
import { hasSignedInMark } from '../../auth/agent-auth.js';
import { readAssets, sendAsset, type Asset } from '../../http/built-assets.js';

export const INBOX_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const ASSET_PATH = '/agent/assets/';
interface InboxBuild {
  html: string;
  /** The same page marked `data-session="none"`: the browser certainly has no inbox session. */
  signedOutHtml: string;
  assets: Map<string, Asset>;
}

function readInboxBuild(dir: string): InboxBuild | undefined {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { script: string; stylesheet: string | null };
  const assets = readAssets(dir, manifest.stylesheet ? [manifest.script, manifest.stylesheet] : [manifest.script]);
  const html = pageHtml(manifest.script, manifest.stylesheet);
  return { html, signedOutHtml: html.replace('<body>', '<body data-session="none">'), assets };
}

/**
 * Whether the browser certainly has no inbox session: it sent no signed-in mark (the cookie that
 * sign-in sets for this page, since the session cookie is the API's alone) on a navigation that
 * would have carried one. The mark is SameSite=Strict, so a link followed from another site (a
 * notification opened in webmail) arrives without it even when the agent is signed in; only
 * same-site and typed-in (`none`) navigations tell. The page then shows sign-in at once instead of
 * asking GET /me for a certain 401, which browsers log as an error on every signed-out visit.
 */
const SITES_THAT_SEND_THE_COOKIE = new Set(['same-origin', 'same-site', 'none']);
const certainlySignedOut = (request: FastifyRequest) => !hasSignedInMark(request) && SITES_THAT_SEND_THE_COOKIE.has(String(request.headers['sec-fetch-site']));

// The build's file names are [A-Za-z0-9-]; nothing from a request ever reaches this document.
const pageHtml = (script: string, stylesheet: string | null) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Porthole inbox</title>
<link rel="icon" href="data:,">
${stylesheet ? `<link rel="stylesheet" href="${ASSET_PATH}${stylesheet}">\n` : ''}<script type="module" src="${ASSET_PATH}${script}"></script>
</head>
<body>
<div id="inbox"></div>
</body>
</html>
`;

export async function inboxPageRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  // dist/inbox sits beside dist/widget (both come from build.mjs).
  const dir = join(dirname(app.porthole.config.widgetDir), 'inbox');
  const build = readInboxBuild(dir);
  if (!build) app.log.warn(`no built inbox in ${dir}; run \`npm run build\``);

  const page = (request: FastifyRequest, reply: FastifyReply) => {
    // /agent/assets/ without a file name is not a page.
    if (request.url.startsWith(ASSET_PATH)) throw notFound('That file');
    if (!build) throw new ApiError(503, 'inbox_not_built', 'The inbox has not been built on this server.');
    return reply
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // Replaces helmet's general policy with the page's own (and its framing rule to match).
        'content-security-policy': INBOX_CSP,
        'x-frame-options': 'DENY',
      })
      .send(certainlySignedOut(request) ? build.signedOutHtml : build.html);
  };

  routes.get('/agent', page);
  routes.get('/agent/*', page);
  routes.get('/agent/assets/:file', { schema: { params: AssetParams } }, (request, reply) => {
    const asset = build?.assets.get(request.params.file);
    if (!asset) throw notFound('That file');
    return sendAsset(request, reply, asset);
  });
}
