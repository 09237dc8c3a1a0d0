/**
 * GET /api/v1/files/:id/<name>?e=…&s=… — a file, for whoever holds a URL the server signed
 * (files/download-urls.ts; issued only with a view its reader may see). A missing or wrong signature
 * is 404, as for a file that does not exist; an expired one 410 `link_expired`. Served so that
 * nothing in it can run on this origin: always nosniff, a sandboxing CSP, a script-less type
 * (files/file-types.ts), and `attachment` — only the allow-listed raster images `inline`, and only
 * they fetchable from other sites' pages (the widget previews them on host pages). The name is
 * for the person saving it; the stored name is what the answer gives.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { typedRoutes } from './typed.js';
import { ApiError, notFound } from '../errors.js';
import { isInlineImage, servedType } from '../files/file-types.js';

// The name is the wildcard, not a `:name` parameter: Fastify will not match a parameter longer than 100 characters, and a name may be 255.
const FileParams = Type.Object({ id: Type.String({ maxLength: 64 }), '*': Type.String({ maxLength: 4096 }) });
const SignedQuery = Type.Object({ e: Type.Optional(Type.String({ maxLength: 20 })), s: Type.Optional(Type.String({ maxLength: 100 })) });

export async function fileRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { store, files, clock } = app.porthole;

  routes.get('/:id/*', { schema: { params: FileParams, querystring: SignedQuery } }, async (request, reply) => {
    const { id } = request.params;
    const signed = files.urls.check(id, request.query.e, request.query.s);
    if (signed.kind === 'forged') throw notFound('That file');
    if (signed.kind === 'expired') throw new ApiError(410, 'link_expired', 'This download link has expired. Open the conversation again for a new one.');
    const file = await store.attachments.findClaimed(id);
    const bytes = file && (await files.storage.open(file.siteId, file.storageKey));
    if (!file || !bytes) throw notFound('That file');

    const inline = isInlineImage(file.contentType);
    const maxAge = Math.max(0, Math.floor((signed.until - clock().getTime()) / 1000));
    return reply
      .header('content-type', servedType(file.contentType))
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cross-origin-resource-policy', inline ? 'cross-origin' : 'same-site')
      .header('cache-control', `private, max-age=${maxAge}`)
      .send(bytes);
  });
}

/** RFC 6266 with RFC 5987's `filename*` for the real name, and a plain-ASCII `filename` for old clients. */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
