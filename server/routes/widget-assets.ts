/**
 * Serves the built widget: `/widget.js` (the loader every host page pays for), `/widget/…`
 * (content-hashed panel chunks) and `/widget/porthole.d.ts` (the host API's types, for a host's TypeScript). Host pages on any origin load them, so they carry
 * `Access-Control-Allow-Origin: *` (module chunks are fetched with CORS) and
 * `Cross-Origin-Resource-Policy: cross-origin` (helmet's same-origin default would block them).
 * Files are read once at start: they only change with a new build, which means a restart.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { typedRoutes } from './typed.js';
import { AssetParams } from '../contract/types.js';
import { notFound } from '../errors.js';

interface Asset {
  body: Buffer;
  etag: string;
}

const LOADER_CACHE = 'public, max-age=300, stale-while-revalidate=3600';
const CHUNK_CACHE = 'public, max-age=31536000, immutable';
const JAVASCRIPT = 'text/javascript; charset=utf-8';

function readAssets(dir: string): { loader?: Asset; types?: Asset; chunks: Map<string, Asset> } {
  const asset = (path: string): Asset => {
    const body = readFileSync(path);
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
  };
  const chunkDir = join(dir, 'chunks');
  const chunks = new Map<string, Asset>();
  if (existsSync(chunkDir)) for (const name of readdirSync(chunkDir)) if (name.endsWith('.js')) chunks.set(name, asset(join(chunkDir, name)));
  const optional = (name: string) => (existsSync(join(dir, name)) ? asset(join(dir, name)) : undefined);
  return { loader: optional('widget.js'), types: optional('porthole.d.ts'), chunks };
}

export async function widgetAssetRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { loader, types, chunks } = readAssets(app.porthole.config.widgetDir);
  if (!loader) app.log.warn(`no built widget in ${app.porthole.config.widgetDir}; run \`npm run build\``);

  const send = (reply: FastifyReply, asset: Asset | undefined, cacheControl: string, ifNoneMatch: string | undefined, contentType = JAVASCRIPT) => {
    if (!asset) throw notFound('That file');
    reply.headers({
      'content-type': contentType,
      'cache-control': cacheControl,
      etag: asset.etag,
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    });
    return ifNoneMatch === asset.etag ? reply.code(304).send() : reply.send(asset.body);
  };

  routes.get('/widget.js', (request, reply) => send(reply, loader, LOADER_CACHE, request.headers['if-none-match']));
  // Plain text: nothing runs it, and a browser shows it rather than offering a download.
  routes.get('/widget/porthole.d.ts', (request, reply) => send(reply, types, LOADER_CACHE, request.headers['if-none-match'], 'text/plain; charset=utf-8'));
  routes.get('/widget/chunks/:file', { schema: { params: AssetParams } }, (request, reply) =>
    send(reply, chunks.get(request.params.file), CHUNK_CACHE, request.headers['if-none-match']),
  );
}
