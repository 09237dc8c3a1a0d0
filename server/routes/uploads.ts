/**
 * What every upload route shares (the widget's and Help Center's under /api/v1/sites/:site, the
 * agents' under /api/v1/agent): the raw file as the body, handed on as the request stream — never
 * buffered, so the global body limit does not apply and memory holds a chunk at a time; the server's
 * slow-client guard (server/http/slow-client-guard.ts) still watches it arrive. Registered in the
 * upload routes' own scope: no other route takes a body that is not JSON.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import type { Uploader } from '../store/types.js';
import type { AttachmentBody, AttachmentUploadQuery } from '../contract/types.js';
import { keepAttachment, tooLarge } from '../files/intake.js';

export function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}

const NOTHING: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: async function* () {} };

const incomplete = () => new ApiError(400, 'upload_incomplete', 'The file did not arrive whole. Try again.');

/**
 * The body as it arrives — and a failure, not an end, when the connection closes before all of it
 * came (the slow-client guard's 408, a client gone). Node neither ends nor fails a request whose
 * answer was already sent when its socket closes: read on, it would wait forever, its file half
 * written. Destroyed with an error instead, the read fails, and the storage deletes what it wrote.
 */
async function* whole(body: IncomingMessage): AsyncIterable<Uint8Array> {
  const cutOff = () => {
    if (!body.readableEnded) body.destroy(incomplete());
  };
  body.socket.once('close', cutOff);
  try {
    for await (const chunk of body) yield chunk as Uint8Array;
  } finally {
    body.socket.off('close', cutOff);
  }
}

/** Keeps the request's body as `uploader`'s file on the site; answers 201 with it. */
export async function answerUpload(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  upload: { siteId: string; uploader: Uploader; query: AttachmentUploadQuery },
): Promise<AttachmentBody> {
  const { siteId, uploader } = upload;
  // A file declared bigger than the limit is refused before a byte of it is read.
  const { maxBytes } = app.porthole.config.attachments;
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const attachment = await keepAttachment(app.porthole, {
    siteId,
    uploader,
    filename: upload.query.filename,
    declaredType: request.headers['content-type'],
    // A body-less POST has no stream to hand on: an empty file, refused as such.
    body: request.body === undefined ? NOTHING : whole(request.body as IncomingMessage),
  });
  reply.code(201);
  return { attachment };
}
