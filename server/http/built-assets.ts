/**
 * The content-hashed files `node build.mjs` writes for a page app (the inbox, the Help Center),
 * read once at start (they only change with a new build, which means a restart) and served as
 * immutable, with an ETag for the browser's repeat request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const ASSET_CACHE = 'public, max-age=31536000, immutable';
const CONTENT_TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

export interface Asset {
  body: Buffer;
  etag: string;
  contentType: string;
}

export function readAssets(dir: string, names: string[]): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of names) {
    const body = readFileSync(join(dir, name));
    const contentType = CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    assets.set(name, { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });
  }
  return assets;
}

export function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
  reply.headers({ 'content-type': asset.contentType, 'cache-control': ASSET_CACHE, etag: asset.etag });
  return request.headers['if-none-match'] === asset.etag ? reply.code(304).send() : reply.send(asset.body);
}
