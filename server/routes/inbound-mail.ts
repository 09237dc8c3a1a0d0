/**
 * `POST /api/v1/inbound/mail`: the HTTP door of the inbound pipeline, for mail providers that forward
 * by HTTP. The body is the raw message (`Content-Type: message/rfc822`), authenticated by
 * `Authorization: Bearer <INBOUND_SECRET>` — compared in constant time, and checked before the body
 * is read. Without INBOUND_SECRET the route does not exist (404); a wrong secret is 401; a body over
 * INBOUND_MAX_BYTES is 413 (logged). The answer is 202 with what became of the mail.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError, notFound } from '../errors.js';
import type { InboundPipeline } from '../mail/inbound/receive.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function inboundMailRoutes(receive: InboundPipeline) {
  return async (app: FastifyInstance): Promise<void> => {
    const { secret, maxBytes } = app.porthole.config.inbound;
    // Hashed first, so the comparison takes as long whatever the length of what was sent.
    const expected = secret && digest(`Bearer ${secret}`);
    app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));

    app.post(
      '/mail',
      {
        bodyLimit: maxBytes,
        onRequest: async (request) => {
          if (!expected) throw notFound('That page');
          if (!timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
            throw new ApiError(401, 'unauthorized', 'Send Authorization: Bearer <INBOUND_SECRET>.');
          }
        },
        onError: async (request, _reply, error) => {
          if ((error as { statusCode?: number }).statusCode === 413) {
            request.log.warn({ limit: maxBytes, length: request.headers['content-length'] ?? null }, 'inbound mail over INBOUND_MAX_BYTES refused (413)');
          }
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new ApiError(415, 'unsupported_media_type', 'Send the raw message as Content-Type: message/rfc822.');
        return reply.code(202).send(await receive(request.body));
      },
    );
  };
}
