/**
 * What every upload route shares (the widget's and Help Center's under /api/v1/sites/:site, the
 * agents' under /api/v1/agent): the raw file as the body, handed on as the request stream — never
 * buffered, so the global body limit does not apply and memory holds a chunk at a time; the server's
 * slow-client guard (server/http/slow-client-guard.ts) still watches it arrive. Registered in the
 * upload routes' own scope: no other route takes a body that is not JSON.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Uploader } from '../store/types.js';
import type { AttachmentBody, AttachmentUploadQuery } from '../contract/types.js';
import { keepAttachment } from '../files/intake.js';

export function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}

const NOTHING: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: async function* () {} };

/** Keeps the request's body as `uploader`'s file on the site; answers 201 with it. */
export async function answerUpload(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  upload: { siteId: string; uploader: Uploader; query: AttachmentUploadQuery },
): Promise<AttachmentBody> {
  const { siteId, uploader } = upload;
  const attachment = await keepAttachment(app.porthole, {
    siteId,
    uploader,
    filename: upload.query.filename,
    declaredType: request.headers['content-type'],
    // A body-less POST has no stream to hand on: an empty file, refused as such.
    body: (request.body as AsyncIterable<Uint8Array> | undefined) ?? NOTHING,
  });
  reply.code(201);
  return { attachment };
}
